"""Quotations and who said them.

Direct quotes come from the quotation-mark scanner; each needs an attribution:
a speech verb in its sentence ("..., she said"; "He said: ..."), the
attribution of the quote before it in the paragraph (a quote interrupted by
"he said"), of the paragraph before (a quote running over paragraphs), a
pull-quote credit line, or an attributed quote it repeats (a crosshead).
Quotes with no attribution are scare quotes or quoted terms, and dropped.
Indirect quotes are the clausal complements of speech verbs and the clauses
that "according to X" hangs off. Speakers are resolved through DocNames.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..model import ORG_KINDS, PERSON, Quote, Span
from .lexicon import lexicon
from .names import DocNames
from .quotemarks import Quoted, sentences

UPWARD_DEPS = {"advcl", "conj", "xcomp", "pcomp", "prep", "acl", "relcl", "dep"}
RELATIVE = {"who", "which", "that"}
STOP = {"the", "a", "an", "of", "to", "and", "or", "in", "on", "at", "for", "that", "he", "she", "it", "they",
        "we", "i", "is", "was", "be", "had", "has", "have", "would", "will", "this", "his", "her", "their"}
CLOSERS = " ”’\"'.,;:!?…"
OBJECT_CLAUSE = {"expect", "urge", "want", "encourage", "warn", "ask", "tell", "advise", "call"}
CHARGE = {"accuse", "blame", "criticise", "criticize", "praise", "attack", "fault"}
SAY_LIKE = OBJECT_CLAUSE | CHARGE
TITLE_SMALL = {"of", "the", "a", "an", "and", "&", "in", "on", "to", "for", "at", "by", "with", "from", "or"}


@dataclass
class Attribution:
    speaker: int
    cue: str
    cue_span: Span | None
    confidence: float
    rule: str


class QuoteFinder:
    def __init__(self, doc: Doc, names: DocNames, skip_before: int = 0):
        self.doc, self.names, self.lex = doc, names, lexicon()
        self.toks = names.tokens   # one Token per word, made once
        self.text = names.text
        self.skip_before = skip_before
        self._starts = names.starts
        self.paragraphs = names.paragraphs
        self.sentences = [s for (ps, pe), qs in self.paragraphs for s in sentences(self.text, ps, pe, qs)]
        self.quoted: set[int] = set()   # every character of every quotation, its marks included
        for _, qs in self.paragraphs:
            for q in qs:
                self.quoted.update(range(q.open_mark, q.end + 1))
        # Verbs of speech, read from the shared lists: with "according (to)", the only tokens is_cue
        # accepts, so the many others are passed over without looking at their Tokens.
        speech = self.lex.speech
        self.speech_verb = [pos in ("VERB", "AUX") and bool(speech.get(lemma) or lemma in SAY_LIKE)
                            for pos, lemma in zip(names.pos, names.lemmas)]

    def sentence_at(self, char: int) -> tuple[int, int] | None:
        i = bisect_right(self.sentences, (char, len(self.text) + 1)) - 1
        return self.sentences[i] if i >= 0 and self.sentences[i][0] <= char < self.sentences[i][1] else None

    # ------------------------------------------------------------------ cues and speakers

    def tok_at(self, char: int) -> Token | None:
        """The token covering a character, if any (not whitespace between tokens)."""
        i = bisect_right(self._starts, char) - 1
        if i < 0:
            return None
        t = self.toks[i]
        return t if char < t.idx + len(t.text) else None

    def is_cue(self, t: Token) -> bool:
        if t.lower_ == "according" and t.i + 1 < len(self.doc) and self.toks[t.i + 1].lower_ == "to":
            return True
        if not self.speech_verb[t.i]:
            return False
        lemma = self.names.lemmas[t.i]
        if lemma == "go":
            return any(c.dep_ == "prt" and c.lower_ == "on" for c in t.children)
        if t.dep_ == "amod" or any(c.dep_ == "auxpass" for c in t.children):
            return False  # "the said report", "was told"
        if t.tag_ in ("VBN", "VBD") and t.i > 0 and (self.toks[t.i - 1].lemma_ == "be" or
                                                     self.toks[t.i - 1].lower_ in ("'m", "’m", "am", "'re", "’re")):
            return False  # "I'm told", "we were assured": passive, however the parser labels it
        if lemma == "ask" and not any(c.dep_ == "nsubj" for c in t.children):
            return False  # "When asked ...": the question was put to the subject
        return True

    def cue_text(self, t: Token) -> tuple[str, Span]:
        doc = self.doc
        start, end = t.i, t.i + 1
        if t.lower_ == "according":
            end = t.i + 2
        else:
            end = max([end] + [c.i + 1 for c in t.children if c.dep_ == "prt"])
            aux = [c.i for c in t.children if c.dep_ == "aux" and t.i - 2 <= c.i < t.i]
            start = min([start] + aux)
            if self.lex.speech.get(t.lemma_.lower()) == "describe":
                as_ = [c for c in t.children if c.dep_ == "prep" and c.lower_ == "as"]
                if as_:
                    end = as_[0].i + 1
        span = doc[start:end]
        return span.text, Span(span.start_char, span.end_char, span.text)

    def speaker_of(self, verb: Token) -> tuple[int | None, Token | None]:
        """The entity that performs a speech verb, walking up participles ("..., adding: ...")."""
        if verb.lower_ == "according":
            objs = [c for c in self.toks[verb.i + 1].children if c.dep_ == "pobj"]
            return (self.names.resolve(objs[0]), objs[0]) if objs else (None, None)
        t = verb
        for _ in range(5):
            subj = [c for c in t.children if c.dep_ == "nsubj"]
            if subj:
                s = subj[0]
                if s.lower_ in RELATIVE and t.dep_ == "relcl":
                    s = t.head
                return self.names.resolve(s), s
            agent = [c for c in t.children if c.dep_ == "agent"]
            pobj = [p for a in agent for p in a.children if p.dep_ == "pobj"]
            if pobj:
                return self.names.resolve(pobj[0]), pobj[0]
            if t.dep_ == "acl" and self.names.entity_at(t.head.i) is not None:
                return self.names.resolve(t.head), t.head     # "Jane declaring that ..."
            if t.dep_ not in UPWARD_DEPS or t.head is t or self._clause_break(t, t.head):
                break
            t = t.head
        return None, None

    def _clause_break(self, a: Token, b: Token) -> bool:
        """A dash, semicolon or colon between two words: a speaker is not looked for across it."""
        lo, hi = sorted((a.i, b.i))
        return any(t.text in ("–", "—", ";", ":") for t in self.toks[lo + 1:hi])

    # ------------------------------------------------------------------ direct quotes

    def direct(self) -> list[Quote]:
        out: list[Quote] = []
        paragraphs = self.paragraphs
        prev: Attribution | None = None    # attribution that carries into the next paragraph
        orphans: list[Quoted] = []
        for pi, ((ps, pe), quotes) in enumerate(paragraphs):
            last: Attribution | None = None
            for qi, q in enumerate(quotes):
                attr = self.attribute(q, quotes) or self.label(q, ps)
                if attr is None and qi > 0 and last is not None:
                    attr = Attribution(last.speaker, last.cue, last.cue_span, last.confidence * 0.95,
                                       "quotes.interrupted")
                if attr is None and qi == 0 and prev is not None and self._starts_paragraph(q, ps):
                    attr = Attribution(prev.speaker, prev.cue, prev.cue_span, 0.8, "quotes.continued")
                if attr is None:
                    attr = self.colon_subject(q)
                if attr is None:
                    attr = self.pull_quote(q, ps, pe, pi, paragraphs)
                if attr is None and self._standalone(q, ps, pe):
                    orphans.append(q)
                if attr is None or self.is_scare(q):
                    continue
                last = attr
                out.append(Quote(attr.speaker, Span(q.start, q.end, self.text[q.start:q.end]), "direct",
                                 attr.cue, attr.cue_span, round(attr.confidence, 2), attr.rule))
            # A paragraph whose quote has an attribution lends it to a next paragraph
            # that opens with a quotation mark (multi-paragraph quotes).
            prev = last if quotes and last is not None else None
        return out + self.crossheads(orphans, out)

    def _starts_paragraph(self, q: Quoted, ps: int) -> bool:
        return self.text[ps:q.open_mark].strip() == ""

    def _standalone(self, q: Quoted, ps: int, pe: int) -> bool:
        return self._starts_paragraph(q, ps) and not self.text[q.end:pe].strip(CLOSERS)

    def attribute(self, q: Quoted, quotes: list[Quoted]) -> Attribution | None:
        """The speech verb nearest to q in its sentence, outside quotes, with a resolvable speaker."""
        first, last = self.sentence_at(q.open_mark), self.sentence_at(max(q.open_mark, q.end - 1))
        if first is None or last is None:
            return None
        span = self.doc.char_span(first[0], last[1], alignment_mode="expand")
        best = None
        verbs, lowers, starts = self.speech_verb, self.names.lowers, self._starts
        for i in range(span.start, span.end) if span is not None else ():
            if not (verbs[i] or lowers[i] == "according") or starts[i] in self.quoted or not self.is_cue(t := self.toks[i]):
                continue
            distance = q.open_mark - t.idx if t.idx < q.start else t.idx - q.end
            if best is None or distance < best[0]:
                best = (distance, t)
        if best is None:
            return None
        verb = best[1]
        speaker, subj = self.speaker_of(verb)
        if speaker is None or (subj is not None and q.open_mark <= subj.idx < q.end):
            return None  # no speaker, or the quoted words are the subject ("an alleged 'source' claimed")
        cue, cue_span = self.cue_text(verb)
        pronoun = subj is not None and subj.pos_ == "PRON"
        return Attribution(speaker, cue, cue_span, 0.9 * (0.9 if pronoun else 1.0), "quotes.direct")

    def label(self, q: Quoted, ps: int) -> Attribution | None:
        """Transcript style: "Clinton: “...” Bush: “...”" — a name and a colon right before the quote."""
        lead = self.text[max(ps, q.open_mark - 60):q.open_mark]
        m = re.search(r"(?:^|[.!?”\"’]\s+|^\s*)([^\s.:;,][^.:;]{0,50}?):\s*$", lead)
        if not m:
            return None
        start = q.open_mark - len(lead) + m.start(1)
        span = self.doc.char_span(start, start + len(m.group(1)), alignment_mode="expand")
        if span is None or not len(span):
            return None
        g = self.names.entity_at(span[0].i)
        mention = self.names.tok2mention.get(span[0].i)
        if g is None or mention is None or mention.end < span.end or self.names.kinds[g] not in (PERSON,) + ORG_KINDS:
            return None
        return Attribution(g, ":", None, 0.75, "quotes.label")

    def colon_subject(self, q: Quoted) -> Attribution | None:
        """"The board was conclusive in its findings: “...”": a quote after a colon belongs to the subject."""
        sent = self.sentence_at(q.open_mark)
        if sent is None or not self.text[sent[0]:q.open_mark].rstrip().endswith(":"):
            return None
        span = self.doc.char_span(sent[0], q.open_mark, alignment_mode="contract")
        subj = next((t for t in span or [] if t.dep_ in ("nsubj", "nsubjpass") and span.start <= t.head.i < span.end), None)
        g = self.names.resolve(subj) if subj is not None else None
        if g is None or self.names.kinds[g] not in (PERSON,) + ORG_KINDS:
            return None
        return Attribution(g, ":", None, 0.6, "quotes.colon")

    def is_scare(self, q: Quoted) -> bool:
        """Not speech: a short quoted modifier inside a noun phrase (the ‘conservative’ vote), a quoted
        title (said on “Fox News Sunday.”, the book “Going Viral”), a lone word that is not a sentence,
        or a quoted date."""
        words = self.text[q.start:q.end].split()
        if len(words) == 1 and not words[0].endswith(("!", "?", ".")):
            return True
        inner = " ".join(words)[:-1]
        if 2 <= len(words) <= 5 and words[0][:1].isupper() and not re.search(r"[.!?]\s", inner) and \
                all(w[:1].isupper() or w.strip(",.").lower() in TITLE_SMALL for w in words) and not self._all_caps(words):
            return True
        lead = self.text[max(0, q.open_mark - 4):q.open_mark].lower()
        if len(words) <= 5 and re.search(r"(\bon|\bin|\bof|['’]s)\s*$", lead) and words[0][:1].isupper():
            return True
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None and all(t.ent_type_ in ("DATE", "TIME", "CARDINAL") for t in span if t.is_alpha or t.is_digit):
            return True
        if len(words) > 2 or words[-1].endswith((",", ".", "!", "?", "…")):
            return False   # a quote that ends its own clause is not a modifier of the next word
        j = q.end + 1
        while j < len(self.text) and j < q.end + 3 and self.tok_at(j) is None:
            j += 1
        nxt = self.tok_at(j)
        return nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ")

    @staticmethod
    def _all_caps(words: list[str]) -> bool:
        letters = "".join(w for w in words if any(c.isalpha() for c in w))
        return letters.isupper()

    def pull_quote(self, q: Quoted, ps: int, pe: int, pi: int, paragraphs) -> Attribution | None:
        """A paragraph that is one quote, credited on the next line: “...” / Name, Role."""
        if not self._standalone(q, ps, pe) or pi + 1 >= len(paragraphs):
            return None
        (ns, ne), _ = paragraphs[pi + 1]
        line = self.doc.char_span(ns, ne, alignment_mode="expand")
        if line is None or len(line) > 12:
            return None
        g = self.names.entity_at(line[0].i)
        if g is None or self.names.kinds[g] != PERSON:
            return None
        m = self.names.tok2mention[line[0].i]
        if m.end < line.end and self.toks[m.end].text not in (",", "-", "–", "—"):
            return None
        return Attribution(g, "pull quote", None, 0.7, "quotes.pull")

    def crossheads(self, orphans: list[Quoted], found: list[Quote]) -> list[Quote]:
        """Paragraphs that are one short quote repeated from an attributed quote (crossheads)."""
        out = []
        for q in orphans:
            words = " ".join(self.text[q.start:q.end].split()).lower().strip(".,")
            if not words or len(words.split()) > 12:
                continue
            other = next((f for f in found if words in " ".join(f.span.text.split()).lower()), None)
            if other is not None:
                out.append(Quote(other.speaker, Span(q.start, q.end, self.text[q.start:q.end]), "direct",
                                 "crosshead", None, 0.6, "quotes.crosshead"))
        return out

    # ------------------------------------------------------------------ indirect quotes

    def indirect(self, direct: list[Quote]) -> list[Quote]:
        out = []
        quoted = self.quoted
        speech, lemmas, lowers = self.lex.speech, self.names.lemmas, self.names.lowers
        # Verbs of saying and "according (to)": the only cues that report speech here.
        cues = (i for i, verb in enumerate(self.speech_verb)
                if (verb and (speech.get(lemmas[i]) == "say" or lemmas[i] in SAY_LIKE)) or lowers[i] == "according")
        for t in map(self.toks.__getitem__, cues):
            if t.idx < self.skip_before or t.idx in quoted or not self.is_cue(t):
                continue
            content = self.content_of(t)
            if content is None:
                continue
            speaker, subj = self.speaker_of(t)
            if speaker is None:
                continue
            if subj is not None and content.start <= subj.i < content.end:
                content = self._without(content, t, subj)   # "The plan, X said, is flawed"
                if content is None:
                    continue
            outside = [w for w in content if w.idx not in quoted and w.is_alpha and w.lower_ not in STOP]
            s, e = content.start_char, content.end_char
            mixed = any(c in quoted for c in range(s, e))
            if len(outside) < (3 if mixed else 2):
                continue   # all but a quoted fragment: the direct quote says it
            cue, cue_span = self.cue_text(t)
            conf = 0.7 * (0.9 if subj is not None and subj.pos_ == "PRON" else 1.0)
            out.append(Quote(speaker, Span(s, e, self.text[s:e]), "mixed" if mixed else "indirect",
                             cue, cue_span, round(conf, 2), "quotes.indirect"))
        return out

    def content_of(self, verb: Token) -> SpacySpan | None:
        """The reported clause of a speech verb, within the verb's paragraph."""
        doc = self.doc
        if verb.lower_ == "according":
            # The rest of the (quote-aware) sentence around "according to X".
            phrase = {t.i for t in verb.subtree}
            sent = self.sentence_at(verb.idx)
            span = doc.char_span(*sent, alignment_mode="expand") if sent else None
            toks = [t for t in span or [] if t.i not in phrase]
            if not toks:
                return None
            if verb.i > toks[0].i:
                start, end = toks[0].i, verb.i
            else:
                start, end = max(phrase) + 1, toks[-1].i + 1
        else:
            span = self.complement(verb)
            if span is None:
                return None
            start, end = span
            if self.toks[start].dep_ == "mark" and self.toks[start].lower_ in ("that", "whether", "if"):
                start += 1
            ps, pe = self._paragraph(verb)   # a clause never runs past its paragraph
            while start < end and self.toks[start].idx < ps:
                start += 1
            while end > start and self.toks[end - 1].idx >= pe:
                end -= 1
        while start < end and (self.toks[start].is_punct or self.toks[start].is_space) and self.toks[start].text not in "“‘\"'":
            start += 1
        while end > start and (self.toks[end - 1].is_space or self.toks[end - 1].text in (",", ";", ":", "-", "–", "—")
                               or (self.toks[end - 1].text == "." and end - 1 > start)):
            end -= 1
        return doc[start:end] if end - start >= 3 else None

    def _without(self, content: SpacySpan, verb: Token, subj: Token) -> SpacySpan | None:
        """Content with its own attribution inside ("The plan, X said, is flawed"): the whole sentence
        stands, when the attribution is set off by commas; otherwise the speaker is part of it."""
        lo = min(subj.left_edge.i, verb.i)
        return content if lo > content.start and self.toks[lo - 1].text == "," else None

    def complement(self, verb: Token) -> tuple[int, int] | None:
        """Token range of what a speech verb reports: its clause ("said (that) ..."); "X, Y said, Z" when
        it stands between commas; "expects the plan to fail"; "accused X of Y". A bare noun phrase
        ("denied wrongdoing") is not reported speech here: the clause is what a quotation carries."""
        lemma = verb.lemma_.lower()
        comps = [c for c in verb.children if c.dep_ == "ccomp"]
        if comps:
            sub = list(comps[0].subtree)
            return sub[0].i, sub[-1].i + 1
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        if objs and lemma in OBJECT_CLAUSE:   # "expects the plan to fail", "urged voters to stay home"
            xcomp = [c for c in list(objs[0].children) + list(verb.children) if c.dep_ in ("xcomp", "ccomp")]
            if xcomp:
                return objs[0].left_edge.i, xcomp[0].right_edge.i + 1
        if objs and lemma in CHARGE:   # "accused the mayor of lying"
            of = [c for c in list(verb.children) + list(objs[0].children) if c.dep_ == "prep" and c.lower_ in ("of", "for")]
            if of:
                return objs[0].left_edge.i, max(of[0].right_edge.i, objs[0].right_edge.i) + 1
        return self.parenthetical(verb)

    def parenthetical(self, verb: Token) -> tuple[int, int] | None:
        """"The plan, Tom Baker said, is flawed": the sentence around ", X said,"."""
        doc = self.doc
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return None
        lo = min(subj.left_edge.i, verb.i)
        hi = max(t.i for t in verb.subtree if t.dep_ not in ("punct",)) + 1
        if lo == 0 or self.toks[lo - 1].text != "," or hi >= len(doc) or self.toks[hi].text != ",":
            return None
        sent = self.sentence_at(verb.idx)
        if sent is None:
            return None
        span = doc.char_span(*sent, alignment_mode="expand")
        if span is None or span.start >= lo - 1:
            return None
        return span.start, span.end   # the quote-aware sentence; the ", X said," part is cut below

    def _paragraph(self, t: Token) -> tuple[int, int]:
        s = self.text.rfind("\n", 0, t.idx) + 1
        e = self.text.find("\n", t.idx)
        return s, (e if e >= 0 else len(self.text))


def find_quotes(doc: Doc, names: DocNames, skip_before: int = 0) -> list[Quote]:
    finder = QuoteFinder(doc, names, skip_before)
    direct = finder.direct()
    return direct + finder.indirect(direct)
