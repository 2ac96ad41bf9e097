#!/usr/bin/env python3
"""Generate kg/vocab.py from ontology/kg.ttl.

Every term the package uses, ours or reused, is declared in the ontology file;
this script turns those declarations into rdflib DefinedNamespace classes with
``_fail = True``, so a misspelt term is an AttributeError, not a new IRI.

usage: python tools/gen_vocab.py [--check]
"""
import sys
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, SKOS

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "kg.ttl"
TARGET = ROOT / "kg" / "vocab.py"
KINDS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
         OWL.NamedIndividual, SKOS.Concept, SKOS.ConceptScheme}
# Python names of the generated classes, by the prefix used in the ontology file.
CLASS_NAMES = {"kg": "KG", "schema": "SCHEMA", "org": "ORG", "pe": "PE", "prov": "PROV",
               "oa": "OA", "skos": "SKOS"}


def render() -> str:
    g = Graph(bind_namespaces="none").parse(ONTOLOGY)
    prefixes = {str(ns): p for p, ns in g.namespaces() if p in CLASS_NAMES}
    kinds = KINDS | set(g.subjects(RDF.type, OWL.Class))  # instances of our classes (kg:Role)
    terms: dict[str, set[str]] = {ns: set() for ns in prefixes}
    for s, o in g.subject_objects(RDF.type):
        if o not in kinds or not isinstance(s, URIRef):
            continue
        for ns in prefixes:
            if str(s).startswith(ns) and str(s) != ns:
                terms[ns].add(str(s)[len(ns):])
    lines = [
        '"""Namespaces of every term kg uses, generated from ontology/kg.ttl.',
        "",
        "Do not edit: run `python tools/gen_vocab.py` after changing the ontology.",
        '"""',
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        '__all__ = [' + ", ".join(f'"{CLASS_NAMES[prefixes[ns]]}"' for ns in sorted(prefixes, key=prefixes.get)) + "]",
        "",
        f'ONTOLOGY_IRI = "{next(g.subjects(RDF.type, OWL.Ontology))}"',
    ]
    for ns in sorted(prefixes, key=prefixes.get):
        name = CLASS_NAMES[prefixes[ns]]
        lines += ["", "", f"class {name}(DefinedNamespace):",
                  f'    """Terms of {ns} that kg uses."""', "",
                  f'    _NS = Namespace("{ns}")', "    _fail = True", ""]
        lines += [f"    {t}: URIRef" for t in sorted(terms[ns])]
    # Concept schemes by notation: {"RoleScheme": {"leader": KG.RoleLeader, ...}}.
    schemes: dict[str, dict[str, str]] = {}
    for concept, scheme in g.subject_objects(SKOS.inScheme):
        notation = g.value(concept, SKOS.notation)
        if notation is not None:
            schemes.setdefault(_local(str(scheme), prefixes), {})[str(notation)] = _local(str(concept), prefixes)
    lines += ["", "", "# Concepts of each scheme by their skos:notation.", "NOTATIONS = {"]
    for scheme in sorted(schemes):
        lines.append(f'    "{scheme.split(".")[-1]}": {{')
        lines += [f'        "{n}": {term},' for n, term in sorted(schemes[scheme].items())]
        lines.append("    },")
    lines += ["}"]
    lines += ["", "", "PREFIXES = {"]
    lines += [f'    "{prefixes[ns]}": "{ns}",' for ns in sorted(prefixes, key=prefixes.get)]
    lines += ["}", ""]
    return "\n".join(lines)


def _local(term: str, prefixes: dict[str, str]) -> str:
    """KG.RoleLeader for https://example.org/kg/ontology#RoleLeader."""
    for ns, p in prefixes.items():
        if term.startswith(ns):
            return f"{CLASS_NAMES[p]}.{term[len(ns):]}"
    raise ValueError(f"{term} is in no known namespace")


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET} is out of date: run python tools/gen_vocab.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
