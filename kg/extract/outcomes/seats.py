"""Who held the seat going into the contest, who gained it, and what caused the contest.

Held: "Labour held / retained / kept the seat", "X retained the seat for Labour", "the riding has
always been held by a Conservative MP", "she had held the seat since 2005", "a safe National
seat", "the longtime Liberal stronghold of X", "a riding dominated by the Liberals", "overturning
a Conservative majority", "where the Conservatives are defending a 20,137 majority"; the sitting
member: "the seat vacated by X", "X's former seat", "the contest to replace X", "X, who
represented the constituency for 17 years", "X resigned the seat", "fill the term of X",
"sitting MP X". Gained: "X gain from Y", "Y lost the seat to X" (and kg.extract.outcomes.wins:
"X took the seat from Y"). Caused: "the by-election was triggered by / called after / comes
after" a departure (resignation, retirement, standing down, recall, suspension) of a person, "the
seat vacated by X". Lost deposits. A death or a killing is not a person's action, so it triggers
nothing here (it is an event of its own)."""
from __future__ import annotations

import re

from spacy.tokens import Token

from ...model import PARTY
from .core import Finder

HOLD_VERBS = {"hold", "retain", "keep", "defend", "cling", "represent", "dominate"}
SEAT_NOUNS = {"seat", "ground", "constituency", "it", "riding", "ward", "district", "electorate", "division"}
SAFE_NOUNS = {"stronghold", "heartland", "bastion", "fortress"}
PAST_HOLDING = re.compile(r"\b(?:most recently|previously|formerly|since (?:19|20)\d\d|for (?:more than |over |nearly )?"
                          r"(?:\d+|\w+) years|continuously|always|long|had)\b", re.I)
DEPARTURES = {"resign", "resignation", "retire", "retirement", "quit", "recall", "suspension", "suspend", "step",
              "stand", "vacate", "elevation", "expulsion", "expel", "disqualification", "disqualify", "leave"}
TRIGGERS = {"trigger", "call", "cause", "prompt", "spark", "force", "come", "follow", "hold"}
REPLACE_VERBS = {"replace", "succeed", "fill"}
# "was forced to resign", "decided to stand down": the infinitive happened.
COMPELLED = {"force", "decide", "choose", "agree", "opt", "vote", "announce", "elect", "compel", "oblige", "pressure",
             "ask", "move"}


WATCHED = HOLD_VERBS | SAFE_NOUNS | DEPARTURES | REPLACE_VERBS | {"lose", "forfeit", "safe", "vacated", "former", "hold",
                                                                  "gain", "trigger", "cause", "prompt", "spark", "force",
                                                                  "call", "sit", "sitting", "incumbent"}


def find(f: Finder) -> None:
    lemmas, pos_of, lowers = f.names.lemmas, f.names.pos, f.names.lowers
    for i, lemma in enumerate(lemmas):
        if lemma not in WATCHED and lowers[i] not in WATCHED:
            continue
        pos, t = pos_of[i], f.toks[i]
        if pos == "VERB" and lemma in HOLD_VERBS:
            hold(f, t)
        elif pos == "VERB" and lemma in ("lose", "forfeit"):
            lose(f, t)
        elif lemma in SAFE_NOUNS or (lemma == "safe" and pos == "ADJ"):
            stronghold(f, t)
        elif lemma in ("vacate", "vacated") or (lemma == "former" and i + 1 < len(f.toks) and lemmas[i + 1] == "seat"):
            vacated(f, t)
        elif pos == "VERB" and lemma in REPLACE_VERBS:
            replaced(f, t)
        elif lowers[i] in ("sitting", "incumbent") and i + 1 < len(f.toks):
            sitting(f, t)
        if lemma in ("hold", "gain") and pos in ("NOUN", "PROPN", "VERB"):
            shorthand(f, t)
        if lemma in DEPARTURES:
            departure(f, t)
        elif pos == "VERB" and lemma in ("trigger", "cause", "prompt", "spark", "force", "call"):
            triggered(f, t)


def _party_in(f: Finder, tokens) -> int | None:
    return next(iter(f.entities_in(tokens, kinds=(PARTY,))), None)


