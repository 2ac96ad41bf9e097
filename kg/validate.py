"""Check a built graph against the SHACL shapes of ontology/shapes.ttl.

The shapes say what every fact must carry (evidence, a confidence in [0, 1],
a speaker, a role ...) and what arithmetic allows for election results (a
majority equals the winner's votes minus the runner-up's; votes are
non-negative integers).
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import rdflib
from pyshacl import validate as shacl_validate
from rdflib.namespace import SH


@dataclass(frozen=True)
class Violation:
    focus: str
    message: str
    path: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = f" ({self.path.rsplit('#', 1)[-1].rsplit('/', 1)[-1]}" + (f" = {self.value}" if self.value else "") + ")" \
            if self.path else (f" (value {self.value})" if self.value else "")
        return f"{self.focus}: {self.message}{where}"


def load_graph(source: str | Path) -> rdflib.Graph:
    """The triples of a build directory, a store directory or an RDF file, merged into one graph."""
    source = Path(source)
    if source.is_dir() and (source / "graph.ttl").is_file():
        return rdflib.Graph().parse(source / "graph.ttl", format="turtle")
    if source.is_dir():
        from pyoxigraph import RdfFormat, Store
        store = Store.read_only(str(source))
        data = store.dump(format=RdfFormat.N_QUADS)
        ds = rdflib.Dataset()
        ds.parse(data=data.decode("utf-8"), format="nquads")
        g = rdflib.Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    if not source.is_file():
        raise FileNotFoundError(f"{source}: no graph here; run kg build first")
    return rdflib.Graph().parse(source)


def validate(source: str | Path) -> list[Violation]:
    data = load_graph(source)
    with resources.files("kg.ontology").joinpath("kg.ttl").open("rb") as f:
        data.parse(f, format="turtle")   # role, status and outcome concepts are typed there
    with resources.files("kg.ontology").joinpath("shapes.ttl").open("rb") as f:
        shapes = rdflib.Graph().parse(f, format="turtle")
    conforms, report, _ = shacl_validate(data, shacl_graph=shapes, advanced=True)
    if conforms:
        return []
    out = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        value = report.value(result, SH.value)
        out.append(Violation(focus=str(report.value(result, SH.focusNode)),
                             message=str(report.value(result, SH.resultMessage)),
                             path=str(report.value(result, SH.resultPath)) if report.value(result, SH.resultPath) else None,
                             value=str(value) if value is not None else None))
    return sorted(out, key=lambda v: (v.focus, v.message))
