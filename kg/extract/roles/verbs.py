"""Roles that verbs state: "X, who is standing for the Greens", "X and Y sat on Z's inquiry", "X
joined Z", "X, who replaced Y as coordinator", "Example Corp named X as chief executive, replacing
Y", "X was sworn in as the new health minister", "X will act as interim chief executive", "X will
lead the home affairs portfolio"; and the roles that end: "X resigned as Y", "Z sacked X"."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ...model import ORG_KINDS, PARTY
from .core import BODY_VERBS, SEAT_ROLES, RoleFinder

MODALS = {"will", "would", "could", "might", "may", "should", "shall", "'ll", "must", "to"}


class VerbPatterns(RoleFinder):
    """Role patterns of verbs (a mixin of MembershipFinder)."""

    def standing(self, verb: Token) -> None:
        """"X, who is standing for the Greens", "X ran as a Republican": a candidate of the party."""
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "as")):
            for p in (c for c in prep.children if c.dep_ == "pobj"):
                g = self.org_at(p.i)
                if g is None or self.names.kinds[g] != PARTY:
                    continue
                past = verb.tag_ == "VBD"
                for person in self.subjects(verb):
                    lo = min(t.i for t in verb.subtree)
                    self.add(person, g, "candidate", not past, lo, max(t.i for t in p.subtree) + 1, 0.7,
                             "membership.standing")

    def body(self, verb: Token) -> None:
        """"X and Y sat on Z's inquiry", "X joined Z", "X chairs Z"."""
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        objs += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "in", "with")
                 for p in c.children if p.dep_ == "pobj"]
        for obj in objs:
            if self.person_at(obj.i) is not None or any(self.person_at(t.i) is not None for t in obj.subtree):
                continue   # "X joins Y's CEO Z": company kept, not a body joined
            org = self.org_at(obj.i)
            label = BODY_VERBS[verb.lemma_.lower()]
            if org is None:   # "Z's 2019 inquiry": a body of Z
                owner = next((c for c in obj.lefts if c.dep_ == "poss" and self.org_at(c.i) is not None), None)
                if owner is None:
                    continue
                org = self.org_at(owner.i)
                tail = [t for t in obj.subtree if t.i > max(w.i for w in owner.subtree)]
                label = f"{label} of the {self.doc[tail[0].i:tail[-1].i + 1].text}" if tail else label
            if self.names.kinds[org] not in ORG_KINDS:
                continue
            past = verb.tag_ == "VBD" and verb.lemma_.lower() not in ("found", "co-found")   # a founder stays one
            for person in self.subjects(verb):
                lo = min(verb.i, min(t.i for t in verb.children if t.dep_ == "nsubj"))
                self.add(person, org, label, not past, lo, max(t.i for t in obj.subtree) + 1, 0.7, "membership.body")

    def succession(self, verb: Token) -> None:
        """"X, who replaced Y as national coordinator": X holds the role, Y held it."""
        as_ = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj"]
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        if not as_ or not objs:
            return
        role, _, orgs = self.role_phrase(as_[0])
        predecessor = self.names.resolve(objs[0])
        successor = self.names.resolve(verb.head) if verb.dep_ == "relcl" else \
            next((self.names.resolve(c) for c in verb.children if c.dep_ == "nsubj"), None)
        lo, hi = min(t.i for t in verb.subtree), max(t.i for t in as_[0].subtree) + 1
        for g, current in ((successor, True), (predecessor, False)):
            if role and g is not None and self.personlike(g):
                for org in orgs or [None]:
                    self.add(g, org, role, current, lo, hi, 0.7, "membership.succession")

    def appointed(self, verb: Token) -> None:
        """"Example Corp named X as chief executive", "X was sworn in as minister", "X will act as
        interim chief executive", "X took over as manager"; and "replacing (CEO) Y": Y held the role."""
        as_ = [p for c in verb.subtree if c.dep_ == "prep" and c.lower_ == "as" and c.head.i in (verb.i, *[
            x.i for x in verb.children if x.dep_ == "prt"])
               for p in c.children if p.dep_ == "pobj"]
        if not as_:
            return
        role, was, orgs = self.role_phrase(as_[0])
        if not role:
            return
        orgs = orgs + [g for g in self.orgs_after(as_[0]) if g not in orgs]
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if objs and not passive:   # "Example Corp named X as ...": X holds it, at the namer
            appointee = self.names.resolve(objs[0])
            namer = next((self.org_at(c.i) for c in verb.children if c.dep_ == "nsubj"), None)
            if namer is not None and self.names.kinds[namer] in ORG_KINDS and namer not in orgs:
                orgs.append(namer)
        else:
            appointee = next((self.names.resolve(c) for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if appointee is None or not self.personlike(appointee):
            return
        lo, hi = min(t.i for t in verb.subtree), max(t.i for t in as_[0].subtree) + 1
        future = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "’ll") for c in verb.children)
        for org in orgs or [None]:
            self.add(appointee, org, role, not was, lo, hi, 0.75, "membership.appointed")
        for c in verb.children:   # "..., replacing CEO Y"
            if c.lemma_.lower() in ("replace", "succeed") and c.tag_ == "VBG":
                for o in (x for x in c.children if x.dep_ == "dobj"):
                    g = self.names.resolve(o)
                    if g is not None and self.personlike(g) and g != appointee:
                        for org in orgs or [None]:
                            self.add(g, org, role, future, lo, max(t.i for t in o.subtree) + 1, 0.65,
                                     "membership.replaced")

    def portfolio(self, verb: Token) -> None:
        """"X will lead the new home affairs portfolio", "X took over the infrastructure portfolio":
        the minister of that portfolio, in the country's government."""
        for o in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() == "portfolio"):
            words = [t.text for t in o.subtree if t.i < o.i and t.dep_ not in ("det", "poss", "case")
                     and t.lower_ not in ("new", "the", "his", "her", "their")]
            holder = next((self.names.resolve(c) for c in verb.children if c.dep_ == "nsubj"), None)
            if words and holder is not None and self.personlike(holder) and \
                    not any(c.dep_ == "poss" and self.person_at(c.i) is not None for c in o.children):
                self.add(holder, None, " ".join(words) + " minister", True, verb.i, o.i + 1, 0.6,
                         "membership.portfolio")

    def departed(self, verb: Token) -> None:
        """"X resigned as chair of Y", "Y has sacked X", "Y has parted company with manager X", "X is
        stepping down", "X quit the party": the role ends as of the article (its memberships become former
        ones). Only what has happened: "will step down", "calls for him to step down" end nothing. A
        party membership ends only when the party is what is left."""
        lemma = verb.lemma_.lower()
        if lemma in ("step", "stand") and not any(c.lower_ in ("down", "aside") for c in verb.children):
            return
        if lemma == "part" and not any(c.lower_ == "company" for c in verb.subtree):
            return
        lost = next((c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"), "") if lemma == "lose" else ""
        if lemma == "lose" and lost not in ("seat", "job", "post", "position"):
            return   # "lost his seat", "lost her job"; not "lost the vote"
        if verb.tag_ == "VB" or any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODALS) for c in verb.children):
            return
        people, orgs = [], []
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        who = self.names.resolve(subj) if subj is not None else None
        objs = [c for c in verb.children if c.dep_ == "dobj"] + \
            [p for c in verb.subtree if c.dep_ == "prep" and c.lower_ == "with" for p in c.children if p.dep_ == "pobj"]
        if lemma in ("sack", "fire", "dismiss", "oust", "axe", "depose", "remove", "part") and \
                not any(c.dep_ == "nsubjpass" for c in verb.children):
            if who is not None and self.names.kinds[who] in ORG_KINDS:
                orgs.append(who)
            for o in objs:   # "sacked X", "parted company with manager X, coach Y and Z"
                people += [g for g in (self.names.resolve(t) for t in [o, *o.conjuncts]) if g is not None and self.personlike(g)]
                people += [self.person_at(t.i) for t in o.subtree if self.person_at(t.i) is not None]
        elif who is not None and self.personlike(who):
            people.append(who)
            orgs += [g for g in (self.names.resolve(o) for o in objs) if g is not None and self.names.kinds[g] in ORG_KINDS]
            as_ = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("as", "from") for p in c.children
                   if p.dep_ == "pobj"]
            for noun in as_:   # "resigned as chief executive of Y": a former role
                role, _, named = self.role_phrase(noun)
                named += [g for g in self.orgs_after(noun) if g not in named]
                if role:
                    for org in named or [None]:
                        self.add(who, org, role, False, verb.i, max(t.i for t in noun.subtree) + 1, 0.7,
                                 "membership.departed")
                    return   # the role it names is the one that ended
        ended, clause_end = set(people), max(t.idx for t in verb.subtree)
        for k, m in enumerate(self.out):   # roles stated later than this clause may be the next ones
            if m.person not in ended or not m.current or m.rule == "membership.departed" or m.evidence.start > clause_end:
                continue
            if lost == "seat" and m.role_key not in SEAT_ROLES:
                continue
            if (m.organization in orgs) if orgs else \
                    (m.organization is None or self.names.kinds[m.organization] != PARTY or lost == "seat"):
                self.out[k] = replace(m, current=False)
