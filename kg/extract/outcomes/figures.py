"""Figures of a result in prose: votes, majorities, vote shares and turnout.

Votes: "X took / won / received / polled / garnered / had 13,296 (votes)", "X came second with
12,973", "third was X with 1,562 votes", "X for the Greens on 7,408", "N votes to Y's M", "N
votes to the M cast for Y", "N compared with M for Y and K for Z", "43.7 per cent of the votes
(37,492)", and lists of them ("A from P won 167 votes, B 481 votes, C won 146"). Majorities: "a
majority of N", "an N-vote majority", "won by N votes", "a margin of N", "an N-vote gap / lead";
said of an earlier contest ("overturning a Tory majority of N", "defending a N majority", "his
2020 margin of N", "a majority of N in 2019") they go to that contest. Percentages are vote
shares and turnout, never votes. Approximate figures keep their qualifier ("just under 31,000").
Figures for a part of the contest ("in his home county", "at the Eden booth") are left out.
"""
from __future__ import annotations

import re

from spacy.attrs import LIKE_NUM
from spacy.tokens import Token

from ...model import PLACE
from .core import ORDINALS, Figure, Finder
from .wins import STAGES

VOTE_VERBS = {"take", "win", "receive", "get", "poll", "gain", "secure", "garner", "attract", "collect", "come", "have",
              "tally", "finish", "end", "amass", "earn", "capture", "score", "record", "net", "pick", "obtain"}
VOTE_NOUNS = re.compile(r"^\s*(?:-\s*)?(?:first[- ]preference\s+|valid\s+|postal\s+)?(?:votes?|ballots?|first[- ]preferences?)\b", re.I)
RANK = re.compile(r"\b(?:came|come|comes|coming|was|were|is|finished|finishing|placed|ended|ending|in)\s+(?:in\s+)?"
                  r"(?:a\s+(?:distant\s+|close\s+|strong\s+)?)?(?P<ord>first|second|third|fourth|fifth|sixth|seventh|last)"
                  r"(?:\s+place|[- ]placed)?\b|\b(?P<ord2>first|second|third|fourth|fifth|sixth|seventh)\s+(?:was|were|came)\b",
                  re.I)
MAJORITY_BEFORE = re.compile(r"\b(?:majority|margin|lead|gap|cushion)\s+(?:of\s+)?(?:(?:just|only|some|about|around|"
                             r"more than|over|nearly|almost|under|less than|fewer than)\s+)*$", re.I)
MAJORITY_AFTER = re.compile(r"^\s*(?:-|–)?\s*(?:vote|votes)?\s*(?:-\s*)?(?:majority|margin|lead|gap|cushion)\b", re.I)
WON_BY = re.compile(r"\b(?:won|wins|win|winning|held|holds|hold|holding|retained|retains|kept|keeps|beat|beats|beating|"
                    r"defeated|defeats|edged|edges|victory|win|margin|gained|gains|gaining|took|takes|taking)\b"
                    r"[^,;.]{0,70}\bby\s+(?:(?:just|only|a|mere|narrow|very|slim|some)\s+)*$", re.I)
MAJORITY_WAS = re.compile(r"\b(?:majority|margin)\b[^,;.]{0,30}\b(?:was|is|stood at|stands at|of)\b[^,;]{0,20}?"
                          r"(?:\bat\s+)?(?:(?:just|only|about|around|some|more than|over|nearly|almost)\s+)*$", re.I)
EARLIER = re.compile(r"\b(?:overturn(?:ed|ing|s)?|defending|defend(?:ed|s)?|overcame|overcoming|previous|last time|"
                     r"had|notional)\b", re.I)
TOTAL_AFTER = re.compile(r"^\s*(?:votes?\s+)?(?:overall|in total|were cast|cast|counted|were counted|valid|spoil|rejected|"
                         r"were rejected|people|voters|electors)\b", re.I)


NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}


