"""Who won and who lost, as narrative states it.

"X won the seat / the by-election / re-election", "the seat was won by X", "X beat / defeated /
ousted / unseated / edged out Y", "X has been elected (to represent the district)", "X's
victory", "a victory for X", "the seat falls to X", "X was declared the winner"; the losers named
with "over Y", "ahead of Y", "against Y". A win that is not the contest's result is left out: one
of several ("her victories"), a stage of another contest ("his Iowa win"), a county of a district
("won in nine of the 11 counties", "his victory there"), or a hope ("hoped that X wins")."""
from __future__ import annotations

import re

from spacy.tokens import Token

from ...model import PARTY, PLACE
from .core import ORDINALS, Finder

WIN_VERBS = {"win", "claim", "clinch", "secure", "capture", "seize", "snatch", "take", "gain", "flip", "sweep", "carry",
             "reclaim", "regain", "retake", "eke", "score", "record", "notch", "seal", "pull", "earn", "grab", "deliver"}
# Verbs that state a win only with a victory as their object: "eked out the win", "scored a victory".
ONLY_VICTORY = {"eke", "score", "record", "notch", "seal", "pull", "earn", "grab", "deliver"}
WIN_OBJECTS = {"seat", "election", "by-election", "byelection", "race", "contest", "victory", "poll", "ballot", "it",
               "reelection", "re-election", "riding", "ward", "constituency", "electorate", "district", "win",
               "mandate", "nomination", "primary", "mayoralty", "presidency", "governorship", "leadership"}
DEFEAT_VERBS = {"beat", "defeat", "oust", "unseat", "topple", "trounce", "edge", "best", "outpoll", "rout", "overcome",
                "thrash", "overwhelm", "outvote"}
UNSEAT = {"oust", "unseat", "topple"}
VICTORY_NOUNS = {"victory", "win", "triumph", "landslide", "upset"}
# A win "in the Iowa caucuses", "of 19 delegates", "in nine of the 11 counties" is a step or a part
# of a contest, not its result, unless the contest is itself a primary or caucus.
STAGES = {"primary", "primaries", "caucus", "caucuses", "delegate", "delegates", "nomination", "round", "debate",
          "county", "counties", "precinct", "precincts", "booth", "booths", "ward", "wards", "state", "states"}
OUTCOME_WORDS = {"win", "won", "victory", "majority", "lead", "margin", "votes", "beat", "defeat", "defeated", "edge",
                 "elected", "ahead", "seat", "edged", "beating", "winning", "led", "gap"}


def find(f: Finder) -> None:
    for i, (lemma, pos) in enumerate(zip(f.names.lemmas, f.names.pos)):
        if pos == "VERB":
            if lemma in WIN_VERBS:
                win(f, f.toks[i])
            elif lemma in DEFEAT_VERBS:
                defeat(f, f.toks[i])
            elif lemma in ("elect", "re-elect", "reelect"):
                elected(f, f.toks[i])
            elif lemma in ("represent", "fall", "declare", "name", "concede"):
                other_verbs(f, f.toks[i])
            elif lemma in ("stand", "run", "contest"):
                standing(f, f.toks[i])
        elif pos == "NOUN" and lemma in VICTORY_NOUNS:
            victory(f, f.toks[i])
        elif lemma in ("over", "ahead", "against"):
            loser(f, f.toks[i])


def elsewhere(f: Finder, wins: list[Token], phrase: list[Token], ev: int) -> bool:
    """A win (``wins``, the words that name it, in ``phrase``) that is not ``ev``'s result: one of
    several ("her victories"), a stage or part of a contest ("in the Florida primary", "in nine of
    the 11 counties", "there"), or in another place or year ("his Iowa win", "his 2004 win" when
    ``ev`` is national or another year's). Unless plural, a phrase that names ``ev`` itself is never
    elsewhere, nor is a by-election's by a place (the seat's town or region)."""
    if any(w.tag_ in ("NNS", "NNPS") for w in wins):
        return True
    event = f.events.events[ev]
    if any(f.events.tok_event.get(t.i) == ev for t in phrase):
        return False
    name = event.name.lower()
    for t in phrase:
        word = t.lower_
        if (word in ORDINALS and word != "last") or (word in STAGES and word not in name) or word == "there":
            return True
        if re.fullmatch(r"(?:19|20)\d\d", word) and (not event.date or not event.date.startswith(word)):
            return True
        if event.type == "ByElection":   # a seat's own contest: its region may be named too
            continue
        g = f.names.entity_at(t.i)
        if g != event.place and g is not None and f.names.kinds[g] == PLACE:
            return True
    return False


