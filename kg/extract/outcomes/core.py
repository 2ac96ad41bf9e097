"""What the outcome families share: the article's names and events, the outcomes found so far, and
helpers for clauses (is it a fact? who did it?) and figures ("just under 31,000", "8.3%")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from ...model import PARTY, PERSON, PLACE, Membership, Outcome, Span
from ..events import EventFinder
from ..names import DocNames

NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "last": None}
MODALS = {"would", "could", "might", "may", "should", "will", "can", "must", "shall", "'ll", "’ll"}
# Verbs whose clause states a hope or a guess, not a fact: "he hoped that X wins the election".
# Matched as written: the small model's lemmatizer turns "hoped" into "hop".
IRREALIS = set("""hope hopes hoped hoping expect expects expected expecting predict predicts predicted predicting
want wants wanted wanting wish wishes wished wishing fear fears feared fearing doubt doubts doubted doubting
pray prays prayed praying bet bets betting forecast forecasts forecasting need needs needed needing""".split())
# Qualifiers of an approximate figure, as written before it ("just under 31,000").
APPROX = re.compile(r"(?:(?:just|slightly|a little|a bit|well)\s+)?(?:more than|less than|fewer than|over|under|nearly|"
                    r"almost|around|about|roughly|approximately|some|close to|upwards of|in excess of|at least|"
                    r"up to|an estimated)\s*$", re.I)
UPWARD = ("advcl", "conj", "xcomp", "pcomp", "prep", "acl", "acomp")   # never ccomp: that leads to a speaker
CLAUSE_BREAKS = {",", ";", "while", "whereas", "but", "and", "as", "with", "—", "–", "-", "(", ")"}
PERCENTAGES = {"vote_share", "turnout_share", "majority_share", "swing"}
# Roles that make someone a contest's candidate or its sitting member.
CANDIDATE_ROLES = {"candidate", "challenger", "nominee", "contender", "incumbent", "runner-up"}


@dataclass(frozen=True)
class Figure:
    """A number as written: its value, whether a percentage, and its qualifier."""

    value: int | float
    percent: bool
    approx: str | None
    start: int      # token indices, end exclusive
    end: int


def parse_number(text: str) -> int | float | None:
    plain = text.replace(",", "")
    if re.fullmatch(r"\d+", plain):
        return int(plain)
    if re.fullmatch(r"\d+\.\d+", plain):
        return float(plain)
    return NUMBER_WORDS.get(text.lower())


class Finder:
    """One article's outcomes, as the families find them."""

    def __init__(self, doc: Doc, names: DocNames, events: EventFinder, memberships: list[Membership], base: int):
        self.doc, self.names, self.events, self.base = doc, names, events, base
        self.memberships = memberships
        self.toks = names.tokens   # one Token per word, made once
        self.text = names.text
        self.out: list[Outcome] = []
        self._seen: dict[tuple, int] = {}
        self.in_table: set[int] = set()   # tokens of results tables, which the prose families leave alone

    # ------------------------------------------------------------------ recording

    def add(self, event: int, predicate: str, subject: int | None, value=None, evidence=None, conf: float = 0.7,
            rule: str = "", rank: int | None = None, other: int | None = None, approx: str | None = None) -> None:
        """Record an outcome of ``event`` (an index into the events found); ``evidence`` is a spaCy
        span or token, or a (start, end) pair of characters."""
        if predicate in PERCENTAGES and value is not None:
            value = float(value)   # a percentage, even when written whole ("24%")
        sig = (event, predicate, subject, value, other)
        if sig in self._seen:
            k = self._seen[sig]
            if rank is not None and self.out[k].rank is None:
                self.out[k] = _with(self.out[k], rank=rank)
            return
        if isinstance(evidence, tuple):
            s, e = evidence
        elif isinstance(evidence, Token):
            s, e = evidence.sent.start_char, evidence.sent.end_char
        else:
            s, e = evidence.start_char, evidence.end_char
        while e > s and self.text[e - 1].isspace():
            e -= 1
        self._seen[sig] = len(self.out)
        self.out.append(Outcome(self.base + event, predicate, subject, value, Span(s, e, self.text[s:e]), conf, rule,
                                rank, other, approx))

    def of(self, event: int, *predicates: str) -> list[Outcome]:
        return [o for o in self.out if o.event == self.base + event and o.predicate in predicates]

    def drop(self, outcome: Outcome) -> None:
        self.out.remove(outcome)
        self._seen = {(o.event - self.base, o.predicate, o.subject, o.value, o.other): k for k, o in enumerate(self.out)}

    # ------------------------------------------------------------------ entities

    def kind(self, g: int | None) -> str | None:
        return self.names.kinds[g] if g is not None else None

    def person(self, g: int | None) -> bool:
        return g is not None and self.names.personlike(g)

    def party(self, g: int | None) -> bool:
        return g is not None and self.names.kinds[g] == PARTY

    def who(self, tok: Token) -> int | None:
        """The entity a subject token names: a name, a pronoun, a nominal, or an unnamed person."""
        g = self.names.resolve(tok)
        return g if g is not None else self.names.anonymous(tok)

    def subject(self, verb: Token) -> int | None:
        """The doer of ``verb``, walking up participles and prepositions ("... by winning ...")."""
        t = verb
        for _ in range(5):
            subj = sorted((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), key=lambda c: abs(c.i - t.i))
            if subj and subj[0].lower_ in ("who", "that", "which") and t.dep_ == "relcl":
                return self.who(t.head)   # "X, who was defending the seat"
            if subj:
                return self.who(subj[0])
            if t.dep_ in ("relcl", "acl") and t.head.pos_ in ("PROPN", "NOUN"):
                return self.who(t.head)
            if t.dep_ not in UPWARD or t.head is t:
                return None
            t = t.head
        return None

    def named(self, tok: Token) -> int | None:
        """The entity a token itself names: its name, its pronoun, "the party"; a name inside its phrase
        only when the token is a role or a person ("Labour leader Jane Doe"), not in "Relief for X"."""
        g = self.names.entity_at(tok.i)
        if g is not None:
            return g
        lex = self.names.lex
        if tok.i in self.names.pronouns or lex.role([tok.lower_]) or tok.lemma_.lower() in lex.person_nouns \
                or any(c.lower_ in ("the", "this", "that") for c in tok.children):
            g = self.names.resolve(tok)
            return g if g is not None else self.names.anonymous(tok)
        return None

    def own_subject(self, verb: Token) -> int | None:
        """The subject of ``verb`` itself (or of the clause it completes: "managed to retain it", "X, who
        held the seat"), never one found by climbing out of an adverbial clause."""
        t = verb
        for _ in range(3):
            subj = min((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), key=lambda c: abs(c.i - t.i),
                       default=None)
            if subj is not None:
                return self.named(t.head) if subj.lower_ in ("who", "that", "which") and t.dep_ == "relcl" \
                    else self.named(subj)
            if t.dep_ == "relcl" and t.head.pos_ in ("PROPN", "NOUN"):
                return self.named(t.head)
            if t.dep_ not in ("xcomp", "conj") or t.head is t:
                return None
            t = t.head
        return None

    def agent(self, verb: Token) -> int | None:
        """The doer of a passive verb: "... was won by X"."""
        for c in verb.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return self.who(p)
        return None

    def entities_in(self, tokens, kinds=(PERSON,)) -> list[int]:
        """The entities of the given kinds named in ``tokens``, in order, each once."""
        out = []
        for t in tokens:
            g = self.names.entity_at(t.i)
            if g is not None and (self.names.kinds[g] in kinds or (PERSON in kinds and self.person(g))) \
                    and g not in out:
                out.append(g)
        return out

    def name_before(self, i: int, sent, kinds=(PERSON,)) -> int | None:
        """The nearest named entity before token i in its clause (for patterns the parser gets wrong)."""
        for k in range(i - 1, sent.start - 1, -1):
            t = self.toks[k]
            g = self.names.entity_at(k)
            if g is not None and (self.names.kinds[g] in kinds or (PERSON in kinds and self.person(g))):
                return g
            if t.lower_ in CLAUSE_BREAKS and k < i - 1:
                return None
        return None

    def name_after(self, i: int, end: int, kinds=(PERSON,), limit: int = 8) -> int | None:
        """The first named entity after token i, within ``limit`` words and before a clause break."""
        for k in range(i + 1, min(end, i + 1 + limit)):
            g = self.names.entity_at(k)
            if g is not None and (self.names.kinds[g] in kinds or (PERSON in kinds and self.person(g))):
                return g
            if self.toks[k].lower_ in (";", ".") or (self.toks[k].lower_ == "," and k > i + 1):
                return None
        return None

    # ------------------------------------------------------------------ clauses

    def hypothetical(self, verb: Token) -> bool:
        """Not a fact: negated, modal, conditional, or an infinitive ("enough to win an election")."""
        if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return True
        t = verb
        for _ in range(4):   # "hoped that X wins", "hoped with all his heart that X wins"
            if t.dep_ not in ("ccomp", "relcl", "pobj", "prep", "xcomp") or t.head is t:
                break
            t = t.head
            if t.pos_ in ("VERB", "NOUN") and t.lower_ in IRREALIS:
                return True
        heads = [verb] + ([verb.head] if verb.dep_ in ("xcomp", "advcl", "conj") else [])
        return any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODALS) or c.lower_ == "if"
                   for v in heads for c in v.children)

    @staticmethod
    def phrase(head: Token, leave: tuple[str, ...]) -> list[Token]:
        """The words of ``head``'s phrase but for the children whose relation is in ``leave``."""
        out = [head]
        for c in head.children:
            if c.dep_ not in leave:
                out += c.subtree
        return out

    # ------------------------------------------------------------------ figures

    def figure(self, i: int) -> Figure | None:
        """The number at token i with its qualifier ("just under 31,000") and whether it is a
        percentage ("54%", "54 per cent", "54 percent"); None when it is no number, a date or money."""
        t = self.toks[i]
        value = parse_number(t.text)
        after = self.text[t.idx + len(t):t.idx + len(t) + 12].lower()
        percent = bool(re.match(r"\s*(%|per ?cent\b|percent\b|percentage points?\b|points?\b)", after))
        if value is None or (t.ent_type_ in ("MONEY", "TIME") and not percent) or \
                (t.i > 0 and self.toks[i - 1].text in ("£", "$", "€")):
            return None   # ("41.2 per cent" is MONEY to the small model: "cent")
        votes_next = re.match(r"\s*(?:votes?|ballots?|first[- ]preferences?)\b",
                              self.text[t.idx + len(t):t.idx + len(t) + 20], re.I) is not None
        if t.ent_type_ == "DATE" and not votes_next and not (isinstance(value, int) and not 1800 <= value <= 2100
                                                             and value >= 32):
            return None   # a date, but not "1064" in "X won 1064", which the NER takes for a year
        end = i + 1
        if percent:
            end += 1 if after.lstrip().startswith("%") else 2
        m = APPROX.search(self.text[max(0, t.idx - 40):t.idx])
        approx = " ".join(m.group(0).split()).lower() if m else None
        start = i
        if m:
            while start > 0 and self.toks[start - 1].idx >= t.idx - len(m.group(0).rstrip()) - 1 and \
                    self.toks[start - 1].idx >= max(0, t.idx - 40) + m.start():
                start -= 1
        return Figure(value, percent, approx, start, end)

    def whole(self, fig: Figure | None) -> int | None:
        """A figure that can count votes: a whole number, not a percentage or a year."""
        if fig is None or fig.percent or isinstance(fig.value, float):
            return None
        if 1800 <= fig.value <= 2100 and "," not in self.toks[fig.end - 1].text and \
                self.toks[fig.end - 1].ent_type_ in ("DATE", "CARDINAL", "") and \
                not self.text[self.toks[fig.end - 1].idx + len(self.toks[fig.end - 1]):][:8].lstrip().lower().startswith("vote"):
            return None   # a year
        return fig.value


def _with(o: Outcome, **changes) -> Outcome:
    from dataclasses import replace
    return replace(o, **changes)


def sentence_of(tok: Token) -> SpacySpan:
    return tok.sent


__all__ = ["APPROX", "CANDIDATE_ROLES", "Figure", "Finder", "MODALS", "NUMBER_WORDS", "ORDINALS", "PLACE",
           "parse_number", "sentence_of"]