def find(f: Finder) -> None:
    if not any(ev.type in ("ByElection", "Election") for ev in f.events.events):
        return   # figures belong to a contest the article names
    like_num = f.doc.to_array(LIKE_NUM).tolist() if len(f.doc) else []
    for i, (num, low) in enumerate(zip(like_num, f.names.lowers)):
        if not (num or low in NUMBER_WORDS) or i in f.in_table:
            continue
        t = f.toks[i]
        fig = f.figure(i)
        if fig is None:
            continue
        ev = f.events.event_for(t.sent, t)
        if ev is None:
            continue
        if fig.percent:
            share(f, t, fig, ev)
        elif f.whole(fig) is not None:
            count(f, t, fig, ev)


def _clause_before(f: Finder, t: Token, fig: Figure) -> str:
    return f.text[t.sent.start_char:f.toks[fig.start].idx].lower()


def _part_of_contest(f: Finder, t: Token, ev: int) -> bool:
    """A figure for a part of the contest: "in his home county", "at the Example Hall booth", "in Example County"
    (not "with 100% of the precincts reporting")."""
    event = f.events.events[ev]
    sent = t.sent
    for k in range(sent.start, sent.end):
        w = f.toks[k]
        if w.lower_ not in ("in", "at", "across"):
            continue
        phrase = f.toks[k + 1:min(sent.end, k + 5)]
        words = [p.lower_ for p in phrase]
        stage = next((x for x in words if x in STAGES), None)
        if stage is not None and stage not in event.name.lower() and "reporting" not in words:
            return True
        g = next((f.names.entity_at(p.i) for p in phrase[:2] if f.names.entity_at(p.i) is not None), None)
        if g is not None and f.names.kinds[g] == PLACE and g != event.place and event.kind == "general" \
                and event.place is None:
            return True
    return False


