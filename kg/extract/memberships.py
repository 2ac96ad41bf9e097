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

from collections import Counter
from itertools import compress

from spacy.tokens import Doc, Token

from ..model import ORG_KINDS, ORGANIZATION, PARTY, PLACE, Membership, Span
from .lexicon import fold, lexicon
from .names import DocNames

PAST = {"former", "ex", "ex-", "late", "then", "previous", "erstwhile", "one-time", "onetime", "outgoing", "past"}
SKIP_ADJ = {"new", "national", "close", "key", "senior", "veteran", "longtime", "long-time", "current",
            "local", "young", "prominent", "leading", "top", "second", "placed", "first", "third", "incoming"}
PARTY_ROLES = {"candidate", "official", "chair", "co-chair", "deputy leader", "shadow minister", "MP"}
BODY_VERBS = {"sit": "member", "serve": "member", "join": "member", "chair": "chair", "lead": "leader", "head": "leader",
              "found": "founder", "co-found": "co-founder"}
CREDITS = {"photo", "photograph", "picture", "image", "pictures", "photos"}


class MembershipFinder:
    def __init__(self, doc: Doc, names: DocNames):
        self.doc, self.names, self.lex = doc, names, lexicon()
        self.toks = names.tokens   # one Token per word, made once
        self.out: list[Membership] = []
        self.seen: set[tuple] = set()
        self._party = self._dominant_party()
        self._country = self._main_country()
        self.countries: dict[int, object] = {}   # country entities made from demonyms

    # ------------------------------------------------------------------ helpers

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
        counts = Counter({g: len(ms) for g, ms in enumerate(self.names.groups) if self.names.kinds[g] == PARTY})
        top = counts.most_common(2)
        if top and top[0][1] >= 3 and (len(top) == 1 or top[0][1] >= 2 * top[1][1]):
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
        entry = self.lex.role_text(role)
        if org in self.countries and entry is not None and entry.body == "government":
            org = self.names.add_entity(self.countries[org].government, ORGANIZATION)   # "British PM X"
        if org is None and entry is not None:
            org, conf, rule = self.implied_body(entry, lo, org, conf, rule)
        key = entry.key if entry else "member"
        sig = (person, org, role.lower(), current)
        if sig in self.seen or person == org or not role:
            return
        self.seen.add(sig)
        s, e = self.toks[lo].idx, self.toks[hi - 1].idx + len(self.toks[hi - 1])
        self.out.append(Membership(person, org, role, key, current, Span(s, e, self.names.text[s:e]), conf, rule))

    def implied_body(self, entry, lo: int, org, conf: float, rule: str):
        """The body a role belongs to when the text names none: a government, or the article's party."""
        if entry.body == "government":
            country = self.lex.country(self.toks[lo - 1].text) if lo > 0 else None
            country = country or self._country
            if country is not None:
                return self.names.add_entity(country.government, ORGANIZATION), conf * 0.8, rule + "+government"
        elif entry.key in PARTY_ROLES and self._party is not None:
            return self._party, min(conf, 0.5), rule + "+article-party"
        return org, conf, rule

    # ------------------------------------------------------------------ role phrases

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
        for c in sorted((c for c in head.lefts if c.dep_ in ("compound", "amod", "nmod", "poss", "nummod")),
                        key=lambda c: -c.i):
            g = self.org_at(c.i)
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
        role = doc[start:head.i + 1].text
        while role and not self.lex.role_text(role) and " " in role:
            role = role.split(" ", 1)[1]
        return (role if self.lex.role_text(role) else ""), past, orgs

    def orgs_after(self, head: Token) -> list[int]:
        """Organisations in "of/at/for/on ORG" after a role noun, with their possessors."""
        out = []
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "at", "for", "on", "with", "in"):
                continue
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                g = self.org_at(pobj.i)
                if g is None or (self.names.kinds[g] == PLACE and prep.lower_ not in ("for", "of")):
                    continue
                out.append(g)
                for c in pobj.lefts:  # "Labour's National Executive Committee"
                    owner = self.org_at(c.i) if c.dep_ in ("poss", "compound") else None
                    if owner is not None and owner != g:
                        out.append(owner)
        return out

    # ------------------------------------------------------------------ patterns

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
        for i, (pos, lemma) in enumerate(zip(self.names.pos, self.names.lemmas)):
            if pos != "VERB":
                continue
            if lemma in BODY_VERBS:
                self.body(self.toks[i])
            elif lemma in ("stand", "run"):
                self.standing(self.toks[i])
            elif lemma in ("replace", "succeed"):
                self.succession(self.toks[i])
        return self.out

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

    def body(self, verb: Token) -> None:
        """"X and Y sat on Z's inquiry", "X joined Z", "X chairs Z"."""
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        objs += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "in", "with")
                 for p in c.children if p.dep_ == "pobj"]
        for obj in objs:
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


def find_memberships(doc: Doc, names: DocNames) -> list[Membership]:
    return MembershipFinder(doc, names).run()
