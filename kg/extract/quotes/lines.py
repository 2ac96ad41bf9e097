"""Quotes that a line's layout attributes: a headline ("Doe: Harbour Deal Is Dead", "Jane Doe Says She
Will Run", "Harbour Deal Is Dead, Doe Says") and a transcript's speaker labels ("JANE DOE: We will not
give up."). A headline sums up what someone said, so its quote is indirect; a transcript line gives
the speaker's own words. The label must name a person or organisation of the article."""
from __future__ import annotations

import re

from ...model import ORG_KINDS, PERSON, Quote, Span
from ..lexicon import fold
from .core import QuoteFinder

LABEL = re.compile(r"([^\s:\"“‘'][^:\n\"“”]{0,58}?):[ \t]+(\S[^\n]*)")
NOT_LABELS = {"q", "a", "update", "note", "photo", "source", "watch", "read more", "related", "editor's note"}


class LineQuotes(QuoteFinder):
    """Headline and transcript-label quotes (a mixin of the article's quote finder)."""

    def lines(self) -> list[Quote]:
        out: list[Quote] = []
        for pi, ((ps, pe), _) in enumerate(self.paragraphs):
            head = pi == 0 and pe - ps <= 200
            m = LABEL.match(self.text, ps, pe)
            if m and len(m.group(1).split()) <= 6 and fold(m.group(1)) not in NOT_LABELS \
                    and self.text[m.start(2)] not in "\"“‘'":   # (quoted words after a label: a direct quote's)
                g = self.named(m.start(1), m.end(1))
                if g is not None and not head and not m.group(1).isupper() and self._fragment(m.start(2), pe):
                    continue   # "Doe: Now or never.": a reporter's heading for a candidate, not words said
                if g is not None:
                    self._add(out, g, m.start(2), pe, "indirect" if head else "direct", ":", 0.7 if head else 0.5,
                              "quotes.headline-label" if head else "quotes.transcript")
                    continue
            if head:
                self.headline(out, ps, pe)
        return out

    def _fragment(self, a: int, b: int) -> bool:
        """A few words with no subject ("Now or never.", "Survive to the primary."): a heading's gloss.
        A transcript in capitals ("DOE: Why not?") keeps its short turns."""
        span = self.doc.char_span(a, b, alignment_mode="expand")
        words = [t for t in span or [] if t.is_alpha]
        return span is not None and len(words) <= 5 and not any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in span)

    def headline(self, out: list[Quote], ps: int, pe: int) -> None:
        """"Jane Doe Says She Will Run Again", "Jane Doe says she will run again" and "Harbour Deal Is Dead,
        Jane Doe Says"."""
        span = self.doc.char_span(ps, pe, alignment_mode="expand")
        if span is None:
            return
        for t in span:
            lemma = self.lex.speech_form(t.text) if t.text[:1].isupper() or t.lower_ == "says" else None
            if lemma is None or self.lex.speech.get(lemma) not in ("say", "describe") or t.i == span.start:
                continue
            m = self.names.tok2mention.get(t.i - 1)
            g = self.named(self.toks[m.start].idx, self.toks[t.i - 1].idx + len(self.toks[t.i - 1])) if m else None
            if g is None:
                continue
            rest = self.text[t.idx + len(t.text):pe].strip(" .")
            lead = self.text[ps:self.toks[m.start].idx].rstrip()
            if rest and lead == "":   # "Jane Doe Says She Will Run Again, Calls Plan Unfair"
                cut = re.search(r"[,;:]\s|\s[-–—]\s", rest)
                a = t.idx + len(t.text) + len(self.text[t.idx + len(t.text):pe]) - len(self.text[t.idx + len(t.text):pe].lstrip())
                self._add(out, g, a, a + (cut.start() if cut else len(rest)), "indirect", t.text, 0.6, "quotes.headline")
            elif not rest and lead.endswith(","):   # "Harbour Deal Is Dead, Jane Doe Says."
                self._add(out, g, ps, ps + len(lead) - 1, "indirect", t.text, 0.6, "quotes.headline")
            return

    def named(self, a: int, b: int) -> int | None:
        """The person or organisation a label's words name: the name they end with, or the one entity of
        the article whose name or surname they are."""
        words = self.text[a:b].strip()
        to = re.search(r"\s+to\s+", words)
        if to and to.start() > 0:   # "Doe to the Council: ...": the speaker and whom they address
            return self.named(a, a + to.start())
        last = self.tok_at(a + len(self.text[a:b].rstrip()) - 1)
        m = self.names.tok2mention.get(last.i) if last is not None else None
        if m is not None and m.end == last.i + 1:
            before = self.toks[m.start - 1] if m.start > 0 and self.toks[m.start - 1].idx >= a else None
            if before is not None and not (self.lex.role([before.lower_]) or self.lex.honorific(before.text)
                                           or before.lower_ in self.lex.person_nouns):
                return None   # "X Endorses Jane Doe: ...": the label is a sentence, not a name
            g = m.group
        else:
            key = fold(words)
            found = {g for g, name in enumerate(self.names.names) if fold(name) == key or
                     (self.names.kinds[g] == PERSON and len(name.split()) >= 2 and fold(name.split()[-1]) == key)}
            g = found.pop() if len(found) == 1 else None
        return g if g is not None and self.names.kinds[g] in (PERSON,) + ORG_KINDS else None

    def _add(self, out: list[Quote], g: int, a: int, b: int, kind: str, cue: str, conf: float, rule: str) -> None:
        text = self.text[a:b].rstrip(" .") if kind == "indirect" else self.text[a:b].rstrip()   # (a headline's stop)
        if sum(any(c.isalpha() for c in w) for w in text.split()) < 3:
            return   # "Labour: 1,048 (59.6%)": a results line, not words said
        out.append(Quote(g, Span(a, a + len(text), text), kind, cue, None, conf, rule))
