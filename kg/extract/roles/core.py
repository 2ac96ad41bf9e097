"""What the role patterns share: the article's names, the roles found so far, and helpers to read
a role phrase ("former Labour and Respect MP"), its organisations, and who holds it."""
from __future__ import annotations

import re
from collections import Counter
from itertools import compress

from spacy.tokens import Doc, Token

from ...model import ORG_KINDS, ORGANIZATION, PARTY, PLACE, Membership, Span
from ..lexicon import fold, lexicon
from ..names import DocNames

PAST = {"former", "ex", "ex-", "late", "then", "previous", "erstwhile", "one-time", "onetime", "outgoing", "past"}
SKIP_ADJ = {"new", "national", "close", "key", "senior", "veteran", "longtime", "long-time", "current",
            "local", "young", "prominent", "leading", "top", "second", "placed", "first", "third", "incoming"}
SEAT_ROLES = {"MP", "legislator"}   # roles held for a constituency: "MP for Y", "TD for Y"
PARTY_ROLES = {"candidate", "official", "chair", "co-chair", "deputy leader", "shadow minister", "MP"}
BODY_VERBS = {"sit": "member", "serve": "member", "join": "member", "chair": "chair", "lead": "leader", "head": "leader",
              "found": "founder", "co-found": "co-founder", "manage": "manager", "coach": "coach", "captain": "captain",
              "own": "owner"}
# Verbs that end someone's role: "X resigned as chair", "the club has sacked X", "X is stepping down",
# "X lost her seat".
LEAVING = {"resign", "quit", "retire", "sack", "fire", "dismiss", "oust", "axe", "depose", "remove", "part", "leave",
           "step", "stand", "lose"}
CREDITS = {"photo", "photograph", "picture", "image", "pictures", "photos"}
# Nouns that stand for an organisation the article names: "club captain X", "the trust's chairman".
ORG_NOUNS = {"club", "trust", "company", "firm", "union", "board", "bank", "council", "court", "team", "group",
             "university", "school", "hospital", "charity", "agency", "commission", "authority", "corporation"}
# A prosecutor belongs to the office the title names: "Assistant U.S. Attorney X" of the U.S. Attorney's Office.
ATTORNEY = re.compile(r"^(?:(?:assistant|deputy|acting|chief)\s+)*(?P<office>(?:[A-Z][\w.]*\s+)+?)attorney$", re.I)
# A judge belongs to the court the title names: "District Judge X" of the District Court.
JUDGE = re.compile(r"^(?:(?:deputy|senior|chief|presiding|acting)\s+)*(?P<court>(?:[A-Z][\w.]*\s+)+?)(?:court\s+)?judge$",
                   re.I)


