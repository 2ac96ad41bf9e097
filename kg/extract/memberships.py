"""Person - role - organisation facts, from the ways news states them.

Pre-modifiers ("Labour leader Keir Starmer", "former Labour and Respect MP X"),
appositions ("X, a political science professor at the University of Y";
"the party's new coordinator, X"), copulas ("X is co-editor of Y"), "X of Y",
possessives ("Labour's X" as member, "X's Workers Party" as leader) and
post-nominal titles ("X MP"). A role is kept as written and mapped to the role
scheme; "former", "late", "ex-" and past-tense copulas make it a past role.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import ORG_KINDS, PARTY, PERSON, PLACE, Membership, Span
from .lexicon import lexicon
from .names import DocNames

PAST = {"former", "ex", "ex-", "late", "then", "previous", "erstwhile", "one-time", "onetime", "outgoing", "past"}
SKIP_ADJ = {"new", "national", "close", "key", "senior", "veteran", "longtime", "long-time", "current",
            "local", "young", "prominent", "leading", "top", "second", "placed", "first", "third", "incoming"}


class MembershipFinder:
    def __init__(self, doc: Doc, names: DocNames):
        self.doc, self.names, self.lex = doc, names, lexicon()
        self.out: list[Membership] = []
        self.seen: set[tuple] = set()

    def org_at(self, i: int) -> int | None:
        g = self.names.entity_at(i)
        if g is not None and self.names.kinds[g] in ORG_KINDS + (PLACE,):
            return g
        return None

    def person_at(self, i: int) -> int | None:
        g = self.names.entity_at(i)
        return g if g is not None and self.names.kinds[g] == PERSON else None

    def add(self, person: int, org: int | None, role: str, current: bool, lo: int, hi: int,
            conf: float, rule: str) -> None:
        role = " ".join(role.replace(" - ", "-").split())
        entry = self.lex.role_text(role)
        key = entry.key if entry else "member"
        sig = (person, org, role.lower(), current)
        if sig in self.seen or person == org:
            return
        self.seen.add(sig)
        s, e = self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1])
        self.out.append(Membership(person, org, role, key, current, Span(s, e, self.doc.text[s:e]), conf, rule))

    # ------------------------------------------------------------------ role phrases

    def role_ending_at(self, end: int) -> int | None:
        """Start of the longest role phrase in doc[start:end], if one ends there."""
        doc = self.doc
        for width in range(min(self.lex.role_max_words * 3, end), 0, -1):
            start = end - width
            if "\n" in doc[start:end].text:
                continue
            if self.lex.role_text(doc[start:end].text):
                return start
        return None

    def left_context(self, start: int) -> tuple[list[int], bool, int]:
        """Organisations and past markers written before a role: "former Labour and Respect MP"."""
        doc, orgs, past, k = self.doc, [], False, start - 1
        while k >= 0 and "\n" not in doc[k].whitespace_:
            t = doc[k]
            g = self.org_at(k)
            if g is not None:
                m = self.names.tok2mention[k]
                orgs.append(g)
                k = m.start - 1
                continue
            if t.tag_ == "POS" or t.lower_ in ("and", "&", ","):
                k -= 1
                continue
            if t.lower_ in PAST or t.lower_.rstrip("-") in PAST:
                past, k = True, k - 1
                continue
            if t.lower_ in SKIP_ADJ or (t.pos_ == "ADJ" and not orgs):
                k -= 1
                continue
            if t.lower_ in ("its", "their") and not orgs:
                g = self.names.pronouns.get(k)
                if g is not None:
                    orgs.append(g)
                k -= 1
                continue
            break
        return orgs, past, k + 1

    # ------------------------------------------------------------------ patterns

    def run(self) -> list[Membership]:
        for m in self.names.mentions:
            person = m.group
            if self.names.kinds[person] != PERSON:
                continue
            self.premodifier(m, person)
            self.postnominal(m, person)
            self.apposition(m, person)
            self.copula(m, person)
            self.of_org(m, person)
            self.possessive(m, person)
        return self.out

    def premodifier(self, m, person: int) -> None:
        doc = self.doc
        end = m.start - (1 if m.honorific_text else 0)
        if end > 0 and doc[end - 1].text == "." and m.honorific_text:
            end -= 1
        rs = self.role_ending_at(end)
        if rs is None or rs == end:
            return
        orgs, past, lo = self.left_context(rs)
        role = doc[rs:end].text
        # A nominal possessor: "the party's leader Sir Keir Starmer".
        if not orgs and rs >= 2 and doc[rs - 1].tag_ == "POS":
            g = self.names.resolve(doc[rs - 2])
            if g is not None and self.names.kinds[g] in ORG_KINDS:
                orgs, lo = [g], rs - 2
        for org in orgs or [None]:
            self.add(person, org, role, not past, lo, m.end, 0.85 if org is not None else 0.6, "membership.premodifier")

    def postnominal(self, m, person: int) -> None:
        """"X MP", "X MP for Y"."""
        doc = self.doc
        if m.end >= len(doc) or not doc[m.end].text.isupper() or not self.lex.role([doc[m.end].lower_]):
            return
        org, hi = None, m.end + 1
        if hi + 1 < len(doc) and doc[hi].lower_ == "for":
            org = self.org_at(hi + 1)
            if org is not None:
                hi = self.names.tok2mention[hi + 1].end
        self.add(person, org, doc[m.end].text, True, m.start, hi, 0.8, "membership.postnominal")

    def role_phrase(self, head: Token) -> tuple[str, int, bool, list[int]]:
        """The role words of a noun phrase headed by ``head``: compounds and adjectives before it."""
        doc = self.doc
        mods = [c for c in head.lefts if c.dep_ in ("compound", "amod", "nmod", "det", "poss", "nummod")]
        past = any(c.lower_.rstrip("-") in PAST for c in head.subtree if c.i < head.i)
        orgs = []
        start = head.i
        for c in sorted(mods, key=lambda c: -c.i):
            if c.dep_ == "det":
                continue
            g = self.org_at(c.i)
            if g is not None:
                orgs.append(g)
                continue
            if c.dep_ == "poss":
                r = self.names.resolve(c)
                if r is not None and self.names.kinds[r] in ORG_KINDS:
                    orgs.append(r)
                continue
            if c.lower_.rstrip("-") in PAST or c.lower_ in SKIP_ADJ:
                continue
            if c.i == start - 1 or (c.i < start and all(doc[k].text == "-" for k in range(c.i + 1, start))):
                start = c.i
        role = doc[start:head.i + 1].text
        while role and not self.lex.role_text(role) and " " in role:
            role = role.split(" ", 1)[1]
        return (role if self.lex.role_text(role) else ""), start, past, orgs

    def orgs_after(self, head: Token) -> list[int]:
        """Organisations in "of/at/for/on ORG" after a role noun, with their possessors."""
        out = []
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "at", "for", "on", "with", "in"):
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    g = self.org_at(pobj.i)
                    if g is None or (self.names.kinds[g] == PLACE and prep.lower_ not in ("for", "of")):
                        continue
                    out.append(g)
                    for c in pobj.lefts:  # "Labour's National Executive Committee"
                        owner = self.org_at(c.i) if c.dep_ in ("poss", "compound") else None
                        if owner is not None and owner != g:
                            out.append(owner)
        return out

    def apposition(self, m, person: int) -> None:
        doc = self.doc
        head = doc[m.end - 1]
        # "X, a political science professor at the University of Y"
        for a in head.children:
            if a.dep_ == "appos" and a.i > head.i:
                self._role_noun(a, person, m.start, max(t.i for t in a.subtree) + 1, "membership.apposition")
        # "Labour's new national campaign coordinator, X"
        if head.dep_ == "appos" and head.head.i < head.i and head.head.pos_ == "NOUN":
            self._role_noun(head.head, person, min(t.i for t in head.head.subtree if t.i < head.i), m.end,
                            "membership.apposition")

    def _role_noun(self, noun: Token, person: int, lo: int, hi: int, rule: str, past: bool = False) -> None:
        role, _, was, orgs = self.role_phrase(noun)
        if not role:
            return
        orgs = orgs + [g for g in self.orgs_after(noun) if g not in orgs]
        if any(self.person_at(c.i) is not None for p in noun.children if p.lower_ == "of" for c in p.children):
            return  # "a close ally of Y": a relation between people, not a membership
        for org in orgs or [None]:
            self.add(person, org, role, not (was or past), lo, hi, 0.8 if org is not None else 0.55, rule)

    def copula(self, m, person: int) -> None:
        head = self.doc[m.end - 1]
        verb = head.head
        if head.dep_ != "nsubj" or verb.lemma_ not in ("be", "become", "serve", "remain"):
            return
        for attr in verb.children:
            if attr.dep_ in ("attr", "acomp") or (verb.lemma_ == "serve" and attr.dep_ == "prep" and attr.lower_ == "as"):
                noun = attr if attr.dep_ == "attr" else next((c for c in attr.children if c.dep_ == "pobj"), None)
                if noun is not None:
                    past = verb.tag_ in ("VBD", "VBN") and verb.lemma_ == "be"
                    self._role_noun(noun, person, m.start, max(t.i for t in noun.subtree) + 1,
                                    "membership.copula", past=past)

    def of_org(self, m, person: int) -> None:
        """"Michael Smith of the Example Institute"."""
        doc = self.doc
        if m.end + 1 < len(doc) and doc[m.end].lower_ == "of":
            g = self.org_at(m.end + 1) if doc[m.end + 1].lower_ != "the" else self.org_at(m.end + 2)
            if g is not None and self.names.kinds[g] in ORG_KINDS:
                om = self.names.tok2mention[m.end + 1 if doc[m.end + 1].lower_ != "the" else m.end + 2]
                self.add(person, g, "affiliated", True, m.start, om.end, 0.6, "membership.of")

    def possessive(self, m, person: int) -> None:
        doc = self.doc
        # "Labour's Kim Leadbeater"
        if m.start >= 2 and doc[m.start - 1].tag_ == "POS":
            g = self.org_at(m.start - 2)
            if g is not None and self.names.kinds[g] == PARTY:
                om = self.names.tok2mention[m.start - 2]
                self.add(person, g, "member", True, om.start, m.end, 0.6, "membership.possessive")
        # "Galloway's Workers Party", "Mr Johnson's Conservatives"
        if m.end + 1 < len(doc) and doc[m.end].tag_ == "POS":
            g = self.org_at(m.end + 1)
            if g is not None and self.names.kinds[g] == PARTY:
                om = self.names.tok2mention[m.end + 1]
                self.add(person, g, "leader", True, m.start, om.end, 0.6, "membership.possessive")


def find_memberships(doc: Doc, names: DocNames) -> list[Membership]:
    return MembershipFinder(doc, names).run()
