"""Events that happen to people: resignations (and retirements, standing down) and murders,
named after the person ("Resignation of X", "Murder of X") and dated by the words around them."""
from __future__ import annotations

import re

from spacy.tokens import Token

from ..dates import relative
from ..model import PERSON

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
PERSON_EVENT_WORDS = {"stand", "step", "resignation", "resign", "quit", "retirement", "retire", "murder", "kill", "assassinate", "assassination"}


class PersonEvents:
    """Resignations and murders for EventFinder (a mixin)."""

    def person_events(self) -> None:
        """Resignations and murders, named after the person they happened to."""
        for i, lemma in enumerate(self.names.lemmas):
            if lemma not in PERSON_EVENT_WORDS:
                continue
            t = self.toks[i]
            down = lemma in ("stand", "step") and any(c.lower_ in ("down", "aside") for c in t.children)
            if lemma in ("resignation", "resign", "quit", "retirement", "retire") or down:
                self._person_event("Resignation", "Resignation of", t)
            elif lemma in ("murder", "kill", "assassinate", "assassination") and t.pos_ in ("VERB", "NOUN"):
                if t.pos_ == "NOUN" or any(c.dep_ == "auxpass" for c in t.children):
                    self._person_event("Murder", "Murder of", t)

    def person_of(self, t: Token) -> int | None:
        """Who a resignation or murder happened to: "resignation of X", "X's resignation", "X was murdered",
        "X, the former MP who was murdered"."""
        cands = []
        if t.pos_ == "NOUN":   # "the resignation (last week) of X", "X's resignation"
            cands += [c for c in t.children if c.dep_ == "poss"]
            cands += [p for prep in t.subtree if prep.lower_ == "of" for p in prep.children]
            cands += [c for c in t.subtree if c.dep_ == "relcl"]
        else:
            cands += [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            up = t
            while not cands and up.dep_ in ("xcomp", "conj") and up.head is not up:   # "was forced to resign"
                up = up.head
                cands += [c for c in up.children if c.dep_ in ("nsubj", "nsubjpass")]
            head = t.head if t.dep_ == "relcl" else None
            while head is not None:
                cands.append(head)
                head = head.head if head.dep_ == "appos" else None   # "X, the region's former MP who was ..."
        if t.pos_ == "NOUN":   # surface fallback: "resignation last month of health secretary X"
            of = next((k for k in range(t.i + 1, min(t.sent.end, t.i + 6)) if self.toks[k].lower_ == "of"), None)
            cands += list(self.doc[of + 1:min(t.sent.end, of + 6)]) if of is not None else []
        for c in cands:
            for tok in [c, *c.subtree]:
                g = self.names.resolve(tok) if tok.pos_ == "PRON" else self.names.entity_at(tok.i)
                if g is not None and self.names.kinds[g] == PERSON and not self.names.is_anonymous(g):
                    return g
        return None

    def _person_event(self, type_: str, prefix: str, t: Token) -> None:
        if t.pos_ == "VERB" and self._unreal(t):
            return   # "will step down", "calls for him to step down"
        who = self.person_of(t)
        if who is None:
            return
        date = None
        m = re.search(rf"\b(last (week|month|year)|this (week|month|year)|in (?:19|20)\d\d|(?:in|since|last) ({MONTHS}))\b",
                      t.sent.text)
        if m:
            date = relative(m.group(0), self.date)
        self.add(type_, f"{prefix} {self.names.names[who]}", (type_, who), t.idx, t.idx + len(t), date=date)
        self.person_events_found.append((self.by_key[(type_, who)], who, t))

    def _unreal(self, verb: Token) -> bool:
        """A verb that states no fact: negated, modal, or an infinitive not compelled ("forced to resign")."""
        heads = [verb] + ([verb.head] if verb.dep_ in ("xcomp", "conj") else [])
        if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in ("will", "would", "could", "might", "may",
                                                                     "should", "must", "can", "'ll", "’ll"))
               for v in heads for c in v.children):
            return True
        to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        return to and not (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in (
            "force", "decide", "choose", "agree", "opt", "announce", "vote", "compel", "oblige", "ask"))