def hold(f: Finder, verb: Token) -> None:
    sent = verb.sent
    if f.hypothetical(verb):
        return
    ev = f.events.event_for(sent, verb)
    if ev is None:
        return
    place = f.events.events[ev].place
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    about_seat = any(o.lemma_.lower() in SEAT_NOUNS or o.i in f.events.tok_event
                     or (place is not None and f.names.entity_at(o.i) == place) for o in objs)
    lemma = verb.lemma_.lower()
    if lemma == "cling":
        about_seat = about_seat or any(c.lower_ == "on" for c in verb.children)
    if lemma == "dominate":
        about_seat = any(o.lemma_.lower() in SEAT_NOUNS for o in [verb.head]) or verb.dep_ == "acl"
    if lemma == "hold" and not about_seat:   # "The Conservative Party held on to the X seat"
        about_seat = any(c.lower_ == "on" for c in verb.children) and \
            any(t.lemma_.lower() in SEAT_NOUNS or f.names.entity_at(t.i) == place for t in verb.subtree)
    if not about_seat:
        return
    passive = any(c.dep_ == "auxpass" for c in verb.children) or verb.dep_ == "acl"
    holder = f.agent(verb) if passive else f.own_subject(verb)
    if passive and holder is None:   # "held by a Conservative MP"
        agent = [p for c in verb.children if c.dep_ == "agent" for p in c.subtree]
        holder = _party_in(f, agent)
    if holder is None:
        if lemma in ("hold", "retain", "keep") and not passive and not f.hypothetical(verb):
            f.add(ev, "_retained", None, None, sent, 0.6, "outcome.retain")   # "for holding the ward"
        return
    for_party = next((_party_in(f, c.subtree) for c in verb.subtree if c.dep_ == "prep" and c.lower_ == "for"
                      and _party_in(f, c.subtree) is not None), None)
    earlier = bool(PAST_HOLDING.search(" ".join(t.text for t in verb.subtree)) or
                   verb.tag_ == "VBN" and any(c.lower_ == "had" for c in verb.children))
    if lemma == "defend" and f.person(holder):   # the defending candidate's party held it
        f.add(ev, "_defender", holder, None, sent, 0.7, "outcome.hold")
    elif f.party(holder):
        f.add(ev, "held_by", holder, None, sent, 0.8, "outcome.hold")
    elif f.person(holder) and (earlier or lemma == "represent"):
        f.add(ev, "held_by", holder, None, sent, 0.75, "outcome.hold")
    elif f.person(holder) and lemma in ("hold", "retain", "keep") and verb.tag_ != "VBG":
        f.add(ev, "winner", holder, None, sent, 0.75, "outcome.retain")
        f.add(ev, "_retained", holder, None, sent, 0.75, "outcome.retain")
        if f.party(for_party):
            f.add(ev, "candidate", holder, None, sent, 0.75, "outcome.retain", other=for_party)


def lose(f: Finder, verb: Token) -> None:
    """"Labour lost the seat to the Greens", "X lost her deposit"."""
    sent = verb.sent
    ev = f.events.event_for(sent, verb)
    if ev is None or f.hypothetical(verb):
        return
    subj = f.subject(verb)
    if any(c.lemma_ == "deposit" for c in verb.subtree):
        if f.person(subj):
            f.add(ev, "lost_deposit", subj, None, sent, 0.8, "outcome.deposit")
            f.add(ev, "candidate", subj, None, sent, 0.7, "outcome.deposit")
        return
    objs = [c for c in verb.children if c.dep_ == "dobj" and (c.lemma_.lower() in SEAT_NOUNS or c.i in f.events.tok_event)]
    if not objs or not f.party(subj):
        return
    f.add(ev, "held_by", subj, None, sent, 0.75, "outcome.loss")
    for to in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"):
        for p in (c for c in to.children if c.dep_ == "pobj"):
            g = f.names.resolve(p)
            if g is not None and g != subj and (f.person(g) or f.party(g)):
                f.add(ev, "winner", g, None, sent, 0.75, "outcome.loss")
                if f.party(g):
                    f.add(ev, "gained_by", g, None, sent, 0.75, "outcome.loss", other=subj)


def stronghold(f: Finder, t: Token) -> None:
    """"the longtime Liberal stronghold of X", "a safe National seat", "Once safe Liberal seat"."""
    sent = t.sent
    if t.i in f.names.quoted:
        return
    head = t.head if t.lemma_ == "safe" else t
    if t.lemma_ == "safe" and head.lemma_.lower() not in SEAT_NOUNS:
        return
    party = _party_in(f, [c for c in head.subtree if c.i < head.i] + [head])
    ev = f.events.event_for(sent, t)
    if party is None or ev is None:
        return
    place = f.events.events[ev].place
    of_place = any(f.names.entity_at(c.i) == place for c in head.subtree)
    seat_words = {w.lemma_.lower() for w in sent} & (SEAT_NOUNS | {"by-election", "byelection", "riding", "electorate"})
    if of_place or seat_words or any(i in f.events.tok_event for i in range(sent.start, sent.end)):
        if "former" not in {c.lower_ for c in head.lefts}:
            f.add(ev, "held_by", party, None, sent, 0.7, "outcome.stronghold")


