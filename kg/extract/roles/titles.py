"""Roles written beside a name: "Labour leader X", "X MP", "X, a professor at Y", "X is co-editor
of Y", "X of the Y", "Labour's X" / "X's Workers Party", "(Photo by X/Agency)", "X (Lab)"."""
from __future__ import annotations

from spacy.tokens import Token

from ...model import ORG_KINDS, PARTY
from .core import CREDITS, RoleFinder


class TitlePatterns(RoleFinder):
    """Role patterns around a person's name (a mixin of MembershipFinder)."""

    def premodifier(self, m, person: int) -> None:
        doc = self.doc
        end = m.start - (1 if m.honorific_text else 0)
        if m.honorific_text and end > 0 and self.toks[end - 1].text == ".":
            end -= 1
        rs = self.role_ending_at(end)
        if rs is None or rs == end:
            return
        orgs, past, lo = self.left_context(rs)
        if not orgs and rs >= 2 and self.toks[rs - 1].tag_ == "POS":   # "the party's leader X"
            g = self.names.resolve(self.toks[rs - 2])
            if g is not None and self.names.kinds[g] in ORG_KINDS:
                orgs, lo = [g], rs - 2
        for org in orgs or [None]:
            self.add(person, org, doc[rs:end].text, not past, lo, m.end, 0.85 if org is not None else 0.6,
                     "membership.premodifier")

    def postnominal(self, m, person: int) -> None:
        """"X MP", "X MP for Y"."""
        doc = self.doc
        if m.end >= len(doc) or not self.toks[m.end].text.isupper() or not self.lex.role([self.toks[m.end].lower_]):
            return
        org, hi = None, m.end + 1
        if hi + 1 < len(doc) and self.toks[hi].lower_ == "for":
            org = self.org_at(hi + 1)
            if org is not None:
                hi = self.names.tok2mention[hi + 1].end
        self.add(person, org, self.toks[m.end].text, True, m.start, hi, 0.8, "membership.postnominal")

    def apposition(self, m, person: int) -> None:
        head = self.toks[m.end - 1]
        for a in head.children:   # "X, a Democrat from Y": a member of the party
            g = self.org_at(a.i)
            if a.dep_ == "appos" and a.i > head.i and g is not None and self.names.kinds[g] == PARTY \
                    and any(c.lower_ in ("a", "an") for c in a.children):
                self.add(person, g, "member", True, m.start, a.i + 1, 0.7, "membership.apposition")
        for a in head.children:   # "X, a political science professor at the University of Y"
            if a.dep_ == "appos" and a.i > head.i and self.person_at(a.i) is None:   # not a list of names
                self._role_noun(a, person, m.start, max(t.i for t in a.subtree) + 1, "membership.apposition")
        if head.dep_ == "appos" and head.head.i < head.i and head.head.pos_ == "NOUN":   # "Labour's coordinator, X"
            self._role_noun(head.head, person, min(t.i for t in head.head.subtree if t.i < head.i), m.end,
                            "membership.apposition")

    def _role_noun(self, noun: Token, person: int, lo: int, hi: int, rule: str, past: bool = False) -> None:
        role, was, orgs = self.role_phrase(noun)
        if not role:
            return
        orgs = orgs + [g for g in self.orgs_after(noun) if g not in orgs]
        if any(self.person_at(c.i) is not None for p in noun.children if p.lower_ == "of" for c in p.children):
            return  # "a close ally of Y": a relation between people, not a membership
        for org in orgs or [None]:
            self.add(person, org, role, not (was or past), lo, hi, 0.8 if org is not None else 0.55, rule)

    def copula(self, m, person: int) -> None:
        head = self.toks[m.end - 1]
        verb = head.head
        if head.dep_ != "nsubj" or verb.lemma_ not in ("be", "become", "serve", "remain"):
            return
        attrs = [c for c in verb.children if c.dep_ == "attr"]
        nouns = [c for c in attrs if c.pos_ in ("NOUN", "PROPN")] or attrs
        roles = nouns[-1:]   # "co-editor" parses as three attrs; the last noun heads the role
        roles += [p for c in verb.children if verb.lemma_ == "serve" and c.dep_ == "prep" and c.lower_ == "as"
                  for p in c.children if p.dep_ == "pobj"]
        for noun in roles:   # "was" is a past role; "has been" is not
            self._role_noun(noun, person, m.start, max(t.i for t in noun.subtree) + 1, "membership.copula",
                            past=verb.tag_ == "VBD" and verb.lemma_ == "be")

    def of_org(self, m, person: int) -> None:
        """"Michael Smith of the Example Institute"."""
        doc = self.doc
        if m.end + 1 < len(doc) and self.toks[m.end].lower_ == "of":
            i = m.end + 2 if self.toks[m.end + 1].lower_ == "the" else m.end + 1
            g = self.org_at(i) if i < len(doc) else None
            if g is not None and self.names.kinds[g] in ORG_KINDS:
                self.add(person, g, "affiliated", True, m.start, self.names.tok2mention[i].end, 0.6, "membership.of")

    def possessive(self, m, person: int) -> None:
        doc = self.doc
        if m.start >= 2 and self.toks[m.start - 1].tag_ == "POS":   # "Labour's Jane Doe"
            g = self.org_at(m.start - 2)
            if g is not None and self.names.kinds[g] == PARTY:
                om = self.names.tok2mention[m.start - 2]
                self.add(person, g, "member", True, om.start, m.end, 0.6, "membership.possessive")
        if m.end + 1 < len(doc) and self.toks[m.end].tag_ == "POS":   # "Smith's Reform Party"
            g = self.org_at(m.end + 1)
            if g is not None and self.names.kinds[g] == PARTY:
                om = self.names.tok2mention[m.end + 1]
                self.add(person, g, "leader", True, m.start, om.end, 0.6, "membership.possessive")

    def credit(self, m, person: int) -> None:
        """"(Photo by X/Agency)": the photographer works for the agency."""
        doc = self.doc
        before = {t.lower_ for t in self.toks[max(0, m.start - 3):m.start]}
        if "by" in before and before & CREDITS and m.end + 1 < len(doc) and self.toks[m.end].text == "/":
            g = self.org_at(m.end + 1)
            if g is not None and self.names.kinds[g] in ORG_KINDS:
                self.add(person, g, "photographer", True, m.start, self.names.tok2mention[m.end + 1].end, 0.75,
                         "membership.credit")

    def bracket(self, m, person: int) -> None:
        """"Jane Doe (Lab)", "Ted Roe (R-Texas)": the party a name is listed with."""
        doc = self.doc
        if m.end + 2 < len(doc) and self.toks[m.end].text == "(":
            g = self.org_at(m.end + 1)
            if g is not None and self.names.kinds[g] == PARTY:
                close = next((k for k in range(m.end + 1, min(len(doc), m.end + 6)) if self.toks[k].text == ")"), m.end + 2)
                self.add(person, g, "member", True, m.start, close + 1, 0.7, "membership.bracket")
