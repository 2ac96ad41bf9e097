"""Check a built graph against the SHACL shapes of ontology/shapes.ttl.

The shapes say what every fact must carry (evidence, a confidence in [0, 1],
a speaker, a role ...) and what arithmetic allows for election results (a
majority equals the winner's votes minus the runner-up's; votes are
non-negative integers).

The shapes file stays the one statement of these rules; this module compiles
each of its constraints into one SPARQL query that finds every node breaking
it at once, and runs them on Oxigraph. Node by node in Python (pyshacl) a
graph of a million triples took more than ten minutes; compiled, the time is
that of a few indexed joins over the graph. The compiler knows the SHACL core
terms the shapes use (targets by class, property paths that are IRIs,
sh:minCount, sh:maxCount, sh:class, sh:datatype, sh:or of datatypes, sh:in,
sh:minInclusive, sh:maxInclusive, sh:minLength) and SPARQL-based constraints;
a shape with any other term is refused, never silently skipped. The test
suite checks that pyshacl finds the same violations.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Store

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_FIRST, RDF_REST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first", "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
RDF_NIL = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil"
INSTANCE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"
KNOWN = {f"{SH}{t}" for t in ("path", "minCount", "maxCount", "class", "datatype", "or", "in", "minInclusive",
                              "maxInclusive", "minLength", "message")}


class ShapeError(Exception):
    """A shape this validator cannot check; str() is one line."""


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


@dataclass(frozen=True)
class Check:
    """One compiled constraint: its query selects ?this (and ?value) for each violation."""

    query: str
    message: str
    path: str | None = None


def load_store(source: str | Path) -> Store:
    """The quads of a build directory, a store directory or an RDF file, with the ontology."""
    source = Path(source)
    if source.is_dir() and (source / "store" / "CURRENT").is_file():
        source = source / "store"
    if source.is_dir() and (source / "CURRENT").is_file():
        return Store.read_only(str(source))   # a build's store holds the ontology in a graph of its own
    if source.is_dir() and (source / "graph.ttl").is_file():
        source = source / "graph.ttl"
    if not source.is_file():
        raise FileNotFoundError(f"{source}: no graph here; run kg build first")
    fmt = RdfFormat.from_extension(source.suffix.lstrip(".").lower()) or RdfFormat.TURTLE
    store = Store()
    try:
        store.bulk_load(path=str(source), format=fmt)
    except (SyntaxError, ValueError) as e:
        raise SyntaxError(f"{source}: {str(e).splitlines()[0]}") from None
    with resources.files("kg.ontology").joinpath("kg.ttl").open("rb") as f:
        store.bulk_load(f, RdfFormat.TURTLE)   # role, status and outcome concepts are typed there
    return store


def shapes() -> Store:
    store = Store()
    with resources.files("kg.ontology").joinpath("shapes.ttl").open("rb") as f:
        store.load(f, RdfFormat.TURTLE)
    return store


def _objects(g: Store, s, p: str) -> list:
    return [q.object for q in g.quads_for_pattern(s, NamedNode(p), None, None)]


def _one(g: Store, s, p: str):
    found = _objects(g, s, p)
    return found[0] if found else None


def _items(g: Store, head) -> list:
    out = []
    while head is not None and not (isinstance(head, NamedNode) and head.value == RDF_NIL):
        out.append(_one(g, head, RDF_FIRST))
        head = _one(g, head, RDF_REST)
    return out


def _term(t) -> str:
    return str(t)   # pyoxigraph writes IRIs as <...> and literals with their datatype


def compile_shapes(g: Store) -> list[Check]:
    checks = []
    for q in g.quads_for_pattern(None, NamedNode(RDF_TYPE), NamedNode(SH + "NodeShape"), None):
        shape = q.subject
        targets = " UNION ".join(f"{{ ?this {INSTANCE} {_term(c)} }}" for c in _objects(g, shape, SH + "targetClass"))
        if not targets:
            raise ShapeError(f"{shape}: only shapes with sh:targetClass can be checked")
        for prop in _objects(g, shape, SH + "property"):
            checks += _property(g, prop, targets)
        for sparql in _objects(g, shape, SH + "sparql"):
            checks.append(_sparql(g, sparql, targets))
        unknown = {p.predicate.value for p in g.quads_for_pattern(shape, None, None, None)} - \
            {RDF_TYPE, SH + "targetClass", SH + "property", SH + "sparql"}
        if unknown:
            raise ShapeError(f"{shape}: cannot check {', '.join(sorted(unknown))}")
    return checks


def _property(g: Store, prop, targets: str) -> list[Check]:
    terms = {q.predicate.value: q.object for q in g.quads_for_pattern(prop, None, None, None)}
    if set(terms) - KNOWN:
        raise ShapeError(f"a property shape uses {', '.join(sorted(set(terms) - KNOWN))}, which kg validate cannot check")
    path = terms[SH + "path"]
    if not isinstance(path, NamedNode):
        raise ShapeError("only property paths that are single IRIs can be checked")
    p, name = _term(path), path.value
    each = f"SELECT DISTINCT ?this ?value WHERE {{ {{ {targets} }} ?this {p} ?value . FILTER ({{}}) }}"
    out = []
    for term, value in terms.items():
        kind = term[len(SH):]
        if kind in ("minCount", "maxCount"):
            op = "<" if kind == "minCount" else ">"
            out.append(Check(f"SELECT ?this (COUNT(DISTINCT ?v) AS ?value) WHERE {{ {{ {targets} }} OPTIONAL {{ ?this {p} ?v }} }} "
                             f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) {op} {value.value})",
                             f"{'fewer' if kind == 'minCount' else 'more'} than {value.value} value"
                             f"{'s' if value.value != '1' else ''}", name))
        elif kind == "class":
            out.append(Check(each.replace("{}", f"NOT EXISTS {{ ?value {INSTANCE} {_term(value)} }}"),
                             f"a value that is not a {value.value.rsplit('/', 1)[-1].rsplit('#', 1)[-1]}", name))
        elif kind == "datatype":
            out.append(Check(each.replace("{}", f"!isLiteral(?value) || DATATYPE(?value) != {_term(value)}"),
                             f"a value that is not of type {value.value.rsplit('#', 1)[-1]}", name))
        elif kind == "or":
            kinds = [_one(g, item, SH + "datatype") for item in _items(g, value)]
            if None in kinds:
                raise ShapeError("sh:or is checked only as a choice of datatypes")
            allowed = ", ".join(_term(k) for k in kinds)
            out.append(Check(each.replace("{}", f"!isLiteral(?value) || !(DATATYPE(?value) IN ({allowed}))"),
                             "a value of none of the types " + ", ".join(k.value.rsplit("#", 1)[-1] for k in kinds), name))
        elif kind == "in":
            allowed = ", ".join(_term(v) for v in _items(g, value))
            out.append(Check(each.replace("{}", f"!(?value IN ({allowed}))"), "a value that is not one allowed", name))
        elif kind in ("minInclusive", "maxInclusive"):
            op = ">=" if kind == "minInclusive" else "<="
            out.append(Check(each.replace("{}", f"!COALESCE(?value {op} {_term(value)}, false)"),
                             f"a value {'below' if op == '>=' else 'above'} {value.value}", name))
        elif kind == "minLength":
            out.append(Check(each.replace("{}", f"isBlank(?value) || !COALESCE(STRLEN(STR(?value)) >= {value.value}, false)"),
                             f"a value shorter than {value.value}", name))
    return out


def _sparql(g: Store, node, targets: str) -> Check:
    select, message = _one(g, node, SH + "select"), _one(g, node, SH + "message")
    prefixes = ""
    for declared in _objects(g, _one(g, node, SH + "prefixes"), SH + "declare"):
        prefixes += f"PREFIX {_one(g, declared, SH + 'prefix').value}: <{_one(g, declared, SH + 'namespace').value}>\n"
    body = select.value.replace("$this", "?this")
    projected = "?this ?value" if "?value" in body.split("WHERE", 1)[0] else "?this"
    return Check(f"{prefixes}SELECT {projected} WHERE {{ {{ {targets} }} {{ {body} }} }}",
                 message.value if message is not None else "a SPARQL constraint fails")


def validate(source: str | Path) -> list[Violation]:
    data, out = load_store(source), set()
    for check in compile_shapes(shapes()):
        for row in data.query(check.query, use_default_graph_as_union=True):
            focus, value = row["this"], row["value"] if "?value" in check.query.split("WHERE", 1)[0] else None
            if focus is None:
                continue
            out.add(Violation(focus=_show(focus), message=check.message, path=check.path,
                              value=_show(value) if value is not None else None))
    return sorted(out, key=lambda v: (v.focus, v.message, v.path or "", v.value or ""))


def _show(term) -> str:
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return term.value if isinstance(term, (NamedNode, Literal)) else str(term)