def count(f: Finder, t: Token, fig: Figure, ev: int) -> None:
    value = f.whole(fig)
    sent = t.sent
    before = _clause_before(f, t, fig)
    after = f.text[f.toks[fig.end - 1].idx + len(f.toks[fig.end - 1]):sent.end_char]
    if re.search(r"\b(?:majority|margin|lead)\s+of\s+[\d,]+\s+to\s*$", before):   # "his 2020 margin of 4,313 to 11,245"
        owner = _majority_owner(f, t, fig, False)
        f.add(ev, "majority", owner, value, sent, 0.8, "outcome.majority", approx=fig.approx)
        return
    if MAJORITY_BEFORE.search(before) or MAJORITY_AFTER.match(after) or MAJORITY_WAS.search(before) or \
            (WON_BY.search(before) and not re.match(r"^\s*(?:%|per ?cent|percent|points?|percentage)", after)):
        majority(f, t, fig, ev, before)
        return
    if re.match(r"^\s*(?:more\s+|fewer\s+|less\s+)?votes?\s+(?:short|behind|adrift|ahead|fewer|more|less|clear|than)\b", after):
        m = re.match(r"^\s*votes?\s+(?:fewer|less)\s+than\b", after)
        more = re.match(r"^\s*more\s+votes?\s+than\b|^\s*votes?\s+more\s+than\b", after)
        if more:   # "X got 683 more votes than Y": X won by 683, Y stood
            g = f.name_before(fig.start, sent) or (f.subject(_verb_of(f, t)) if _verb_of(f, t) is not None else None)
            loser = f.name_after(fig.end, sent.end, limit=6)
            if f.person(g) or f.party(g):
                majority(f, t, fig, ev, before, owner=g)
                f.add(ev, "winner", g, None, sent, 0.7, "outcome.majority")
            if f.person(loser):
                f.add(ev, "candidate", loser, None, sent, 0.65, "outcome.majority")
            return
        if m:   # "6,000 votes fewer than X": X won, by that majority
            g = f.name_after(fig.end, sent.end, limit=6)
            if f.person(g) or f.party(g):
                majority(f, t, fig, ev, before, owner=g)
                f.add(ev, "winner", g, None, sent, 0.7, "outcome.majority")
        return
    if re.search(r"\bby\s+(?:(?:just|only|a|mere|some|about|around|more than|over|nearly|almost|less than)\s+)*$", before):
        return   # "pulling ahead by more than 1,000 votes": a lead during the count, not votes
    owner = _owner(f, t, fig, before)
    if owner is None and (TOTAL_AFTER.match(after) or re.search(r"\b(?:turnout|electorate|overall|quota)\b[^,;]{0,30}$", before)):
        if re.search(r"\bturnout\b", before + after[:30]) or TOTAL_AFTER.match(after):
            place = f.events.events[ev].place
            if place is not None and not re.search(r"\brejected|spoil", after[:30]):
                f.add(ev, "turnout", place, value, sent, 0.6, "outcome.turnout", approx=fig.approx)
        return
    if _part_of_contest(f, t, ev):
        return
    votes_word = bool(VOTE_NOUNS.match(after)) or re.match(r"^\s*of the (?:\w+ )?votes?\b", after)
    verb = _verb_of(f, t)
    rank_m = None
    for m in RANK.finditer(before):
        rank_m = m
    if owner is None and _counts_other(t):
        return   # "won two by-elections", "second in four of the five contests"
    who = owner
    if who is None:
        anchor = f.toks[fig.start]
        who = f.name_before(anchor.i, sent)
        if who is None and verb is not None and verb.lemma_ in VOTE_VERBS:
            who = f.subject(verb)
        if who is None and votes_word:   # "X won the seat with 22,537 votes" (parsed onto the seat)
            came = next((k for k in range(fig.start - 1, sent.start - 1, -1) if f.toks[k].lemma_ in VOTE_VERBS
                         and f.toks[k].pos_ == "VERB"), None)
            who = f.subject(f.toks[came]) if came is not None else None
            verb = f.toks[came] if came is not None else verb
        if who is None and rank_m is not None:   # "third was Labour candidate X with 1,562 votes"
            who = f.name_after(f.toks[fig.start].i - 12 if fig.start > 12 else 0, fig.start, limit=12)
    if who is None or not (f.person(who) or f.party(who)):
        return
    by_verb = verb is not None and verb.lemma_ in VOTE_VERBS and not f.hypothetical(verb)
    bracketed = f.text[f.toks[fig.start].idx - 1:f.toks[fig.start].idx] == "(" and re.search(r"(?:%|per ?cent)\)?[^()]{0,40}$", before[:-1] if before.endswith("(") else before)
    with_rank = rank_m is not None and re.search(r"\bwith\s*$", before)
    on = re.search(r"\bon\s*$", before) and f.name_before(fig.start, sent) is not None
    listed = _listed(f, t, fig, before)
    if not (votes_word or by_verb or bracketed or with_rank or on or listed):
        return
    rank = None
    if rank_m is not None:
        word = (rank_m.group("ord") or rank_m.group("ord2")).lower()
        rank = ORDINALS.get(word)
    f.add(ev, "votes", who, value, sent, 0.8, "outcome.votes", rank=rank, approx=fig.approx)
    if f.person(who):
        f.add(ev, "candidate", who, None, sent, 0.7, "outcome.votes")


def _counts_other(t: Token) -> bool:
    """A number that counts something other than votes: "two by-elections", "four of the five contests"."""
    if t.dep_ == "nummod" and t.head.pos_ == "NOUN" and t.head.lemma_.lower() not in VOTE_NOUNS_LEMMAS:
        return True
    return t.dep_ == "pobj" and t.head.lower_ in ("in", "of") and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in t.children)


VOTE_NOUNS_LEMMAS = {"vote", "ballot", "preference", "majority", "margin", "lead", "gap", "cast"}


def _verb_of(f: Finder, t: Token) -> Token | None:
    """The verb a number is the object of ("took 7,052 votes", "won with 12,345")."""
    h = t.head if t.dep_ != "ROOT" else t
    for _ in range(3):
        if h.pos_ in ("VERB", "AUX"):
            return h
        if h.head is h:
            return None
        h = h.head
    return None


