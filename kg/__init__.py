"""kg: turn a folder of news articles into a faithful, queryable knowledge graph.

    >>> import kg
    >>> report = kg.build(["examples/seeds"], out="exports")
    >>> store = kg.open_store("exports/store")
    >>> rows = kg.query(store, "SELECT ?who ?text WHERE { GRAPH ?g { ?q schema:creator ?who ; schema:text ?text } }")

Importing does nothing; the stages live in kg.ingest, kg.nlp, kg.extract,
kg.resolve, kg.graph and kg.export, and kg.pipeline runs them in order;
SPARQL is in kg.sparql and scoring against a gold standard in kg.scoring (its files read by kg.evalfiles).
"""
__version__ = "0.1.0"

__all__ = ["__version__", "build", "open_store", "query", "evaluate", "BuildReport"]


def evaluate(gold, facts) -> dict[str, float]:
    """Every metric of ``facts`` against ``gold`` by name ("quotes.e2e_f1", ...), as `kg eval --metrics`
    prints them; each argument a path to a JSON file or the loaded dictionary."""
    from .evalfiles import load
    from .scoring import evaluate as score
    gold = gold if isinstance(gold, dict) else load(str(gold), "gold")
    facts = facts if isinstance(facts, dict) else load(str(facts), "facts")
    return score(gold, facts).flat()


def __getattr__(name):   # the public API, imported on first use so that `import kg` stays cheap
    if name in ("build", "open_store", "BuildReport"):
        from . import pipeline
        return getattr(pipeline, name)
    if name == "query":
        from .sparql import query
        return query
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
