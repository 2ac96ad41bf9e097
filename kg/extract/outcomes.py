"""Outcomes of events, from the clauses that state them.

Elections: "X won the seat" and "X's victory" (winner), "Labour held the
seat" (held_by), "X took the seat from Y" / "X shocked Y by winning"
(gained_by), "its loss of the X by-election" (lost_by), "a majority of 323" /
"a 323-vote majority", "took 13,296 votes" / "came second with 12,973" /
"X's vote of 8,264" / "13,296 to 12,973 votes in favour of X" (votes), "lost
her deposit", "triggered after X became ..."; candidates are the people an
article calls candidates or counts votes for. Murders and resignations name
their victim, perpetrator or resigner; a pandemic its deaths. The parse is
tried first; numbers, which the small parser often attaches wrongly in long
result sentences, also get surface patterns over the names around them.
Unnamed but specific people ("the far-right candidate") become entities.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.attrs import LIKE_NUM
from spacy.tokens import Doc, Token

from ..model import PARTY, PERSON, PLACE, Outcome, Span
from .events import EventFinder
from .names import DocNames

NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
WIN_OBJECTS = {"seat", "election", "by-election", "race", "contest", "victory", "poll", "ballot", "it"}
HOLD_OBJECTS = {"seat", "ground", "constituency", "it"}
VOTE_VERBS = {"take", "win", "receive", "get", "poll", "gain", "secure", "garner", "attract", "collect", "come"}
MODALS = {"would", "could", "might", "may", "should", "will", "can", "must", "shall", "'ll", "’ll"}
# Verbs whose clause states a hope or a guess, not a fact: "he hoped that X wins the election".
# Matched as written: the small model's lemmatizer turns "hoped" into "hop".
IRREALIS = set("""hope hopes hoped hoping expect expects expected expecting predict predicts predicted predicting
want wants wanted wanting wish wishes wished wishing fear fears feared fearing doubt doubts doubted doubting
pray prays prayed praying bet bets betting forecast forecasts forecasting""".split())
TRIGGERS = {"win", "claim", "clinch", "secure", "take", "capture", "seize", "gain", "snatch", "flip", "lose", "forfeit",
            "hold", "retain", "keep", "cling", "trigger", "cause", "prompt", "spark", "force", "triumph", "victory",
            "loss", "defeat", "turnout"}
# A win "in the Iowa caucuses", "in the Florida primary" or "of 19 delegates" is a step in a contest,
# not the contest's result, unless the contest is itself a primary or caucus.
STAGES = {"primary", "primaries", "caucus", "caucuses", "delegate", "delegates", "nomination", "round", "debate"}
UPWARD = ("advcl", "conj", "xcomp", "pcomp", "prep", "acl", "acomp")   # never ccomp: that leads to a speaker
CLAUSE_BREAKS = {",", ";", "while", "whereas", "but", "and", "as", "with", "—", "–", "-", "(", ")"}


def parse_number(tok: Token) -> int | None:
    text = tok.text.replace(",", "")
    if re.fullmatch(r"\d+", text):
        return int(text)
    return NUMBER_WORDS.get(tok.lower_)


class OutcomeFinder:
    def __init__(self, doc: Doc, names: DocNames, events: EventFinder, base: int):
        self.doc, self.names, self.events, self.base = doc, names, events, base
        self.toks = names.tokens   # one Token per word, made once
        self.out: list[Outcome] = []
        self._seen: set[tuple] = set()

    def add(self, event: int, predicate: str, subject: int | None, value: int | None, evidence, conf: float,
            rule: str, rank: int | None = None) -> None:
        sig = (event, predicate, subject, value)
        if sig in self._seen:
            return
        self._seen.add(sig)
        s, e = evidence.start_char, evidence.end_char
        text = self.names.text
        while e > s and text[e - 1].isspace():
            e -= 1
        self.out.append(Outcome(self.base + event, predicate, subject, value, Span(s, e, text[s:e]), conf, rule,
                                rank))

    # ------------------------------------------------------------------ clause helpers

    def hypothetical(self, verb: Token) -> bool:
        """Not a fact: negated, modal, conditional, or an infinitive ("enough to win an election")."""
        if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return True
        t = verb
        for _ in range(4):   # "hoped that X wins", "hoped with all his heart that X wins"
            if t.dep_ not in ("ccomp", "relcl", "pobj", "prep") or t.head is t:
                break
            t = t.head
            if t.pos_ == "VERB" and t.lower_ in IRREALIS:
                return True
        heads = [verb] + ([verb.head] if verb.dep_ in ("xcomp", "advcl", "conj") else [])
        return any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODALS) or c.lower_ == "if"
                   for v in heads for c in v.children)

    def elsewhere(self, wins: list[Token], phrase: list[Token], ev: int) -> bool:
        """A win (``wins``, the words that name it, in ``phrase``) that is not ``ev``'s result: one of
        several ("her victories", "his third win"), a stage of a contest ("in the Florida primary"),
        or in another place or year ("his Iowa win", "his 2004 win" when ``ev`` is national or
        another year's). Unless plural, a phrase that names ``ev`` itself is never elsewhere, nor is a
        by-election's by a place (the seat's town or region)."""
        if any(w.tag_ in ("NNS", "NNPS") for w in wins):
            return True
        event = self.events.events[ev]
        if any(self.events.tok_event.get(t.i) == ev for t in phrase):
            return False
        name = event.name.lower()
        for t in phrase:
            word = t.lower_
            if word in ORDINALS or (word in STAGES and word not in name):
                return True
            if re.fullmatch(r"(?:19|20)\d\d", word) and event.date and not event.date.startswith(word):
                return True
            if event.type == "ByElection":   # a seat's own contest: its region may be named too
                continue
            g = self.names.entity_at(t.i)
            if g != event.place and (t.ent_type_ in ("GPE", "LOC") or (g is not None and self.names.kinds[g] == PLACE)):
                return True
        return False

    @staticmethod
    def phrase(head: Token, leave: tuple[str, ...]) -> list[Token]:
        """The words of ``head``'s phrase but for the children whose relation is in ``leave``."""
        out = [head]
        for c in head.children:
            if c.dep_ not in leave:
                out += c.subtree
        return out

    def who(self, tok: Token) -> int | None:
        """The entity a subject token names: a name, a pronoun, a nominal, or an unnamed person."""
        g = self.names.resolve(tok)
        return g if g is not None else self.names.anonymous(tok)

    def subject(self, verb: Token) -> int | None:
        """The doer of ``verb``, walking up participles and prepositions ("... by winning ...")."""
        t = verb
        for _ in range(5):
            subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                return self.who(subj[0])
            if t.dep_ in ("relcl", "acl") and t.head.pos_ in ("PROPN", "NOUN"):
                return self.who(t.head)
            if t.dep_ not in UPWARD or t.head is t:
                return None
            t = t.head
        return None

    def name_before(self, i: int, sent, kinds=(PERSON,)) -> int | None:
        """The nearest named entity before token i in its clause (for patterns the parser gets wrong)."""
        for k in range(i - 1, sent.start - 1, -1):
            t = self.toks[k]
            g = self.names.entity_at(k)
            if g is not None and self.names.kinds[g] in kinds:
                return g
            if t.lower_ in CLAUSE_BREAKS and k < i - 1:
                return None
        return None

    # ------------------------------------------------------------------ patterns

    def run(self, memberships) -> list[Outcome]:
        like_num = self.doc.to_array(LIKE_NUM).tolist()
        for i, (lemma, num) in enumerate(zip(self.names.lemmas, like_num)):
            if lemma not in TRIGGERS and not num and lemma not in NUMBER_WORDS:
                continue
            t = self.toks[i]
            sent = t.sent
            if t.pos_ == "VERB" and not self.hypothetical(t):
                if lemma in ("win", "claim", "clinch", "secure", "take", "capture", "seize", "gain", "snatch", "flip"):
                    self.win(t, sent)
                elif lemma in ("lose", "forfeit") and any(c.lemma_ == "deposit" for c in t.subtree):
                    self.deposit(t, sent)
                elif lemma == "lose":
                    self.lose(t, sent)
                elif lemma in ("hold", "retain", "keep", "cling"):
                    self.hold(t, sent)
                elif lemma in ("trigger", "cause", "prompt", "spark", "force"):
                    self.trigger(t, sent)
            if t.pos_ == "NOUN" and lemma in ("triumph", "victory", "win", "loss", "defeat"):
                self.nominal(t, sent)
            if lemma in ("hold", "gain") or lemma == "turnout":
                self.headline(t, sent)
            if t.like_num or parse_number(t) is not None:
                self.numbers(t, sent)
        self.results_lines()
        self.candidates(memberships)
        self.person_events()
        self.deaths()
        return self.out

    def win(self, verb: Token, sent) -> None:
        objs = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
        named = any(o.lemma_.lower() in WIN_OBJECTS or o.i in self.events.tok_event for o in objs)
        if not named and not (verb.lemma_ == "win" and not objs and verb.dep_ == "ROOT"):
            return
        subj, ev = self.subject(verb), self.events.event_for(sent, verb)
        if subj is None or ev is None or not (self.names.personlike(subj) or self.names.kinds[subj] == PARTY):
            return
        if self.elsewhere(objs, self.phrase(verb, ("nsubj", "nsubjpass", "ccomp", "conj", "advcl", "cc", "punct")), ev):
            return
        self.add(ev, "winner", subj, None, sent, 0.8, "outcome.win")
        if self.names.kinds[subj] == PARTY:
            losers = [self.names.resolve(p) for c in verb.subtree if c.dep_ == "prep" and c.lower_ == "from"
                      and c.head.i in {verb.i} | {o.i for o in objs} for p in c.children if p.dep_ == "pobj"]
            if verb.dep_ == "pcomp" and verb.head.lower_ == "by":   # "X shocked Y by winning"
                losers += [self.names.resolve(c) for c in verb.head.head.children if c.dep_ == "dobj"]
            if verb.dep_ == "pcomp" and verb.head.lower_ == "after":   # "oust Y from ... after winning"
                main = verb.head.head
                losers += [self.names.resolve(c) for c in main.children if c.dep_ == "dobj"
                           and main.lemma_.lower() in ("oust", "unseat", "topple", "defeat", "beat")]
            seat = any(o.lemma_.lower() in ("seat", "constituency", "ward", "it") for o in objs)
            taken = verb.lemma_.lower() in ("gain", "capture", "seize", "snatch", "take", "flip") and seat
            if taken or any(g is not None and g != subj and self.names.kinds[g] == PARTY for g in losers):
                self.add(ev, "gained_by", subj, None, sent, 0.75, "outcome.gain")

    def lose(self, verb: Token, sent) -> None:
        """"Labour lost the seat to the Greens": a loss, a gain and a winner."""
        objs = [c for c in verb.children if c.dep_ == "dobj" and (c.lemma_.lower() in WIN_OBJECTS or c.i in self.events.tok_event)]
        if not objs:
            return
        subj, ev = self.subject(verb), self.events.event_for(sent, verb)
        if ev is None or subj is None or self.names.kinds[subj] != PARTY:
            return
        self.add(ev, "lost_by", subj, None, sent, 0.75, "outcome.loss")
        for to in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"):
            for p in (c for c in to.children if c.dep_ == "pobj"):
                g = self.names.resolve(p)
                if g is not None and g != subj and self.names.kinds[g] in (PARTY, PERSON):
                    self.add(ev, "winner", g, None, sent, 0.75, "outcome.loss")
                    if self.names.kinds[g] == PARTY:
                        self.add(ev, "gained_by", g, None, sent, 0.75, "outcome.loss")

    def headline(self, t: Token, sent) -> None:
        """Result shorthand: "Labour hold", "Conservative gain from Labour", "turnout was 47.6%"."""
        ev = self.events.event_for(sent, t)
        if ev is None:
            return
        if t.lemma_.lower() == "turnout":
            pct = next((k for k in self.doc[t.i + 1:min(sent.end, t.i + 12)] if k.like_num), None)
            place = self.events.events[ev].place
            if pct is not None and place is not None and re.fullmatch(r"\d+(\.\d+)?", pct.text) and \
                    self.doc[pct.i + 1:pct.i + 3].text.lower().startswith(("%", "per cent", "percent")):
                self.add(ev, "turnout", place, round(float(pct.text)), sent, 0.7, "outcome.turnout")
            return
        party = self.names.entity_at(t.i - 1) if t.i else None
        ends = t.i + 1 >= sent.end or self.toks[t.i + 1].text in (".", "!", "from", "\n") or self.toks[t.i + 1].is_space
        if party is None or self.names.kinds[party] != PARTY or not ends:
            return
        if t.lemma_.lower() == "hold":
            self.add(ev, "held_by", party, None, sent, 0.75, "outcome.shorthand")
        else:
            self.add(ev, "gained_by", party, None, sent, 0.75, "outcome.shorthand")
            self.add(ev, "winner", party, None, sent, 0.7, "outcome.shorthand")

    def results_lines(self) -> None:
        """Results tables: one candidate a line, "Jane Doe (Lab) 12,345", in the order of their votes."""
        rows = []
        for sent in self.doc.sents:
            if sent.end - sent.start < 4:
                continue
            toks = [t for t in self.toks[sent.start:sent.end] if not t.is_space]
            if not 4 <= len(toks) <= 12 or not (toks[-1].like_num or (len(toks) > 1 and toks[-2].like_num)):
                continue
            m = self.names.tok2mention.get(toks[0].i)
            if m is None or not self.names.personlike(m.group) or m.end >= len(self.doc) or self.toks[m.end].text != "(":
                continue
            party = self.names.entity_at(m.end + 1)
            number = next((t for t in reversed(toks) if t.like_num), None)
            value = parse_number(number) if number is not None else None
            if party is not None and self.names.kinds[party] == PARTY and value is not None:
                rows.append((value, m.group, sent))
        if len(rows) < 2:
            return
        ev = self.events.main_election()
        if ev is None:
            return
        for rank, (value, person, sent) in enumerate(sorted(rows, key=lambda r: -r[0]), 1):
            self.add(ev, "votes", person, value, sent, 0.8, "outcome.results", rank)
            self.add(ev, "candidate", person, None, sent, 0.75, "outcome.results")
        if rows:
            self.add(ev, "winner", max(rows, key=lambda r: r[0])[1], None, max(rows, key=lambda r: r[0])[2], 0.7,
                     "outcome.results")

    def hold(self, verb: Token, sent) -> None:
        objs = [c for c in verb.subtree if c.lemma_.lower() in HOLD_OBJECTS
                or (self.names.entity_at(c.i) is not None and self.names.kinds[self.names.entity_at(c.i)] == PLACE)]
        subj, ev = self.subject(verb), self.events.event_for(sent, verb)
        if subj is not None and ev is not None and self.names.kinds[subj] == PARTY and (objs or verb.lemma_ == "cling"):
            self.add(ev, "held_by", subj, None, sent, 0.8, "outcome.hold")

    def nominal(self, noun: Token, sent) -> None:
        """"X's surprise triumph", "its loss of the X by-election"."""
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        g = self.names.resolve(owner) if owner is not None else None
        if g is None:
            return
        named = [self.events.tok_event[t.i] for t in noun.subtree if t.i in self.events.tok_event]
        ev = named[0] if named else self.events.event_for(sent, noun)
        if ev is None:
            return
        if noun.lemma_ in ("loss", "defeat"):
            if self.names.kinds[g] == PARTY and named:
                self.add(ev, "lost_by", g, None, sent, 0.7, "outcome.loss")
        elif self.names.personlike(g) and not self.elsewhere([noun], self.phrase(noun, ("poss",)), ev):
            self.add(ev, "winner", g, None, sent, 0.7, "outcome.victory")

    def trigger(self, verb: Token, sent) -> None:
        """"the by-election, which was triggered after the last MP became a mayor"."""
        ev = next((self.events.tok_event[t.i] for t in sent if t.i in self.events.tok_event), None)
        if ev is None:
            return
        for c in verb.children:
            causes = []
            if c.dep_ == "agent":
                causes = [p for p in c.children if p.dep_ == "pobj"]
            elif c.dep_ == "advcl" and any(m.lower_ in ("after", "when", "because") for m in c.children):
                causes = [s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
            for cause in causes:
                g = self.who(cause)
                if g is not None and self.names.personlike(g):
                    self.add(ev, "triggered_by", g, None, sent, 0.7, "outcome.trigger")
        if not any(o.predicate == "triggered_by" and o.event == self.base + ev for o in self.out):
            self.trigger_phrase(verb, ev, sent)

    def trigger_phrase(self, verb: Token, ev: int, sent) -> None:
        """Surface fallback: the noun phrase after "triggered after/when/by", up to its verb."""
        k = verb.i + 1
        if k >= sent.end or self.toks[k].lower_ not in ("after", "when", "by", "because"):
            return
        end = k + 1
        while end < sent.end and self.toks[end].pos_ not in ("VERB", "AUX", "PUNCT") and end - k < 9:
            end += 1
        g = None
        for t in self.toks[k + 1:end]:
            g = self.names.entity_at(t.i)
            if g is not None and self.names.personlike(g) and self.names.tok2mention[t.i].end == end:
                break
            g = None
        g = g if g is not None else self.names.anonymous_span(k + 1, end)
        if g is not None:
            self.add(ev, "triggered_by", g, None, sent, 0.6, "outcome.trigger")

    def deposit(self, verb: Token, sent) -> None:
        subj, ev = self.subject(verb), self.events.event_for(sent, verb)
        if subj is not None and ev is not None and self.names.personlike(subj):
            self.add(ev, "lost_deposit", subj, None, sent, 0.8, "outcome.deposit")
            self.add(ev, "candidate", subj, None, sent, 0.7, "outcome.deposit")

    def numbers(self, t: Token, sent) -> None:
        value = parse_number(t)
        if value is None or t.ent_type_ in ("DATE", "PERCENT", "MONEY", "TIME"):
            return
        ev = self.events.event_for(sent, t)
        if ev is None:
            return
        doc = self.doc
        before = doc[max(sent.start, t.i - 4):t.i].text.lower()
        after = doc[t.i + 1:min(sent.end, t.i + 8)].text.lower()
        clause = doc[sent.start:t.i].text.lower()
        won_by = re.search(r"\b(won|wins|win|winning|held|holds|hold|retained|kept)\b[^,;]{0,60}\bby( just| only)?$", clause)
        if re.search(r"majority of( just| only| some)?$", before) or re.match(r"^-?\s*vote majority", after) or \
                (won_by and after.startswith("vote")):
            self.add(ev, "majority", None, value, sent, 0.85, "outcome.majority")
            return
        if re.search(r"\bvote of$", before):   # "X's vote of 8,264"
            owner = next((c for c in self.toks[t.i - 2].children if c.dep_ == "poss"), None) if t.i >= 2 else None
            g = self.who(owner) if owner is not None else None
            if g is not None and self.names.personlike(g):
                self.votes(ev, g, value, sent)
            return
        if re.match(r"^to [\d,]+ votes? in favou?r of", after):   # "13,296 to 12,973 votes in favour of X"
            g = next((self.names.entity_at(k) for k in range(t.i + 5, sent.end) if self.names.entity_at(k) is not None
                      and self.names.kinds[self.names.entity_at(k)] == PERSON), None)
            if g is not None:
                self.votes(ev, g, value, sent)
            return
        m = re.search(r"\bcame (first|second|third|fourth|fifth|sixth|last) with$", before)
        verb = t.head.head if t.head.lemma_ == "vote" else t.head
        if verb.lower_ == "with" and verb.head.pos_ == "VERB":   # "won the seat with 12,345 votes"
            verb = verb.head
        if m or (verb.pos_ == "VERB" and verb.lemma_ in VOTE_VERBS and after.startswith("vote")):
            if m is None and self.hypothetical(verb):
                return
            came = next((k for k in range(t.i - 1, sent.start - 1, -1) if self.toks[k].lemma_ in VOTE_VERBS), t.i)
            g = self.name_before(came, sent) or (self.subject(verb) if verb.pos_ == "VERB" else None)
            if g is not None and self.names.personlike(g):
                self.votes(ev, g, value, sent, ORDINALS.get(m.group(1)) if m else None)

    def votes(self, ev: int, person: int, value: int, sent, rank: int | None = None) -> None:
        self.add(ev, "votes", person, value, sent, 0.8, "outcome.votes", rank)
        self.add(ev, "candidate", person, None, sent, 0.7, "outcome.votes")

    def candidates(self, memberships) -> None:
        """People the article calls candidates stood in its main election."""
        ev = self.events.main_election()
        if ev is None:
            return
        for m in memberships:
            if m.role_key == "candidate" and m.current:
                span = self.doc.char_span(m.evidence.start, m.evidence.end, alignment_mode="expand")
                if span is not None:
                    self.add(ev, "candidate", m.person, None, span, 0.65, "outcome.candidate")

    def person_events(self) -> None:
        """The person a resignation or murder happened to, and a murder's perpetrator ("by X")."""
        for ev, who, t in self.events.person_events_found:
            kind = self.events.events[ev].type
            self.add(ev, "resigned" if kind == "Resignation" else "victim", who, None, t.sent, 0.75,
                     f"outcome.{kind.lower()}")
            if kind == "Murder" and t.pos_ == "VERB":
                for agent in (c for c in t.children if c.dep_ == "agent"):
                    for p in (c for c in agent.children if c.dep_ == "pobj"):
                        g = self.who(p)
                        if g is not None and self.names.personlike(g) and g != who:
                            self.add(ev, "perpetrator", g, None, t.sent, 0.7, "outcome.murder")

    def deaths(self) -> None:
        """"Britain recording more than 128,000 deaths in the pandemic": a lower bound, by place."""
        pandemic = self.events.by_key.get(("Pandemic",))
        if pandemic is None:
            return
        for t in self.toks:
            if t.lemma_ != "death":
                continue
            nums = [c for c in t.children if c.dep_ == "nummod"]
            if not nums and t.i and parse_number(self.toks[t.i - 1]) is not None:
                nums = [self.toks[t.i - 1]]
            value = parse_number(nums[0]) if nums else None
            place = self.name_before(nums[0].i if nums else t.i, t.sent, kinds=(PLACE,)) if value else None
            if value and place is not None:
                self.add(pandemic, "deaths", place, value, t.sent, 0.7, "outcome.deaths")


def find_outcomes(doc: Doc, names: DocNames, events: EventFinder, memberships, base: int) -> list[Outcome]:
    """Outcomes; a majority's subject is the article's winning candidate, or left open."""
    found = OutcomeFinder(doc, names, events, base).run(memberships)
    winners = {}
    for o in found:
        if o.predicate == "winner" and names.kinds[o.subject] == PERSON:
            winners.setdefault(o.event, o.subject)
    return [replace(o, subject=winners.get(o.event)) if o.predicate == "majority" else o for o in found]

