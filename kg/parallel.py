"""Where the per-article work runs: in this process, in a pool of processes, or on a Dask cluster.

Parsing and extracting one article depends on no other article, so batches of
articles go to workers and their facts come back in the order the articles
came, whatever ran them: a build is the same on one core, on several, or on a
cluster. Only a few batches are in flight at a time, so memory stays bounded
however long the input. Resolution and everything after it (the reduce step)
runs in the calling process.
"""
from __future__ import annotations

import multiprocessing
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from . import nlp as nlp_stage
from .extract import extract_article
from .model import Article, ArticleFacts

_NLP = None     # the pipeline of a worker process, loaded once per process


@dataclass
class BatchResult:
    facts: list[ArticleFacts] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    parse_s: float = 0.0
    extract_s: float = 0.0


def batches(articles: Iterable[Article], size: int = 16, chars: int = 100_000) -> Iterator[list[Article]]:
    """Batches of at most ``size`` articles and, past the first, ``chars`` characters: the parser's
    memory grows with a batch's length (about 3 GB for a million characters)."""
    batch: list[Article] = []
    length = 0
    for article in articles:
        if batch and (len(batch) >= size or length + len(article.clean) > chars):
            yield batch
            batch, length = [], 0
        batch.append(article)
        length += len(article.clean)
    if batch:
        yield batch


def work(batch: list[Article], model: str | None, model_id: str, nlp=None) -> BatchResult:
    """Parse and extract one batch. An article the extractors fail on is reported, not raised."""
    global _NLP
    if nlp is None:
        if _NLP is None:
            _NLP = nlp_stage.load(model)
        nlp = _NLP
    result = BatchResult()
    docs = iter(nlp.pipe([nlp_stage.parse_text(a.clean) for a in batch], batch_size=len(batch)))
    for article in batch:
        started = time.perf_counter()
        doc = next(docs)
        parsed = time.perf_counter()
        try:
            result.facts.append(extract_article(doc, article, model_id))
        except Exception as e:   # a bug must cost one article, not the build
            result.errors.append(f"{article.meta.path}: extraction failed ({type(e).__name__}: {e})")
        result.parse_s += parsed - started
        result.extract_s += time.perf_counter() - parsed
    return result


Submit = Callable[[list[Article]], "object"]   # returns a future with .result()


def _ordered(submit: Submit, articles: Iterable[Article], window: int) -> Iterator[BatchResult]:
    """Results of every batch, in order, with at most ``window`` batches submitted and not yet taken."""
    pending: deque = deque()
    for batch in batches(articles):
        pending.append(submit(batch))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def run(articles: Iterable[Article], nlp, model: str | None, model_id: str, workers: int = 1,
        scheduler: str | None = None) -> Iterator[BatchResult]:
    """Batch results for ``articles``: here (workers=1), in ``workers`` processes, or on the Dask
    cluster whose scheduler is at ``scheduler``."""
    if scheduler:
        yield from _dask(articles, model, model_id, scheduler)
    elif workers <= 1:
        for batch in batches(articles):
            yield work(batch, model, model_id, nlp)
    else:
        global _NLP
        _NLP = nlp   # with fork, workers inherit the loaded pipeline instead of loading their own
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            yield from _ordered(lambda b: pool.submit(work, b, model, model_id), articles, 2 * workers)


def _dask(articles: Iterable[Article], model: str | None, model_id: str, scheduler: str) -> Iterator[BatchResult]:
    try:
        from dask.distributed import Client
    except ImportError:
        raise RuntimeError("the Dask executor needs dask.distributed: pip install 'kg[dask]'") from None
    with Client(scheduler, set_as_default=False) as client:
        window = 2 * max(1, sum(client.nthreads().values()))
        yield from _ordered(lambda b: client.submit(work, b, model, model_id, pure=False), articles, window)
