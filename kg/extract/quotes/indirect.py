"""Reported speech: the clausal complements of speech verbs ("said (that) ...", "X, Y said, Z",
"urged voters to stay home", "accused the mayor of lying") and the clauses that "according to X"
hangs off."""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan, Token

from ...model import Quote, Span
from .core import CHARGE, CLAUSE_ONLY, NOT_CLAUSE, OBJECT_CLAUSE, SAY_LIKE, STOP, TELL_LIKE, QuoteFinder

SET_OFF = {",", "-", "–", "—", "(", "”", "’", '"', "'", "''"}   # marks before a trailing ", as X noted"
CLAIM_NOUNS = {"claim", "claims", "assertion", "assertions", "contention", "insistence", "argument", "arguments",
               "suggestion", "warning", "warnings", "allegation", "allegations", "charge", "charges", "accusation",
               "accusations", "promise", "promises", "pledge", "prediction", "predictions", "statement", "remark",
               "remarks", "comments", "comment", "declaration", "announcement", "admission", "boast", "vow"}
DASHES = {"-", "–", "—", "--"}


def as_clause(verb: Token) -> bool:
    """A verb of an "as" clause ("as Doe noted")."""
    return any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


class IndirectQuotes(QuoteFinder):
    """Indirect quotes (a mixin of the article's quote finder)."""

    def indirect(self, direct: list[Quote]) -> list[Quote]:
        out = []
        quoted = self.quoted
        speech, lemmas, lowers = self.lex.speech, self.names.lemmas, self.names.lowers
        # Verbs of saying and "according (to)": the only cues that report speech here.
        cues = (i for i, verb in enumerate(self.speech_verb)
                if (verb and (speech.get(lemmas[i]) in ("say", "describe") or lemmas[i] in SAY_LIKE or lemmas[i] == "put"))
                or lowers[i] == "according")
        for t in map(self.toks.__getitem__, cues):
            if t.idx < self.skip_before or t.idx in quoted or not self.is_cue(t):
                continue
            content = self.content_of(t)
            if content is None:
                continue
            if content.end <= t.i and any(w.text in (":", ";") or self._dash(w) and not as_clause(t)
                                          for w in self.toks[content.end:t.i]):
                continue   # "The plan was dead: Doe reported ...", "For that she drew his ire - he called her weak":
                # what comes before a colon or a dash is not what the verb after it reports ("- as Doe said -" is)
            speaker, subj = self.speaker_of(t)
            ref = self.role_ref(subj) if speaker is None else None
            if speaker is None and ref is None:
                continue
            if subj is not None and content.start <= subj.i < content.end:
                content = self._without(content, t, subj)   # "The plan, X said, is flawed"
                if content is None:
                    continue
            outside = [w for w in content if w.idx not in quoted and w.is_alpha and w.lower_ not in STOP]
            s, e = content.start_char, content.end_char
            mixed = any(c in quoted for c in range(s, e))
            if len(outside) < (3 if mixed and speech.get(lemmas[t.i]) == "describe" else 1):
                continue   # all but a quoted fragment: the direct quote says it
            cue, cue_span = self.cue_text(t)
            conf = 0.8 * (0.9 if subj is not None and subj.pos_ == "PRON" else 1.0)
            self.emit(out, Quote(-1 if ref else speaker, Span(s, e, self.text[s:e]), "mixed" if mixed else "indirect",
                                 cue, cue_span, round(conf, 2), "quotes.indirect"), ref)
        said = {(q.span.start, q.span.end) for q in out}
        return out + [q for q in self.nominal() if (q.span.start, q.span.end) not in said]

    def _dash(self, w: Token) -> bool:
        """A dash between words, not a hyphen inside one ("(R-Kelvale)")."""
        return w.text in DASHES and (w.text != "-" or bool(w.whitespace_) and w.i > 0 and bool(self.toks[w.i - 1].whitespace_))

    def nominal(self) -> list[Quote]:
        """"Doe's claim that the plan is dead", "Roe's assertion Monday that ...": a noun of saying, its owner
        the speaker, its "that" clause what was said."""
        out = []
        for t in self.toks:
            if t.lower_ not in CLAIM_NOUNS or t.idx < self.skip_before or t.idx in self.quoted:
                continue
            owner = next((c for c in t.children if c.dep_ == "poss"), None)
            clause = next((c for c in t.children if c.dep_ in ("acl", "ccomp") and c.i > t.i and
                           any(m.dep_ == "mark" and m.lower_ == "that" and m.i > t.i for m in c.children)), None)
            if owner is None or clause is None:
                continue
            g = self.names.resolve(owner)
            if g is None or not self._speaker_kind(g):
                continue
            start = next(m.i for m in clause.children if m.dep_ == "mark" and m.lower_ == "that") + 1
            end = clause.right_edge.i + 1
            ps, pe = self._paragraph(t)
            while end > start and (self.toks[end - 1].idx >= pe or self.toks[end - 1].is_punct and
                                   self.toks[end - 1].text not in "”’\"'"):
                end -= 1
            if end - start < 3:
                continue
            a, b = self.toks[start].idx, self.toks[end - 1].idx + len(self.toks[end - 1].text)
            out.append(Quote(g, Span(a, b, self.text[a:b]), "indirect", t.text, Span(t.idx, t.idx + len(t.text), t.text),
                             0.4, "quotes.nominal"))
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
        # "said he would look at the bill, which would give the police more time": the reporter's aside
        aside = next((k for k in range(start + 2, end - 2) if self.toks[k].text == "," and
                      self.toks[k + 1].lower_ in ("which", "whose") and self.toks[k].idx not in self.quoted), None)
        if aside is not None:
            end = aside
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
        comps = [c for c in verb.children if c.dep_ == "ccomp" and not self._beyond_colon(c, verb)
                 and not (c.i < verb.i and self.misread_relative(c) is not None)]   # ("Doe, who ..., said")
        if comps:
            sub = list(comps[0].subtree)
            return sub[0].i, sub[-1].i + 1
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        gerund = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > verb.i), None)
        if gerund is not None and not objs and lemma in CLAUSE_ONLY and gerund.right_edge.i - gerund.i >= 2:
            return gerund.left_edge.i, gerund.right_edge.i + 1   # "said seeing so many officers was welcome"
        if objs and lemma in CLAUSE_ONLY and objs[0].pos_ not in ("PRON", "NUM") and objs[0].lower_ not in NOT_CLAUSE:
            lo = objs[0].left_edge.i
            hi = max((t.i for t in verb.subtree if t.i > verb.i and t.dep_ != "punct"), default=lo) + 1
            if hi - lo >= 4:   # "said his focus groups show ...", parsed as an object: a clause all the same
                return lo, hi
        if objs and lemma in OBJECT_CLAUSE:   # "expects the plan to fail", "urged voters to stay home"
            xcomp = [c for c in list(objs[0].children) + list(verb.children) if c.dep_ in ("xcomp", "ccomp")]
            if xcomp:
                return objs[0].left_edge.i, xcomp[0].right_edge.i + 1
        if objs and self.lex.speech.get(lemma) == "describe" and objs[0].i > verb.i:
            # "called the plan “a disgrace”", "described the result as a shock": what and how
            how = [c for c in verb.children if c.i > objs[0].i and (c.dep_ in ("oprd", "xcomp", "ccomp", "acomp") or
                                                                      c.left_edge.lower_ == "as")]
            if how and not (objs[0].pos_ == "PRON" and how[0].right_edge.i - how[0].i < 1):
                return objs[0].left_edge.i, how[0].right_edge.i + 1
        if objs and lemma in CHARGE:   # "accused the mayor of lying"
            of = [c for c in list(verb.children) + list(objs[0].children) if c.dep_ == "prep" and c.lower_ in ("of", "for")]
            if of:
                return objs[0].left_edge.i, max(of[0].right_edge.i, objs[0].right_edge.i) + 1
        if lemma == "ask":   # "asked the students if they were serious": the question
            question = next((c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and
                             any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children)), None)
            k = verb.right_edge.i + 1   # "Asked by X if ..., Doe said": the question hung on the main verb
            if question is None and k < len(self.toks) and self.toks[k].dep_ == "mark" and \
                    self.toks[k].lower_ in ("if", "whether") and self.toks[k].head.dep_ == "advcl":
                question = self.toks[k].head
            if question is not None:
                return question.left_edge.i, question.right_edge.i + 1
        return self.late_that(verb) or self.as_reported(verb) or self.parenthetical(verb) or self.reported_after(verb)

    def _beyond_colon(self, clause: Token, verb: Token) -> bool:
        """A clause set apart from the verb by a colon or semicolon ("The plan was dead: Doe said ...")."""
        lo, hi = (clause.right_edge.i + 1, verb.i) if clause.i < verb.i else (verb.i + 1, clause.left_edge.i)
        return any(w.text in (":", ";") for w in self.toks[lo:hi])

    def as_reported(self, verb: Token) -> tuple[int, int] | None:
        """"As the Times reported, the deal collapsed" and "the deal collapsed, as X noted": the clause
        the "as" clause hangs off."""
        if verb.dep_ != "advcl" or not as_clause(verb):
            return None
        lo = verb.left_edge.i
        if verb.i > verb.head.i and (lo == 0 or self.toks[lo - 1].text not in SET_OFF):
            return None   # "drew cheers as she thanked them": a time, not a source
        own = {t.i for t in verb.subtree}
        rest = [t.i for t in verb.head.subtree if t.i not in own]
        runs, run = [], []
        for i in rest:
            if run and i != run[-1] + 1:
                runs.append(run)
                run = []
            run.append(i)
        runs.append(run)
        best = max(runs, key=len)
        return (best[0], best[-1] + 1) if len(best) >= 3 else None

    def late_that(self, verb: Token) -> tuple[int, int] | None:
        """"said on Friday during a visit to the port that she may wait": a "that" clause the parser
        hung on the last noun of the phrases between; the clause runs to the end of the sentence."""
        sent = verb.sent
        preps = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i]
        preps += [p for c in verb.children if c.dep_ == "dobj" and verb.lemma_.lower() in TELL_LIKE
                  for p in c.children if p.dep_ == "prep"]   # "told the audience at his rally that ..."
        if not preps or any(c.dep_ == "dobj" for c in verb.children) and verb.lemma_.lower() not in TELL_LIKE:
            return None
        reach = max(t.i for p in preps for t in p.subtree)
        k = next((t.i for t in self.toks[preps[0].i:reach + 1] if t.lower_ == "that" and t.dep_ in ("mark", "dobj", "nsubj")
                  and t.head.dep_ in ("relcl", "acl")), None)
        if k is None:
            return None
        end = max(t.i for t in self.toks[k].head.subtree) + 1
        return (k + 1, min(end, sent.end)) if end - k >= 3 else None   # (the clause, without its "that")

    def reported_after(self, verb: Token) -> tuple[int, int] | None:
        """"The deficit will grow this year, the Budget Office reported on Tuesday": the attribution ends the
        sentence, and the parser hung its verb on the clause it reports. Not "..., when she said" (a time)."""
        if verb.dep_ != "advcl" or verb.i < verb.head.i or as_clause(verb) or \
                any(c.dep_ == "mark" for c in verb.children) or not any(c.dep_ == "nsubj" for c in verb.children):
            return None
        chars = self.sentence_at(verb.idx)   # (the quote-aware sentence)
        sent = self.doc.char_span(*chars, alignment_mode="expand") if chars else None
        lo = verb.left_edge.i
        if sent is None or lo <= sent.start + 2 or self.toks[lo - 1].text != "," or verb.head.i < sent.start or \
                any(not (t.is_punct or t.is_space) for t in self.toks[verb.right_edge.i + 1:sent.end]):
            return None
        return sent.start, lo - 1

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
