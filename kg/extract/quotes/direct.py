"""Direct quotes: each quoted stretch needs an attribution, a speech verb in its sentence ("..., she
said"; "He said: ..."), the attribution of the quote before it in the paragraph (a quote interrupted
by "he said"), of the paragraph before (a quote running over paragraphs), a transcript label, a
pull-quote credit line, a sentence before it that is only an attribution ("Doe said in a statement."),
or an attributed quote it repeats (a crosshead). Quotes with no attribution
are scare quotes or quoted terms, and dropped."""
from __future__ import annotations

import re

from ...model import ORG_KINDS, PERSON, Quote, Span
from ..quotemarks import Quoted
from .core import CLOSERS, RELATIVE, TELL_LIKE, TITLE_SMALL, Attribution, QuoteFinder

FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|[Ww]e|[Mm]y|[Oo]ur|us|me)\b")
# What names a work just before its quoted title ("a co-author of", "his 2005 book", "said on").
TITLE_LEAD = re.compile(r"(\b(book|books|novel|memoir|memoirs|film|movie|documentary|show|program|series|album|song|"
                        r"play|article|column|essay|titled|entitled|headlined|biography|autobiography|episode|"
                        r"magazine|newsletter|podcast|on|in|of)|['’]s)\s*,?\s*$", re.I)
ONE_WORD_REPLY = re.compile(r"[\"”’']*\s+(?:(?:[A-Z][\w.’'-]*\s+){0,3}(?:said|says|asked|added|replied|answered|"
                            r"responded)|(?:he|she|they|I|we)\s+(?:said|says|asked|added|replied|answered))\b")
REACH = 400   # characters around a quotation where its cue may stand