def _owner(f: Finder, t: Token, fig: Figure, before: str) -> int | None:
    """Whose votes a number counts when the sentence says it after: "N votes to Y's M", "to the M
    cast for Y", "compared with M for Y", "Y's vote of N"."""
    end = f.toks[fig.end - 1]
    k = fig.end
    while k < t.sent.end and f.toks[k].lower_ in ("votes", "vote", "cast", "ballots"):
        k += 1
    if k < t.sent.end and f.toks[k].lower_ == "for":   # "... M for Y"
        g = f.name_after(k, t.sent.end, limit=5)
        if g is not None and f.person(g):
            return g
    if re.match(r"^\s*to [\d,]+ votes? in favou?r of\b", f.text[end.idx + len(end):t.sent.end_char]):
        return f.name_after(fig.end + 5, t.sent.end, limit=6)   # "12,345 to 9,876 votes in favour of X"
    if re.search(r"\bvote of\s*$", before):   # "Y's vote of N"
        owner = next((c for c in f.toks[fig.start - 2].children if c.dep_ == "poss"), None) if fig.start >= 2 else None
        return f.who(owner) if owner is not None else None
    if re.search(r"\bto\s+(?:the\s+)?$", before):   # "N votes to the M cast for Y" / "to Y's M"
        tail = f.text[end.idx + len(end):t.sent.end_char]
        m = re.match(r"\s*(?:votes?\s+)?(?:cast|won|taken|polled)?\s*(?:for|by)\s", tail)
        if m:
            return f.name_after(fig.end - 1, t.sent.end, limit=6)
    if re.search(r"['’]s?\s*$", before):   # "to Doe's 78,229": the possessor right before
        g = f.name_before(fig.start, t.sent)
        return g
    return None


def _listed(f: Finder, t: Token, fig: Figure, before: str) -> bool:
    """One of a list of results in a sentence with "votes": "A from P won 167 votes, B from Q 481
    votes, C won 146 and D 241 votes" (each number right after its candidate)."""
    words = {w.lower_ for w in t.sent}
    if not words & {"votes", "vote", "ballots", "preferences"}:
        return False
    segment = re.split(r"[,;]|\band\b", before)[-1]
    return f.name_before(fig.start, t.sent) is not None and len(segment.split()) <= 8


def majority(f: Finder, t: Token, fig: Figure, ev: int, before: str, owner: int | None = None) -> None:
    sent = t.sent
    value = f.whole(fig)
    clause = re.split(r"[;]", before)[-1]
    tail = re.split(r"[,;]|\bwhen\b|\bwhile\b|\bbut\b", f.text[t.idx + len(t):sent.end_char])[0]
    year = re.search(r"\b((?:19|20)\d\d)\b", f.text[max(sent.start_char, f.toks[fig.start].idx - 60):
                                                     t.idx + len(t) + len(tail)])
    earlier_m = EARLIER.search(clause[-60:])
    event = f.events.events[ev]
    this_year = event.date[:4] if event.date else None
    target = ev
    if earlier_m or (year and year.group(1) != this_year):
        target = f.events.earlier(ev, year.group(1) if year else None)
        if target is None:
            return
    who = owner if owner is not None else _majority_owner(f, t, fig, target != ev)
    f.add(target, "majority", who, value, sent, 0.85, "outcome.majority", approx=fig.approx)
    if target != ev and who is not None:
        if f.person(who):
            f.add(target, "winner", who, None, sent, 0.7, "outcome.majority")
        if earlier_m and re.search(r"overturn|overcam|defend", earlier_m.group(0), re.I):
            f.add(ev, "held_by", who, None, sent, 0.7, "outcome.majority")   # an overturned majority was the holder's
            f.add(ev, "_overturned", who, None, sent, 0.7, "outcome.majority")