def vacated(f: Finder, t: Token) -> None:
    """"the seat vacated by X" (X held it and caused the contest), "X's former seat"."""
    sent = t.sent
    ev = f.events.event_for(sent, t)
    if ev is None or not _only_contest(f, ev, sent):
        return
    if t.lemma_.lower() == "former":   # "Jane Doe's former seat"
        seat = f.toks[t.i + 1]
        owner = next((c for c in seat.children if c.dep_ == "poss"), None)
        g = f.names.resolve(owner) if owner is not None else None
        if f.person(g):
            f.add(ev, "held_by", g, None, sent, 0.7, "outcome.former-seat")
        return
    g = f.agent(t) or f.name_after(t.i + (1 if t.i + 1 < len(f.toks) and f.toks[t.i + 1].lower_ == "by" else 0),
                                   sent.end, limit=8)
    if f.person(g):
        f.add(ev, "held_by", g, None, sent, 0.75, "outcome.vacated")
        f.add(ev, "triggered_by", g, None, sent, 0.7, "outcome.vacated")


def _only_contest(f: Finder, ev: int, sent) -> bool:
    """``ev`` is surely the contest the sentence means: it names it, or the article reports no other."""
    if any(f.events.tok_event.get(i) == ev for i in range(sent.start, sent.end)):
        return True
    seats = [e for e in f.events.events if e.type == "ByElection"]
    return len(seats) <= 1


def replaced(f: Finder, verb: Token) -> None:
    """"the contest to replace X", "will fill the unexpired term of X", "the MP succeeding X"."""
    sent = verb.sent
    ev = f.events.event_for(sent, verb)
    if ev is None:
        return
    people, parties, k = [], [], verb.i + 1   # the people named after the verb, up to the next verb or break
    while k < sent.end and k - verb.i < 12 and f.toks[k].pos_ not in ("VERB", "AUX") and f.toks[k].text not in (",", ";", "."):
        g = f.names.entity_at(k)
        if f.person(g) and g not in people:
            people.append(g)
        elif g is not None and f.names.kinds[g] == PARTY and not people and g not in parties:
            parties.append(g)   # "to replace Example Party TD X": the party held the seat
        k += 1
    before = {f.toks[j].lemma_.lower() for j in range(max(sent.start, verb.i - 3), verb.i)}
    contest = bool(before & {"contest", "race", "election", "by-election", "byelection", "poll", "vote"}) or \
        verb.head.lemma_.lower() in ("contest", "race", "election", "by-election", "poll", "vote") or \
        verb.lemma_.lower() == "fill"
    mp = verb.dep_ in ("acl", "relcl") and verb.head.lemma_.lower() in ("mp", "member", "td", "mla", "representative")
    for g in people + (parties if people else []):
        if contest or mp:
            f.add(ev, "held_by", g, None, sent, 0.7, "outcome.replace")
        if _departed(f, g, sent):   # "succeeds X, who resigned last year"
            f.add(ev, "triggered_by", g, None, sent, 0.65, "outcome.replace")


def _departed(f: Finder, g: int, sent) -> bool:
    """The sentence says ``g`` left: "X, who resigned last year"."""
    for t in sent:
        if t.lemma_.lower() in DEPARTURES and t.pos_ in ("VERB", "NOUN"):
            doer = f.subject(t) if t.pos_ == "VERB" else None
            if doer == g:
                return True
    return False


def sitting(f: Finder, t: Token) -> None:
    """"sitting MP X", "the sitting Tory member", "incumbent Mayor X": who holds the seat now."""
    k = t.i + 1
    while k < min(len(f.toks) - 1, t.i + 5) and f.toks[k].text[:1].isupper() and not f.names.lex.role([f.toks[k].lower_]):
        k += 1   # "the sitting Labour MP X", "incumbent Example City Mayor X"
    nxt = f.toks[k]
    if not f.names.lex.role([nxt.lower_]) and nxt.lower_ not in ("member", "members"):
        return
    g = f.name_after(k, t.sent.end, limit=4)
    ev = f.events.event_for(t.sent, t)
    if f.person(g) and ev is not None and f.events.events[ev].type in ("ByElection", "Election"):
        f.add(ev, "held_by", g, None, t.sent, 0.65, "outcome.sitting")


