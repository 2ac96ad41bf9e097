"""Stances news reports as speech without a reported clause: "X called for an inquiry", "X called on
the council to publish it", "X vowed to fight on", "X cited the cost as the reason". What each verb
takes is in speech_verbs.tsv (column 3). They are indirect quotes of lower confidence than reported
clauses: the words are the reporter's summary of a position. A position stated with a bare object
("X endorsed Y") is left out, as news gives it as a fact rather than as words said."""
from __future__ import annotations

from spacy.tokens import Token

from ...model import Quote, Span
from .core import QuoteFinder

PREPOSITIONS = {"for", "on", "about", "of", "to", "against"}


class StanceQuotes(QuoteFinder):
    """Stance quotes (a mixin of the article's quote finder)."""

    def stances(self, found: list[Quote]) -> list[Quote]:
        out: list[Quote] = []
        cues = [(q.cue_span.start, q.cue_span.end) for q in found if q.cue_span is not None]
        for i, slots in ((i, self.lex.stance.get(lemma)) for i, lemma in enumerate(self.names.lemmas)):
            if not slots or self.names.pos[i] != "VERB":
                continue
            t = self.toks[i]
            if t.idx < self.skip_before or t.idx in self.quoted or t.dep_ == "amod" or \
                    any(c.dep_ == "auxpass" for c in t.children) or any(s <= t.idx < e for s, e in cues):
                continue   # passive ("was endorsed by"), or the verb already reported a clause
            content = self.slot_content(t, slots)
            if content is None:
                continue
            speaker, subj = self.speaker_of(t)
            ref = self.role_ref(subj) if speaker is None else None
            if speaker is None and ref is None:
                continue
            s, e = content
            while e > s and (self.toks[e - 1].is_punct or self.toks[e - 1].is_space):
                e -= 1
            words = [w for w in self.toks[s:e] if w.is_alpha]
            if not words or (len(words) == 1 and words[0].pos_ != "PROPN"):
                continue   # "opposed it": no position is stated
            a, b = self.toks[s].idx, self.toks[e - 1].idx + len(self.toks[e - 1])
            if any(c in self.quoted for c in (a, b - 1)):
                continue   # a quotation says it in the speaker's own words
            cue, cue_span = self.cue_text(t)
            self.emit(out, Quote(-1 if ref else speaker, Span(a, b, self.text[a:b]), "indirect", cue, cue_span,
                                 0.7, "quotes.stance"), ref)
        return out

    def slot_content(self, verb: Token, slots: tuple[str, ...]) -> tuple[int, int] | None:
        """The token range of what a stance is about: its object, its "to" infinitive, or the object of
        one of its prepositions, as the verb's slots allow."""
        kids = list(verb.children)
        for slot in slots:
            if slot == "object":
                obj = next((c for c in kids if c.dep_ == "dobj"), None)
                if obj is not None and obj.i > verb.i:   # "cited X as the reason": with its "as"
                    as_ = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i), None)
                    return obj.left_edge.i, (as_ or obj).right_edge.i + 1
            elif slot == "to" and not any(c.dep_ == "prep" and c.lower_ == "to" for c in kids):
                inf = next((c for c in kids if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)), None)
                if inf is not None and inf.i > verb.i:
                    return inf.left_edge.i, inf.right_edge.i + 1
            if slot in PREPOSITIONS:
                prep = next((c for c in kids if c.dep_ in ("prep", "prt") and c.lower_ == slot and c.i > verb.i), None)
                if prep is None:
                    continue
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if slot == "on":   # "called on the council to publish it": the infinitive
                    inf = next((c for c in kids + (list(pobj.children) if pobj is not None else [])
                                if c.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in c.children)), None)
                    if inf is not None:
                        return inf.left_edge.i, inf.right_edge.i + 1
                elif pobj is not None:
                    return pobj.left_edge.i, pobj.right_edge.i + 1
        return None