def _majority_owner(f: Finder, t: Token, fig: Figure, earlier: bool) -> int | None:
    """Whom a majority belongs to: "X's majority", "a Conservative majority", "X won with a
    majority", "leaves Y with a majority"; None when the text leaves it to the winner."""
    noun = next((k for k in range(fig.start - 1, max(t.sent.start, fig.start - 6) - 1, -1)
                 if f.toks[k].lower_ in ("majority", "margin", "lead", "gap")), None)
    if noun is None:
        noun = next((k for k in range(fig.end, min(t.sent.end, fig.end + 4)) if f.toks[k].lower_ in
                     ("majority", "margin", "lead", "gap")), None)
    if noun is not None:
        head = f.toks[noun]
        for c in head.children:   # "a 24,000 majority gained by X in 2019"
            if c.dep_ == "acl" and c.lemma_.lower() in ("gain", "win", "secure", "build", "hold", "achieve", "earn"):
                for a in (x for x in c.children if x.dep_ == "agent"):
                    g = next((f.names.resolve(p) for p in a.children if p.dep_ == "pobj"), None)
                    if f.person(g) or f.party(g):
                        return g
        for c in head.children:
            if c.dep_ == "poss" or (c.dep_ in ("amod", "compound", "nmod") and f.party(f.names.entity_at(c.i))):
                g = f.names.resolve(c)
                if f.person(g) or f.party(g):
                    return g
        k = noun - 1
        while k > t.sent.start and f.toks[k].lower_ in ("vote", "-", "–", "votes") or f.toks[k].like_num:
            k -= 1
        g = f.names.entity_at(k)
        if g is not None and f.party(g):   # "a Tory majority", "the Labour majority"
            return g
        if head.dep_ == "dobj" and head.head.lemma_.lower() in ("defend", "hold", "have", "enjoy", "boast", "sit"):
            g = f.subject(head.head)   # "where the Conservatives are defending a 20,137 majority"
            if f.person(g) or f.party(g):
                return g
        h = head
        while h.dep_ in ("pobj", "prep", "dobj", "nsubj", "attr", "compound", "amod", "nmod", "npadvmod") and h.head is not h:
            if h.dep_ == "pobj" and h.head.lower_ == "with" and h.head.head.pos_ == "VERB":
                verb = h.head.head
                obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
                g = f.names.resolve(obj) if obj is not None else None
                if (f.person(g) or f.party(g)) and verb.lemma_ in ("leave", "give", "hand"):
                    return g
                break
            h = h.head
    if earlier:
        return None
    verb = _verb_of(f, t)
    g = f.subject(verb) if verb is not None else None
    return g if f.person(g) or f.party(g) else None


def share(f: Finder, t: Token, fig: Figure, ev: int) -> None:
    """Percentages: a candidate's share of the vote, or the turnout."""
    sent = t.sent
    before = _clause_before(f, t, fig)
    after = f.text[t.idx + len(t):sent.end_char][:40].lower()
    if re.search(r"\bturn[- ]?out\b[^,;]{0,40}$", before) or re.match(r"^\s*(?:%|per ?cent|percent)?\s*turn[- ]?out", after):
        place = f.events.events[ev].place
        if place is not None and not re.search(r"\b(?:from|down from|up from)\s*$", before):
            f.add(ev, "turnout_share", place, fig.value, sent, 0.7, "outcome.turnout", approx=fig.approx)
        return
    if re.search(r"\b(?:swing|points?|increase|decrease|up|down|rise|fall|change|more|less)\b", after[:25] + before[-25:]):
        return
    if _part_of_contest(f, t, ev):
        return
    who = f.name_before(fig.start, sent)
    on = re.search(r"\b(?:on|with|at)\s*$", before) and who is not None and \
        re.search(r"(?:of (?:the )?(?:\w+ )?(?:vote|votes|poll)|share)", sent.text.lower())
    if who is not None and (f.person(who) or f.party(who)) and \
            (on or re.search(r"(?:of (?:the )?(?:\w+ )?(?:vote|votes|poll)|share)", after + before[-30:])):
        f.add(ev, "vote_share", who, fig.value, sent, 0.7, "outcome.share", approx=fig.approx)
        if f.person(who):
            f.add(ev, "candidate", who, None, sent, 0.65, "outcome.share")