def departure(f: Finder, t: Token) -> None:
    """"the by-election was triggered by the resignation of X", "called when X resigned", "comes
    after X received a suspension"."""
    sent = t.sent
    lemma = t.lemma_.lower()
    if lemma in ("step", "stand") and not any(c.lower_ in ("down", "aside") for c in t.children):
        return
    if lemma == "leave" and not any(c.lemma_.lower() in ("parliament", "office", "seat", "post") for c in t.children):
        return
    if t.pos_ == "VERB" and f.hypothetical(t) and not (t.dep_ == "xcomp" and t.head.lemma_.lower() in COMPELLED):
        return
    ev = next((f.events.tok_event[i] for i in range(sent.start, sent.end) if i in f.events.tok_event
               and f.events.events[f.events.tok_event[i]].type in ("ByElection", "Election")), None)
    contest_word = any(w.lemma_.lower() in ("by-election", "byelection", "vote", "poll", "contest", "election")
                       for w in sent)
    seat = t.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in SEAT_NOUNS | {"post", "office"}
                                    for c in t.children)   # "X resigned the seat"
    if ev is None and (contest_word or seat):
        ev = f.events.event_for(sent, t) if seat else f.events.main_election()
    cause = any(w.lemma_.lower() in TRIGGERS and w.i < t.i for w in sent) or \
        any(w.lower_ in ("after", "following", "when") and w.i < t.i for w in sent)
    if ev is None or not (seat or (cause and contest_word)):
        return
    who = None
    if t.pos_ == "NOUN":   # "the resignation of X", "X's retirement"
        owner = next((c for c in t.children if c.dep_ == "poss"), None)
        who = f.names.resolve(owner) if owner is not None else None
        if who is None:
            who = f.name_after(t.i, sent.end, limit=7)
        if who is None:   # "after X received a six-week suspension"
            verb = t.head if t.dep_ in ("dobj", "pobj") else None
            who = f.subject(verb) if verb is not None and verb.pos_ == "VERB" else None
    else:
        who = f.subject(t)
    if f.person(who):
        f.add(ev, "triggered_by", who, None, sent, 0.7, "outcome.trigger")


def triggered(f: Finder, verb: Token) -> None:
    """"the by-election, which was triggered after the last MP became a mayor", "called by X"."""
    sent = verb.sent
    ev = next((f.events.tok_event[t.i] for t in sent if t.i in f.events.tok_event
               and f.events.events[f.events.tok_event[t.i]].type in ("ByElection", "Election")), None)
    if ev is None:
        return
    for c in verb.children:
        causes = []
        if c.dep_ == "agent":   # the person themself, not "the stabbing of X"
            causes = [p for p in c.children if p.dep_ == "pobj" and f.person(f.names.entity_at(p.i) or
                                                                          f.names.pronouns.get(p.i))]
        elif c.dep_ == "advcl" and any(m.lower_ in ("after", "when", "because") for m in c.children):
            causes = [s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
        for cause in causes:
            g = f.who(cause)
            if f.person(g):
                f.add(ev, "triggered_by", g, None, sent, 0.7, "outcome.trigger")
    if not f.of(ev, "triggered_by"):
        _triggered_after(f, verb, ev, sent)


# A by-election caused by what happened to someone, not by what they did: no one triggered it.
PASSIVE_ENDS = {"die", "kill", "murder", "stab", "shoot", "pass", "assassinate", "attack"}


def _triggered_after(f: Finder, verb: Token, ev: int, sent) -> None:
    """Surface fallback: "triggered after/when <a person> <did something>" where the parse is lost."""
    k = verb.i + 1
    if k >= sent.end or f.toks[k].lower_ not in ("after", "when", "because"):
        return
    end = k + 1
    while end < sent.end and f.toks[end].pos_ not in ("VERB", "AUX", "PUNCT") and end - k < 9:
        end += 1
    if end >= sent.end or f.toks[end].pos_ not in ("VERB", "AUX") or f.toks[end].lemma_.lower() in PASSIVE_ENDS \
            or any(f.toks[j].lemma_.lower() in PASSIVE_ENDS for j in range(end, min(sent.end, end + 3))):
        return
    g = None
    for t in f.toks[k + 1:end]:
        g = f.names.entity_at(t.i)
        if f.person(g) and f.names.tok2mention[t.i].end == end:
            break
        g = None
    g = g if g is not None else f.names.anonymous_span(k + 1, end)
    if f.person(g):
        f.add(ev, "triggered_by", g, None, sent, 0.6, "outcome.trigger")


def shorthand(f: Finder, t: Token) -> None:
    """Result shorthand in prose: "Labour hold", "Conservative gain from Labour"."""
    sent = t.sent
    ev = f.events.event_for(sent, t)
    if ev is None or t.i == 0:
        return
    party = f.names.entity_at(t.i - 1)
    nxt = f.toks[t.i + 1].text if t.i + 1 < len(f.toks) else "\n"
    ends = t.i + 1 >= sent.end or nxt in (".", "!", "from", "\n") or f.toks[t.i + 1].is_space
    if not f.party(party) or not ends:
        return
    if t.lemma_.lower() == "hold":
        f.add(ev, "held_by", party, None, sent, 0.75, "outcome.shorthand")
        return
    other = f.name_after(t.i, sent.end, kinds=(PARTY,), limit=3) if nxt == "from" else None
    f.add(ev, "gained_by", party, None, sent, 0.75, "outcome.shorthand", other=other)
    f.add(ev, "winner", party, None, sent, 0.7, "outcome.shorthand")
    if other is not None:
        f.add(ev, "held_by", other, None, sent, 0.7, "outcome.shorthand")