def _doer(f: Finder, verb: Token) -> int | None:
    g = f.subject(verb)
    return g if f.person(g) or f.party(g) else None


def win(f: Finder, verb: Token) -> None:
    sent = verb.sent
    if f.hypothetical(verb):
        return
    objs = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    subj_pass = [c for c in verb.children if c.dep_ == "nsubjpass"]
    ev = f.events.event_for(sent, verb)
    if verb.dep_ == "relcl" and verb.head.i in f.events.tok_event:   # "the 1997 election, which X won"
        ev = f.events.tok_event[verb.head.i]
    if ev is None:
        return
    place = f.events.events[ev].place

    def names_contest(t: Token) -> bool:
        if t.lower_ in ("which", "that") and verb.dep_ == "relcl":   # "the 1997 election, which X won"
            t = verb.head
        return t.lemma_.lower() in WIN_OBJECTS or t.i in f.events.tok_event or \
            (place is not None and f.names.entity_at(t.i) == place)

    if subj_pass and any(names_contest(t) for t in subj_pass[0].subtree):   # "the seat was won by X"
        winner = f.agent(verb)
        if f.person(winner) or f.party(winner):
            f.add(ev, "winner", winner, None, sent, 0.8, "outcome.win")
        return
    if verb.lemma_.lower() in ONLY_VICTORY:
        if not any(o.lemma_.lower() in VICTORY_NOUNS for o in objs):
            return
        named = True
    else:
        named = any(names_contest(o) for o in objs)
    preps = {c.lower_: c for c in verb.children if c.dep_ == "prep"}
    for_party = next((f.names.resolve(p) for p in preps["for"].children if p.dep_ == "pobj"), None) \
        if "for" in preps else None
    bare = not objs and verb.lemma_ == "win" and (
        verb.dep_ == "ROOT" or f.party(for_party) or "by" in preps or "with" in preps)
    if not named and not bare:
        return
    winner = _doer(f, verb)
    if winner is None:
        return
    words = f.phrase(verb, ("nsubj", "nsubjpass", "ccomp", "conj", "advcl", "cc", "punct", "xcomp"))
    year = _year_of(f, words, ev)
    if year is not None:   # "the seat she won in 2020": the seat's contest of that year
        earlier = f.events.earlier(ev, year)
        if earlier is not None and not any(o.tag_ in ("NNS", "NNPS") for o in objs):
            f.add(earlier, "winner", winner, None, sent, 0.7, "outcome.win")
        return
    if elsewhere(f, objs, words, ev):
        return
    f.add(ev, "winner", winner, None, sent, 0.8, "outcome.win")
    if f.party(for_party) and f.person(winner):   # "X won for Labour"
        f.add(ev, "candidate", winner, None, sent, 0.75, "outcome.win", other=for_party)
    losers = [f.names.resolve(p) for c in verb.subtree if c.dep_ == "prep" and c.lower_ == "from"
              and c.head.i in {verb.i} | {o.i for o in objs} for p in c.children if p.dep_ == "pobj"]
    if verb.dep_ == "pcomp" and verb.head.lower_ == "by":   # "X shocked Y by winning"
        losers += [f.names.resolve(c) for c in verb.head.head.children if c.dep_ == "dobj"]
    after = []
    if verb.dep_ == "pcomp" and verb.head.lower_ == "after":   # "oust Y from ... after winning"
        main = verb.head.head
        after = [f.names.resolve(c) for c in main.children if c.dep_ == "dobj" and main.lemma_.lower() in UNSEAT | {"beat", "defeat"}]
    from_party = next((g for g in losers + after if f.party(g) and g != winner), None)
    seat = any(o.lemma_.lower() in ("seat", "constituency", "ward", "riding", "it", "district", "electorate")
               or (place is not None and f.names.entity_at(o.i) == place) for o in objs)
    taken = verb.lemma_.lower() in ("gain", "capture", "seize", "snatch", "take", "flip", "retake") and seat
    if f.party(winner) and (taken or from_party is not None):
        f.add(ev, "gained_by", winner, None, sent, 0.75, "outcome.gain", other=from_party)
    if from_party is not None and from_party in losers:   # "took the seat from Y": Y held it
        f.add(ev, "held_by", from_party, None, sent, 0.7, "outcome.gain")