class RoleFinder:
    """One article's memberships, as the pattern families find them."""

    def __init__(self, doc: Doc, names: DocNames):
        self.doc, self.names, self.lex = doc, names, lexicon()
        self.toks = names.tokens   # one Token per word, made once
        self.out: list[Membership] = []
        self.seen: set[tuple] = set()
        self._party = self._dominant_party()
        self._country = self.lex.country(names.country) if names.country else self._main_country()
        self.countries: dict[int, object] = {}   # country entities made from demonyms

    def org_at(self, i: int) -> int | None:
        g = self.names.entity_at(i)
        if g is not None and self.names.kinds[g] in ORG_KINDS + (PLACE,):
            return g
        return None

    def person_at(self, i: int) -> int | None:
        g = self.names.entity_at(i)
        return g if g is not None and self.personlike(g) else None

    def personlike(self, g: int) -> bool:
        return self.names.personlike(g)

    def _dominant_party(self) -> int | None:
        """The party an article is about: the only one it names, at least three times."""
        counts = Counter({g: len(ms) for g, ms in enumerate(self.names.groups) if self.names.kinds[g] == PARTY})
        top = counts.most_common(2)
        if top and top[0][1] >= 3 and (len(top) == 1 or top[0][1] >= 4 * top[1][1]):
            return top[0][0]
        return None

    def _main_country(self):
        # Each capitalised word is looked up once, with its count (in order of first use, so ties go as before).
        counts: Counter = Counter()
        for word, n in Counter(compress(self.names.texts, self.names.caps)).items():   # (and handles: no country)
            c = self.lex.country(word)
            if c is not None:
                counts[c] += n
        return counts.most_common(1)[0][0] if counts else None

    def add(self, person: int, org: int | None, role: str, current: bool, lo: int, hi: int,
            conf: float, rule: str) -> None:
        role = " ".join(role.replace(" - ", "-").split())
        entry = self.role_entry(role)
        if org is not None and entry is not None and (JUDGE.match(role) or ATTORNEY.match(role)) and \
                (org in self.countries or self.names.kinds[org] == PLACE):   # "U.S. District Judge X"
            role, org = f"{self.names.span_text(lo, lo + 1)} {role}", None
        if org is not None and entry is not None and (entry.body or "").startswith("government"):
            org = self.government_of(org)   # "British PM X", "minister of Canada", "Ontario Premier X"
        if org is None and entry is not None:
            org, conf, rule = self.implied_body(entry, lo, org, conf, rule)
        if org is None and entry is not None and entry.key == "official" and JUDGE.match(role):
            court = JUDGE.match(role).group("court").strip()   # "U.S. District Judge X": the U.S. District Court
            org = self.names.add_entity(f"{court} Court" if not court.lower().endswith("court") else court, ORGANIZATION)
        elif org is None and entry is not None and ATTORNEY.match(role) and ATTORNEY.match(role).group("office"):
            office = ATTORNEY.match(role).group("office").strip()   # "Assistant U.S. Attorney X"
            org = self.names.add_entity(f"{office} Attorney's Office", ORGANIZATION)
        key = entry.key if entry else "member"
        sig = (person, org, role.lower(), current)
        if sig in self.seen or person == org or not role:
            return
        self.seen.add(sig)
        s, e = self.toks[lo].idx, self.toks[hi - 1].idx + len(self.toks[hi - 1])
        self.out.append(Membership(person, org, role, key, current, Span(s, e, self.names.text[s:e]), conf, rule))

    def government_of(self, org: int) -> int:
        """The government a role of a place belongs to: the country's own, or "<Place> Government"."""
        country = self.countries.get(org)
        if country is None and self.names.kinds[org] == PLACE:
            country = self.lex.country(self.names.names[org])
            if country is None:
                return self.names.add_entity(f"{self.names.names[org]} Government", ORGANIZATION)
        return self.names.add_entity(country.government, ORGANIZATION) if country is not None else org

    def implied_body(self, entry, lo: int, org, conf: float, rule: str):
        """The body a role belongs to when the text names none: a government, or the article's party."""
        if (entry.body or "").startswith("government"):   # "government:Exampleland": that country's title
            country = self.lex.country(self.toks[lo - 1].text) if lo > 0 else None
            only = entry.body.partition(":")[2]   # a country's own title, or "named" for a premier or governor
            if country is None and only != "named":
                country = self.lex.country(only) if only else self._country
            elif country is None:   # "Exampleland Premier X": a state or province the tagger did not mark
                k = lo
                while k > max(0, lo - 3) and self.toks[k - 1].pos_ == "PROPN" and self.names.caps[k - 1] and \
                        self.names.entity_at(k - 1) is None:
                    k -= 1
                if k < lo:
                    return (self.names.add_entity(f"{self.names.span_text(k, lo)} Government", ORGANIZATION),
                            conf * 0.8, rule + "+government")
            if country is not None:
                return self.names.add_entity(country.government, ORGANIZATION), conf * 0.8, rule + "+government"
        elif entry.body == "organisation":
            g = self.nearby_org(lo)
            if g is not None:
                return g, min(conf, 0.6), rule + "+nearby-organisation"
        elif entry.key in PARTY_ROLES and self._party is not None and not (
                {t.lower_ for t in self.toks[max(0, lo - 3):lo + 4]} & {"other", "rival", "opposing", "of"}):
            return self._party, min(conf, 0.5), rule + "+article-party"
        return org, conf, rule

    def role_entry(self, role: str):
        """The role a title names, by its whole text or its last words ("Home Affairs minister")."""
        words = role.split()
        for k in range(len(words)):
            entry = self.lex.role_text(" ".join(words[k:]))
            if entry is not None:
                return entry
        return None

    def nearby_org(self, lo: int) -> int | None:
        """The organisation a role written without one belongs to: the one "the club", "the trust"
        before the role means ("club captain X"), else the last one named in this or the sentence
        before, if it is a company, club, court or other body (not a party, outlet or place)."""
        word = self.toks[lo - 1].lower_ if lo > 0 else ""
        if self.toks[lo].lower_ in ORG_NOUNS:   # "club captain X"
            word = self.toks[lo].lower_
        if word in ORG_NOUNS or (lo > 1 and self.toks[lo - 1].tag_ == "POS" and self.toks[lo - 2].lower_ in ORG_NOUNS):
            noun = word if word in ORG_NOUNS else self.toks[lo - 2].lower_
            named = [g for g, ms in enumerate(self.names.groups) if ms and self.names.kinds[g] == ORGANIZATION
                     and noun in self.names.names[g].lower()]
            if named:
                return max(named, key=lambda g: len(self.names.groups[g]))
        sent = self.toks[lo].sent
        earlier = self.toks[max(0, sent.start - 1)].sent.start if sent.start > 0 else sent.start
        for k in range(lo - 1, earlier - 1, -1):
            g = self.names.entity_at(k)
            if g is None or self.names.kinds[g] != ORGANIZATION:
                continue
            name = self.names.names[g]
            if name.lower() in ORG_NOUNS:   # "the Club": the club the article names
                named = [x for x, ms in enumerate(self.names.groups) if ms and x != g and
                         self.names.kinds[x] == ORGANIZATION and name.lower() in self.names.names[x].lower()]
                return max(named, key=lambda x: len(self.names.groups[x])) if named else None
            if len(name.split()) >= 2 or any(m.org for m in self.names.groups[g]) or name.isupper():
                return g   # (not a lone capitalised word the NER took for an organisation)
        return None

    def role_ending_at(self, end: int) -> int | None:
        """Start of the longest role phrase in doc[start:end], if one ends there."""
        toks = self.names.tokens
        if end == 0 or fold(toks[end - 1].text).split("-")[-1] not in self.lex.role_last_words:
            return None
        for width in range(min(self.lex.role_max_words * 3, end), 0, -1):
            start = end - width
            words = "".join(t.text_with_ws for t in toks[start:end]).rstrip()
            if "\n" not in words and self.lex.role_text(words):
                return start
        return None

    def left_context(self, start: int) -> tuple[list[int], bool, int]:
        """Organisations and past markers written before a role: "former Labour and Respect MP"."""
        orgs, past, k = [], False, start - 1
        while k >= 0 and "\n" not in self.toks[k].whitespace_:
            t = self.toks[k]
            g = self.org_at(k)
            if g is not None:
                orgs.append(g)
                k = self.names.tok2mention[k].start - 1
                continue
            country = self.lex.country(t.text) if t.text[:1].isupper() else None
            if country is not None and not orgs:   # "Indian leader X": the country (or its government)
                g = self.names.add_entity(country.name, PLACE)
                self.countries[g] = country
                orgs.append(g)
                k -= 1
                continue
            if t.tag_ == "POS" or t.lower_ in ("-", "–") or \
                    (t.lower_ in ("and", "&") and k > 0 and self.org_at(k - 1) is not None and orgs):
                k -= 1   # "former Labour and Respect MP" (not across a list: "X, the Greens' Y and Z MP W")
            elif t.lower_ in PAST or t.lower_.rstrip("-") in PAST:
                past, k = True, k - 1
            elif t.lower_ in SKIP_ADJ or (t.pos_ == "ADJ" and not orgs):
                k -= 1
            elif t.lower_ in ("its", "their") and not orgs:
                g = self.names.pronouns.get(k)
                if g is not None:
                    orgs.append(g)
                k -= 1
            else:
                break
        return orgs, past, k + 1

    def role_phrase(self, head: Token) -> tuple[str, bool, list[int]]:
        """The role words of a noun phrase headed by ``head``, whether it is past, and its organisations."""
        doc = self.doc
        past = any(c.lower_.rstrip("-") in PAST for c in head.subtree if c.i < head.i)
        orgs, start = [], head.i
        entry = self.lex.role([head.lower_]) or self.lex.role_text(head.text)
        government = entry is not None and entry.key == "minister"   # a portfolio may come before it
        for c in sorted((c for c in head.lefts if c.dep_ in ("compound", "amod", "nmod", "poss", "nummod")),
                        key=lambda c: -c.i):
            g = self.org_at(c.i)
            if g is not None and government and self.names.kinds[g] == ORGANIZATION and \
                    not any(m.org for m in self.names.groups[g]):
                g = None   # "Infrastructure minister": a portfolio, not an organisation
            if g is not None:
                orgs.append(g)
            elif c.dep_ == "poss":
                r = self.names.resolve(c)
                if r is not None and self.names.kinds[r] in ORG_KINDS:
                    orgs.append(r)
            elif c.lower_.rstrip("-") not in PAST and \
                    (c.i == start - 1 or all(self.toks[k].text == "-" for k in range(c.i + 1, start))):
                start = c.i   # the longest known role ending at the head is kept, below
        while start >= 2 and self.toks[start - 1].text == "-" and not self.toks[start - 2].whitespace_ \
                and not self.toks[start - 1].whitespace_:
            start -= 2   # "co-editor", "vice-president": a hyphenated role word
        role = full = doc[start:head.i + 1].text
        while role and not self.lex.role_text(role) and " " in role:
            role = role.split(" ", 1)[1]
        if government and role != full and all(w[:1].isupper() for w in full[:len(full) - len(role)].split()):
            role = full   # "Infrastructure minister": the portfolio is part of the role
        return (role if self.lex.role_text(role) or role == full and government else ""), past, orgs

    def orgs_after(self, head: Token, own: bool = False) -> list[int]:
        """Organisations in "of/at/for/on ORG" after a role noun, with their possessors; with ``own``
        (the role names its organisation before it: "IBM vice president for Cloud"), not "for"."""
        out = []
        entry = self.lex.role([head.lower_])
        seat = entry is not None and entry.key in SEAT_ROLES   # "the Labour MP for Y": Y is the seat
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "at", "for", "on", "with", "in"):
                continue
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                g = self.org_at(pobj.i)
                if g is None or (self.names.kinds[g] == PLACE and prep.lower_ not in ("for", "of")) or \
                        (own and prep.lower_ == "for" and not (seat and self.names.kinds[g] == PLACE)):
                    continue
                out.append(g)
                for c in pobj.lefts:  # "Labour's National Executive Committee"
                    owner = self.org_at(c.i) if c.dep_ in ("poss", "compound") else None
                    if owner is not None and owner != g:
                        out.append(owner)
        return out

    def subjects(self, verb: Token) -> list[int]:
        """People doing ``verb``: its subject, subjects joined to it, and "X, together with Y and Z"."""
        heads = [c for c in verb.children if c.dep_ == "nsubj"]
        for h in list(heads):
            heads += [c for c in h.children if c.dep_ == "conj"]
            for w in h.subtree:
                together = w.head.lower_ == "together" or any(c.lower_ == "together" for c in w.children)
                if w.lower_ == "with" and together:
                    for p in (c for c in w.children if c.dep_ == "pobj"):
                        heads += [p] + [c for c in p.subtree if c.dep_ == "conj"]
        people = []
        for h in heads:
            if h.lower_ in ("who", "that") and verb.dep_ == "relcl":
                h = verb.head   # "X, who leads Y"
            g = self.names.resolve(h)
            if g is not None and self.personlike(g) and g not in people:
                people.append(g)
        return people