class DirectQuotes(QuoteFinder):
    """Direct quotes (a mixin of the article's quote finder)."""

    def direct(self) -> list[Quote]:
        out: list[Quote] = []
        paragraphs = self.paragraphs
        prev: Attribution | None = None    # attribution that carries into the next paragraph
        orphans: list[Quoted] = []
        for pi, ((ps, pe), quotes) in enumerate(paragraphs):
            last: Attribution | None = None
            for qi, q in enumerate(quotes):
                attr = self.attribute(q, quotes) or self.label(q, ps) or self.trailing(q, pe)
                own = self.cue_seen   # its own sentence attributes it (maybe to no one we know): not the last speaker
                if attr is None and qi > 0 and last is not None and not own:
                    attr = Attribution(last.speaker, last.cue, last.cue_span, last.confidence * 0.95,
                                       "quotes.interrupted", last.ref)
                if attr is None and qi == 0 and prev is not None and self._starts_paragraph(q, ps) and not own:
                    attr = Attribution(prev.speaker, prev.cue, prev.cue_span, 0.75, "quotes.continued", prev.ref)
                if attr is None:
                    attr = self.colon_subject(q)
                if attr is None and not own:
                    attr = self.intro(q, ps)
                if attr is None:
                    attr = self.pull_quote(q, ps, pe, pi, paragraphs)
                if attr is None and pi > 0 and self._standalone(q, ps, pe):
                    attr = self.context_speaker(q, paragraphs[pi - 1])
                if attr is None and q.open_mark < self.skip_before:
                    attr = self.headline_speaker(ps, pe)
                if attr is None and self._standalone(q, ps, pe):
                    orphans.append(q)
                if attr is None or self.is_scare(q):
                    continue
                last = attr
                self.emit(out, Quote(attr.speaker, Span(q.start, q.end, self.text[q.start:q.end]), "direct",
                                     attr.cue, attr.cue_span, round(attr.confidence, 2), attr.rule), attr.ref)
            # A paragraph whose quote has an attribution lends it to a next paragraph
            # that opens with a quotation mark (multi-paragraph quotes).
            prev = last if quotes and last is not None else None
        return out + self.crossheads(orphans, out)

    def trailing(self, q: Quoted, pe: int) -> Attribution | None:
        """"“...” Doe said." and "“...” said Doe.": the attribution right after the closing mark, when the
        parser put it in a sentence of its own."""
        k = self.tok_at(q.end)
        i = k.i + 1 if k is not None else None
        while i is not None and i < len(self.toks) and self.toks[i].idx < pe and self.toks[i].text in (",", "”", "’", '"', "'"):
            i += 1
        if i is None or i + 1 >= len(self.toks) or self.toks[i].idx >= pe:
            return None
        if self.names.tok2mention.get(i) is None and self.lex.honorific(self.toks[i].text) and \
                self.names.tok2mention.get(i + 1) is not None:
            i += 1   # "Mr. Doe said", the title outside the name
        m = self.names.tok2mention.get(i)
        head = self.toks[m.end - 1].head if m is not None else None
        if m is not None and m.end < len(self.toks) and self.speech_verb[m.end]:
            g, verb = m.group, self.toks[m.end]
        elif m is not None and m.end < len(self.toks) and self.toks[m.end].text == "," and \
                self.toks[m.end - 1].dep_ == "nsubj" and head.i > m.end and head.idx < pe and \
                self.speech_verb[head.i] and self.is_cue(head):
            g, verb = m.group, head   # "Jane Doe, a retired teacher, said": the name, its apposition, the verb
        elif self.speech_verb[i]:   # "said Air Force Lt. Jane Doe", "tweeted Doe spokesman Ted Roe": the person
            names = []
            for k in range(i + 1, min(len(self.toks), i + 10)):
                if self.toks[k].text in (",", ";", ":") or self.toks[k].idx >= pe or \
                        (self.toks[k].text == "." and not self.lex.honorific(self.toks[k - 1].text)):
                    break
                if self.names.tok2mention.get(k) is not None:
                    names.append(self.names.tok2mention[k].group)
            people = [x for x in names if self.names.kinds[x] == PERSON]
            if not names:
                return None
            g, verb = (people or names)[-1], self.toks[i]
        else:
            return None
        if self.names.kinds[g] not in (PERSON,) + ORG_KINDS:
            return None
        self.cue_seen = True
        return Attribution(g, verb.text, Span(verb.idx, verb.idx + len(verb.text), verb.text), 0.85, "quotes.trailing")

    def context_speaker(self, q: Quoted, before) -> Attribution | None:
        """A paragraph that is one quote, with no attribution, after a paragraph whose last sentence is
        about a person: that person speaks, when the quote is in the first person ("X has won the seat." /
        "“I feel humbled.”") or that sentence reports the person's words ("X said the campaign was fun." /
        "“The extra campaign, a lot more connections.”")."""
        (bs, be), quotes = before
        if any(x.open_mark <= bs + 1 and x.end >= be - 2 for x in quotes):
            return None   # the paragraph before is a quote itself
        sent = self.sentence_at(max(bs, be - 1))
        span = self.doc.char_span(*sent, alignment_mode="expand") if sent else None
        root = span.root if span is not None else None
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
        g = self.names.resolve(subj) if subj is not None and root.pos_ in ("VERB", "AUX") else None
        if g is None or self.names.kinds[g] != PERSON or self.names.is_anonymous(g):
            return None
        if not FIRST_PERSON.search(self.text[q.start:q.end]) and self.lex.speech.get(root.lemma_.lower()) != "say":
            return None   # (in the speaker's own voice, or after a sentence that reports the speaker's words)
        return Attribution(g, "", None, 0.65, "quotes.context")

    def headline_speaker(self, ps: int, pe: int) -> Attribution | None:
        """A quote in a headline that names one person ("X wins by landslide - 'I feel humbled'"): theirs."""
        span = self.doc.char_span(ps, pe, alignment_mode="expand")
        people = {g for t in span or [] for g in [self.names.entity_at(t.i)]
                  if g is not None and self.names.kinds[g] == PERSON and t.idx not in self.quoted}
        return Attribution(people.pop(), "", None, 0.6, "quotes.headline-quote") if len(people) == 1 else None

    def _starts_paragraph(self, q: Quoted, ps: int) -> bool:
        return self.text[ps:q.open_mark].strip() == ""

    def _standalone(self, q: Quoted, ps: int, pe: int) -> bool:
        return self._starts_paragraph(q, ps) and not self.text[q.end:pe].strip(CLOSERS)

    def attribute(self, q: Quoted, quotes: list[Quoted]) -> Attribution | None:
        """The speech verb nearest to q in its sentence, outside quotes, with a resolvable speaker."""
        self.cue_seen = False
        first, last = self.sentence_at(q.open_mark), self.sentence_at(max(q.open_mark, q.end - 1))
        if first is None or last is None:
            return None
        # Cues are looked for in the quote's sentence, within REACH characters of it: a "sentence" of
        # thousands of run-together quotes would otherwise make this quadratic.
        span = self.doc.char_span(max(first[0], q.open_mark - REACH), min(last[1], q.end + REACH),
                                  alignment_mode="expand")
        best = None
        verbs, lowers, starts = self.speech_verb, self.names.lowers, self._starts
        for i in range(span.start, span.end) if span is not None else ():
            if not (verbs[i] or lowers[i] == "according") or starts[i] in self.quoted or not self.is_cue(t := self.toks[i]):
                continue
            distance = q.open_mark - t.idx if t.idx < q.start else t.idx - q.end
            if self._in_relative(t) and not self._misread_clause(t) and distance > 40 or (self.lex.speech.get(self.names.lemmas[i]) is None
                                                                 and lowers[i] != "according" and distance > 40):
                continue   # "…, who has advised X. “…”": a clause about someone, or a verb of wanting, far off
            if best is None or distance < best[0]:
                best = (distance, t)
        self.cue_seen = best is not None   # (a cue in the quote's own sentence: no other attribution)
        if best is None:
            return None
        verb = best[1]
        speaker, subj = self.speaker_of(verb)
        ref = self.role_ref(subj) if speaker is None else None
        if (speaker is None and ref is None) or (subj is not None and q.open_mark <= subj.idx < q.end):
            return None  # no speaker, or the quoted words are the subject ("an alleged 'source' claimed")
        cue, cue_span = self.cue_text(verb)
        pronoun = subj is not None and subj.pos_ == "PRON"
        return Attribution(-1 if ref else speaker, cue, cue_span, 0.9 * (0.9 if pronoun else 1.0), "quotes.direct", ref)

    @staticmethod
    def _in_relative(t) -> bool:
        """A verb of a clause about someone ("…, who served under X and endorsed Y"), or joined to one."""
        for _ in range(4):
            if t.dep_ in ("relcl", "acl"):
                return True
            if t.dep_ != "conj" or t.head is t:
                return False
            t = t.head
        return False

    def _misread_clause(self, t) -> bool:
        """A verb the parser put in a clause about someone though a name performs it: "Doe joked", with Doe
        its own subject (not "who"), or "Doe, the head of X, tweeted" hung on the name itself."""
        if any(c.dep_ == "nsubj" and c.lower_ not in RELATIVE and self.names.entity_at(c.i) is not None for c in t.children):
            return True
        owner = self.names.entity_at(t.head.i) if t.dep_ == "acl" and t.i > t.head.i else None
        return owner is not None and self.names.kinds[owner] in (PERSON,) + ORG_KINDS

    def label(self, q: Quoted, ps: int) -> Attribution | None:
        """Transcript style: "Clinton: “...” Bush: “...”" — a name and a colon right before the quote."""
        lead = self.text[max(ps, q.open_mark - 60):q.open_mark]
        if not lead.strip() and ps > 0:   # the label on a line of its own: "Stated Doe:" / “...”
            lead = self.text[max(0, ps - 60):q.open_mark]
        m = re.search(r"(?:^|\n\s*|[.!?”\"’]\s+|^\s*)([^\s.:;,][^.:;\n]{0,50}?):\s*$", lead)
        if not m:
            return None
        start = q.open_mark - len(lead) + m.start(1)
        span = self.doc.char_span(start, start + len(m.group(1)), alignment_mode="expand")
        if span is None or not len(span):
            return None
        if len(span) > 1 and span[0].text[:1].isupper() and self.lex.speech.get(self.lex.speech_form(span[0].text) or ""):
            span = span[1:]   # "Continued Doe: “...”", "Stated Doe:": the verb before the name
        g = self.names.entity_at(span[0].i)
        mention = self.names.tok2mention.get(span[0].i)
        if g is None or mention is None or mention.end < span.end or self.names.kinds[g] not in (PERSON,) + ORG_KINDS:
            return None
        return Attribution(g, ":", None, 0.9, "quotes.label")

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
        return Attribution(g, ":", None, 0.7, "quotes.colon")

    def intro(self, q: Quoted, ps: int) -> Attribution | None:
        """"Doe said in a statement. “...”", "Doe responded. “...”": a quote that opens its sentence, after a
        sentence of its paragraph that is only an attribution (a speech verb, its speaker and no clause)."""
        first = self.sentence_at(q.open_mark)
        if first is None or self.text[first[0]:q.open_mark].strip() or first[0] <= ps:
            return None
        before = self.sentence_at(first[0] - 1)
        span = self.doc.char_span(*before, alignment_mode="contract") if before and before[0] >= ps else None
        root = span.root if span is not None and len(span) else None
        if root is None or any(t.idx in self.quoted for t in span) or not self.speech_verb[root.i] or \
                self.lex.speech.get(self.names.lemmas[root.i]) not in ("say", "direct") or not self.is_cue(root) or \
                any(c.dep_ in ("ccomp", "xcomp", "advcl") or c.dep_ == "dobj" and self.names.lemmas[root.i] not in TELL_LIKE
                    for c in root.children):   # ("told reporters on Monday.": the hearer, no clause)
            return None
        speaker, subj = self.speaker_of(root)
        if speaker is None or subj is None or subj.pos_ == "PRON" or self.names.kinds[speaker] not in (PERSON,) + ORG_KINDS:
            return None
        cue, cue_span = self.cue_text(root)
        return Attribution(speaker, cue, cue_span, 0.6, "quotes.intro")

    def is_scare(self, q: Quoted) -> bool:
        """Not speech: a short quoted modifier inside a noun phrase (the ‘conservative’ vote), a quoted
        title (said on “Fox News Sunday.”, the book “Going Viral”), a lone word that is not a sentence,
        or a quoted date."""
        words = self.text[q.start:q.end].split()
        if len(words) == 1 and not words[0].endswith(("!", "?", ".")) and \
                not (words[0].endswith(",") and ONE_WORD_REPLY.match(self.text, q.end)):
            return True   # (but “Absolutely,” she said: a one-word reply)
        inner = " ".join(words)[:-1]
        if 2 <= len(words) <= 5 and words[0][:1].isupper() and not re.search(r"[.!?]\s", inner) and \
                all(w[:1].isupper() or w.strip(",.").lower() in TITLE_SMALL for w in words) and not self._all_caps(words):
            return True
        lead = self.text[max(0, q.open_mark - 4):q.open_mark].lower()
        if len(words) <= 5 and re.search(r"(\bon|\bin|\bof|['’]s)\s*$", lead) and words[0][:1].isupper():
            return True
        if len(words) >= 2 and TITLE_LEAD.search(self.text[max(0, q.open_mark - 40):q.open_mark]) and \
                all(w[:1].isupper() or not w[:1].isalpha() or w.strip(",.:;!?").lower() in TITLE_SMALL for w in words) \
                and not self._all_caps(words):
            return True   # a title of any length: 'co-author of “The Harbour Years: A Town and Its Sea”'
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
        k = line.start
        while k < line.end - 1 and self.toks[k].text in ("-", "–", "—", "--"):
            k += 1   # a signature line: “...” / - Jane Doe.
        signed = k > line.start
        if signed and self.names.entity_at(k) is None and self.toks[k].text[:1].isupper() and k + 1 < line.end:
            k += 1   # "- President Doe, tweeting"
        g = self.names.entity_at(k)
        if g is None or self.names.kinds[g] != PERSON:
            return None
        m = self.names.tok2mention[k]
        if m.end < line.end and self.toks[m.end].text not in (",", "-", "–", "—") + ((".",) if signed else ()):
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
                                 "crosshead", None, 0.5, "quotes.crosshead"))
        return out