def _year_of(f: Finder, words: list[Token], ev: int) -> str | None:
    """A year a win's phrase gives that is not its contest's ("won in 2020" when reporting 2023)."""
    date = f.events.events[ev].date or ""
    for t in words:
        if re.fullmatch(r"(?:19|20)\d\d", t.text) and not date.startswith(t.text) and f.events.events[ev].place is not None \
                and f.toks[t.i - 1].lower_ not in ("since", "before", "until", "till", "after", "from"):
            return t.text
    return None


def defeat(f: Finder, verb: Token) -> None:
    """"X beat Y", "X defeated Y", "X edged out Y", "unseating the Liberals"."""
    sent = verb.sent
    if f.hypothetical(verb):
        return
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    losers = [g for o in objs for g in [f.names.resolve(o)] + [f.names.resolve(c) for c in o.children if c.dep_ == "conj"]
              if f.person(g) or f.party(g)]
    if not losers and verb.lemma_ not in UNSEAT:
        losers = [g for o in objs for g in f.entities_in(o.subtree, kinds=("Person", PARTY))]
    winner = _doer(f, verb)
    ev = f.events.event_for(sent, verb)
    if ev is None or winner is None or not losers or winner in losers:
        return
    if elsewhere(f, [], f.phrase(verb, ("nsubj", "nsubjpass", "dobj", "ccomp", "conj", "advcl", "cc", "punct")), ev):
        return
    if f.party(winner) and all(f.person(g) for g in losers) and not _names_event(f, sent, ev):
        return   # "the Tories beat Jane Doe" with no contest named: too loose
    f.add(ev, "winner", winner, None, sent, 0.8, "outcome.defeat")
    for g in losers:
        if f.person(g):
            f.add(ev, "candidate", g, None, sent, 0.75, "outcome.defeat")
        if verb.lemma_.lower() in UNSEAT:   # who is unseated held the seat
            f.add(ev, "held_by", g, None, sent, 0.75, "outcome.unseat")


def _names_event(f: Finder, sent, ev: int) -> bool:
    return any(f.events.tok_event.get(i) == ev for i in range(sent.start, sent.end))


def elected(f: Finder, verb: Token) -> None:
    """"X has been elected (to represent the district)", "X was elected in 1987 along with Y and Z"."""
    sent = verb.sent
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    if not passive or f.hypothetical(verb):
        return
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    winner = f.who(subj) if subj is not None else None
    if not f.person(winner):
        return
    year = next((t.text for t in verb.subtree if re.fullmatch(r"(?:19|20)\d\d", t.text) and t.i > verb.i), None)
    ev = f.events.event_for(sent, verb)
    if year is not None and (ev is None or not (f.events.events[ev].date or "").startswith(year)):
        ev = f.events.general(year)   # "elected ... in 1987": that year's general election
    if ev is None:
        return
    f.add(ev, "winner", winner, None, sent, 0.75, "outcome.elected")
    for t in verb.subtree:   # "elected along with three other MPs - A, B and C - in 1987"
        if t.i > verb.i and t.lower_ == "with" and f.toks[t.i - 1].lower_ == "along":
            for g in f.entities_in(t.subtree):
                if g != winner:
                    f.add(ev, "winner", g, None, sent, 0.7, "outcome.elected")


def other_verbs(f: Finder, verb: Token) -> None:
    """"X will represent the seat after a by-election win", "the seat falls to X", "X was declared
    the winner", "the winning candidate has been named as X", "X conceded"."""
    sent, lemma = verb.sent, verb.lemma_.lower()
    ev = f.events.event_for(sent, verb)
    if ev is None:
        return
    if lemma == "represent":
        place = f.events.events[ev].place
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        won = any(t.lemma_.lower() in VICTORY_NOUNS | {"elect"} for t in sent)
        subj = _doer(f, verb)
        if won and f.person(subj) and any(f.names.entity_at(o.i) == place for o in objs) and \
                not any(c.dep_ == "neg" for c in verb.children):
            f.add(ev, "winner", subj, None, sent, 0.7, "outcome.represent")
    elif lemma == "fall":
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"):
            for p in (c for c in prep.children if c.dep_ == "pobj"):
                g = f.names.resolve(p)
                if f.person(g) or f.party(g):
                    f.add(ev, "winner", g, None, sent, 0.7, "outcome.falls")
    elif lemma in ("declare", "name"):
        said = [c for c in verb.subtree if c.lower_ in ("winner", "victor")]
        if not said or f.hypothetical(verb):
            return
        who = f.subject(verb) if any(c.dep_ == "nsubjpass" for c in verb.children) else None
        if not f.person(who) or who is None:
            who = next((g for g in f.entities_in(t for t in verb.subtree if t.i > said[0].i)), None) or \
                next((g for g in f.entities_in(t for t in sent if t.i > verb.i)), None)
        if f.person(who):
            f.add(ev, "winner", who, None, sent, 0.7, "outcome.declared")
    elif lemma == "concede" and not f.hypothetical(verb):
        who = f.subject(verb)
        if f.person(who):
            f.add(ev, "candidate", who, None, sent, 0.6, "outcome.concede")


