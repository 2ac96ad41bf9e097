"""Person - role - organisation facts, from the ways news states them.

Pre-modifiers ("Labour leader Jane Doe", "former Labour and Respect MP X"),
appositions ("X, a political science professor at the University of Y";
"the party's new coordinator, X"), copulas ("X is co-editor of Y"), "X of Y",
possessives ("Labour's X" as member, "X's Workers Party" as leader),
post-nominal titles ("X MP"), bodies people sit on ("X and Y sat on Z's
inquiry"), succession ("X, who replaced Y as coordinator") and photo credits
("Photo by X/Agency"). A role is kept as written and mapped to the role
scheme; "former", "late", "ex-" and the past tense make it a past role. A role
of government with no body named belongs to the government of the country
the article is about; a party role with no party named, in an article about
one party, belongs to that party (with a lower confidence).
"""
from __future__ import annotations

from spacy.tokens import Doc

from ...model import Membership
from ..names import DocNames
from .core import BODY_VERBS, LEAVING
from .titles import TitlePatterns
from .verbs import VerbPatterns

__all__ = ["find_memberships"]

# Verbs that give someone a role "as" something: "named X as", "was sworn in as", "will act as".
APPOINT_VERBS = {"name", "appoint", "elect", "select", "choose", "hire", "install", "promote", "confirm", "swear",
                 "act", "take", "step", "return", "nominate", "unveil", "announce"}


class MembershipFinder(TitlePatterns, VerbPatterns):
    def run(self) -> list[Membership]:
        for m in self.names.mentions:
            person = m.group
            if not self.personlike(person):
                continue
            self.premodifier(m, person)
            self.postnominal(m, person)
            self.apposition(m, person)
            self.copula(m, person)
            self.of_org(m, person)
            self.possessive(m, person)
            self.credit(m, person)
            self.bracket(m, person)
        leaving = []
        for i, (pos, lemma) in enumerate(zip(self.names.pos, self.names.lemmas)):
            if pos != "VERB":
                continue
            if lemma in LEAVING:
                leaving.append(self.toks[i])
            if lemma in BODY_VERBS:
                self.body(self.toks[i])
            elif lemma in ("stand", "run"):
                self.standing(self.toks[i])
            elif lemma in ("replace", "succeed"):
                self.succession(self.toks[i])
            if lemma in APPOINT_VERBS:
                self.appointed(self.toks[i])
            if lemma in ("lead", "take", "hold", "handle", "run"):
                self.portfolio(self.toks[i])
        for verb in leaving:   # last: they end roles the other patterns found
            self.departed(verb)
        return self.out


def find_memberships(doc: Doc, names: DocNames) -> list[Membership]:
    return MembershipFinder(doc, names).run()
