"""Roles written beside a name: "Labour leader X", "X MP", "X, a professor at Y", "X is co-editor
of Y", "X of the Y", "Labour's X" / "X's Workers Party", "(Photo by X/Agency)", "X (Lab)"."""
from __future__ import annotations

from spacy.tokens import Token

from ...model import MEDIA, ORG_KINDS, ORGANIZATION, PARTY, PLACE
from .core import CREDITS, SEAT_ROLES, RoleFinder


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
        entry = self.lex.role_text(doc[rs:end].text)
        if not orgs and entry is not None and entry.key in SEAT_ROLES and rs > 0 and self.toks[rs - 1].pos_ == "PROPN" \
                and self.names.caps[rs - 1] and self.names.entity_at(rs - 1) is None and not self.lex.role([self.toks[rs - 1].lower_]):
            orgs, lo = [self.names.add_entity(self.toks[rs - 1].text, PLACE)], rs - 1   # "Example MP X": the seat
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
        if head.dep_ == "appos" and head.head.i < head.i and head.head.pos_ == "NOUN" \
                and self.person_at(head.head.i + 1) in (None, person):   # "Labour's coordinator, X"
            self._role_noun(head.head, person, min(t.i for t in head.head.subtree if t.i < head.i), m.end,
                            "membership.apposition")

    def _role_noun(self, noun: Token, person: int, lo: int, hi: int, rule: str, past: bool = False) -> None:
        role, was, orgs = self.role_phrase(noun)
        if not role:
            return
        orgs = orgs + [g for g in self.orgs_after(noun, own=bool(orgs)) if g not in orgs]
        if any(self.person_at(c.i) is not None for p in noun.children if p.lower_ == "of" for c in p.children):
            return  # "a close ally of Y": a relation between people, not a membership
        for org in orgs or [None]:
            seat = org is not None and self.names.kinds[org] == PLACE and role.lower() == "member" and \
                any(p.lower_ == "for" for p in noun.children)
            self.add(person, org, "member for" if seat else role, not (was or past), lo, hi,
                     0.8 if org is not None else 0.55, rule)   # "the member for Y": Y's seat

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
        """"Michael Smith of the Example Institute"; "Judge X of the Example Court": a title's body."""
        doc = self.doc
        if m.end + 1 < len(doc) and self.toks[m.end].lower_ == "of":
            i = m.end + 2 if self.toks[m.end + 1].lower_ == "the" else m.end + 1
            g = self.org_at(i) if i < len(doc) else None
            if g is None or self.names.kinds[g] not in ORG_KINDS:
                return
            hi = self.names.tok2mention[i].end
            end = self.toks[m.end - 1].idx + len(self.toks[m.end - 1])
            titled = next((k for k, x in enumerate(self.out) if x.person == person and x.organization is None and
                           x.rule == "membership.premodifier" and x.evidence.end == end), None)
            if titled is not None:   # "Judge X of the Example Court": the title is held there
                x = self.out.pop(titled)
                lo = next(t.i for t in self.toks if t.idx >= x.evidence.start)
                self.add(person, g, x.role, x.current, lo, hi, 0.75, "membership.premodifier+of")
            else:
                self.add(person, g, "affiliated", True, m.start, hi, 0.6, "membership.of")

    def possessive(self, m, person: int) -> None:
        doc = self.doc
        if m.start >= 2 and self.toks[m.start - 1].tag_ == "POS":   # "Labour's Jane Doe"
            g = self.org_at(m.start - 2)
            if g is not None and self.names.kinds[g] == PARTY:
                om = self.names.tok2mention[m.start - 2]
                self.add(person, g, "member", True, om.start, m.end, 0.6, "membership.possessive")
        if m.end + 1 < len(doc) and self.toks[m.end].tag_ == "POS":   # "Smith's Reform Party"
            g = self.org_at(m.end + 1)
            after = self.names.tok2mention[m.end + 1].end if g is not None else m.end + 1
            if after < len(doc) and self.toks[after].pos_ in ("NOUN", "PROPN") and self.toks[after].lower_ != "party":
                return   # "Blair's Tory critics": the party word describes someone else
            if g is not None and self.names.kinds[g] == PARTY:
                om = self.names.tok2mention[m.end + 1]
                self.add(person, g, "leader", True, m.start, om.end, 0.6, "membership.possessive")

    def credit(self, m, person: int) -> None:
        """Photo credits and bylines: "(Photo by X/Agency)", "(X/Agency)", "X via Agency", "Picture: X,
        Agency", "Photo: Agency / X" (a photographer of the agency); "By X Outlet" (its reporter)."""
        n, toks = len(self.toks), self.toks
        line_start = self._line_start(m.start)
        before = [t.lower_ for t in toks[max(line_start, m.start - 4):m.start]]
        credited = bool(set(before) & CREDITS) or (before[-1:] == ["("])
        org, hi = None, m.end
        k = m.end
        if k < n and toks[k].text in ("/", ",") and credited or (k < n and toks[k].lower_ == "via"):
            org = self._media_at(k + 1)   # "X/Agency", "X, Agency", "X via Agency"
            hi = self.names.tok2mention[k + 1].end if org is not None else hi
        if org is None and credited and m.start >= 2 and toks[m.start - 1].text == "/":
            org = self._media_at(m.start - 2, end=True)   # "Photo: Agency / X"
        if org is not None:
            self.add(person, org, "photographer", True, m.start, hi, 0.75, "membership.credit")
            return
        if before[-1:] == ["by"] and m.start - 1 == line_start and k < n:   # a byline: "By X Outlet"
            org = self._media_at(k)
            if org is not None and "\n" not in self.names.text[toks[m.start].idx:toks[k].idx]:
                self.add(person, org, "reporter", True, m.start - 1, self.names.tok2mention[k].end, 0.7,
                         "membership.byline")

    def _media_at(self, i: int, end: bool = False) -> int | None:
        """A news outlet or agency named at token i (or ending there)."""
        if i < 0 or i >= len(self.toks):
            return None
        g = self.org_at(i)
        if g is None or self.names.kinds[g] not in (MEDIA, ORGANIZATION):
            return None
        m = self.names.tok2mention[i]
        return g if not end or m.end == i + 1 else None

    def _line_start(self, i: int) -> int:
        """The first token of the line token i is on (all lines found in one pass, when first asked)."""
        starts = self.__dict__.get("_line_starts")
        if starts is None:
            starts, first = [], 0
            for k, t in enumerate(self.toks):
                if k and ("\n" in self.toks[k - 1].whitespace_ or "\n" in self.toks[k - 1].text):
                    first = k
                starts.append(first)
            self._line_starts = starts
        return starts[i]

    def bracket(self, m, person: int) -> None:
        """"Jane Doe (Lab)", "Ted Roe (R-Texas)": the party a name is listed with."""
        doc = self.doc
        if m.end + 2 < len(doc) and self.toks[m.end].text in ("(", ","):   # "X (Lab)", "X, D-Ohio,"
            g = self.org_at(m.end + 1)
            if self.toks[m.end].text == "," and (g is None or m.end + 2 >= len(doc) or
                                                  self.toks[m.end + 2].text not in ("-", "–")):
                return
            if g is not None and self.names.kinds[g] == PARTY:
                close = next((k for k in range(m.end + 1, min(len(doc), m.end + 6)) if self.toks[k].text == ")"), m.end + 2)
                self.add(person, g, "member", True, m.start, close + 1, 0.7, "membership.bracket")