def standing(f: Finder, verb: Token) -> None:
    """"X is standing against Y", "X is running for the seat of Z", "X is contesting the seat": a candidate."""
    sent = verb.sent
    preps = {c.lower_: c for c in verb.children if c.dep_ == "prep"}
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    lemma = verb.lemma_.lower()
    if any(c.lower_ in ("down", "aside", "trial", "by") for c in verb.children) or f.hypothetical(verb):
        return
    seats = list(preps["for"].subtree if "for" in preps else []) + list(preps["in"].subtree if "in" in preps else [])
    seats += [t for o in objs for t in o.subtree] if lemma == "contest" else []
    seat = next((p for p in seats if p.lemma_.lower() in ("seat", "constituency", "riding", "district", "ward")
                 or f.kind(f.names.entity_at(p.i)) == PLACE), None)
    against = "against" in preps and lemma in ("stand", "run")
    if seat is None and not against:
        return
    place = None
    for p in seat.subtree if seat is not None else ():   # "for the seat of X": X is a place, whatever the NER said
        g = f.names.entity_at(p.i)
        if g is not None and (f.kind(g) == PLACE or (f.kind(g) == "Organization" and f.toks[p.i - 1].lower_ == "of"
                                                     and not any(m.org for m in f.names.groups[g]))):
            f.names.retype(g, PLACE)
            place = g
            break
    ev = f.events.event_for(sent, verb)
    if place is not None and (ev is None or f.events.events[ev].place != place):
        ev = f.events.seat_contest(place)   # "running for the seat of X": X's contest
    if ev is None:
        return
    who = f.subject(verb)
    if who is None and f.events._scope(sent) is not None:   # "In X, NAME, who ..., is standing against Y"
        who = next(iter(f.entities_in(f.toks[sent.start:verb.i])), None)
    if f.person(who):
        f.add(ev, "candidate", who, None, sent, 0.65, "outcome.standing")


def victory(f: Finder, noun: Token) -> None:
    """"X's surprise triumph", "a by-election win for Labour"."""
    sent = noun.sent
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    g = f.names.resolve(owner) if owner is not None else None
    if g is None:
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "for"):
            g = next((f.names.resolve(p) for p in prep.children if p.dep_ == "pobj"), None)
    if not (f.person(g) or f.party(g)) or "must" in noun.lower_ or any(c.lower_ == "must" for c in noun.children):
        return   # "a must-win for X" is no win
    named = [f.events.tok_event[t.i] for t in noun.subtree if t.i in f.events.tok_event]
    ev = named[0] if named else f.events.event_for(sent, noun)
    if ev is None or noun.lemma_.lower() == "upset" and not f.party(g):
        return
    if any(c.dep_ == "neg" for c in noun.head.children) or f.hypothetical(noun.head) and noun.head.pos_ == "VERB":
        return
    if any(c.lower_ == "there" for c in noun.head.children) or any(c.lower_ == "there" for c in noun.children):
        return   # "his victory there": in a part of the contest
    if not elsewhere(f, [noun], f.phrase(noun, ("poss",)), ev):
        f.add(ev, "winner", g, None, sent, 0.7, "outcome.victory")


def loser(f: Finder, t: Token) -> None:
    """The runner-up of a stated win: "a majority of 2,501 over Y", "ahead of Y", "up against Y"."""
    sent = t.sent
    if not any(w.lower_ in OUTCOME_WORDS for w in sent):
        return
    if t.lower_ == "ahead":
        nxt = f.toks[t.i + 1] if t.i + 1 < len(f.toks) else None
        if nxt is None or nxt.lower_ != "of":
            return
        t = nxt
    objs = [c for c in t.children if c.dep_ == "pobj"]
    g = next((f.names.resolve(o) for o in objs if f.person(f.names.resolve(o))), None)
    if g is None:
        g = f.name_after(t.i, sent.end, limit=6)
    if not f.person(g):
        return
    ev = f.events.event_for(sent, t)
    if ev is not None:
        f.add(ev, "candidate", g, None, sent, 0.65, "outcome.runner-up")
