"""Names in one article: find mentions, decide their kind, cluster them, resolve pronouns.

Mentions come from several sources (kg.extract.mentions); each votes for a
kind, and a cluster of mentions takes the kind with most votes, which corrects
the small model's typing errors. Surnames, first names ("Sir John"), acronyms,
handles and names without their middle names attach to the full name they
refer to (kg.extract.joins). Pronouns and unnamed people are resolved in
kg.extract.coref.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict

import numpy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, POS, TAG
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Token

from ..ingest.text import INVISIBLE, visible
from ..model import MEDIA, TIE_ORDER, ORG_KINDS, ORGANIZATION, PERSON, PLACE, LocalEntity, Span
from .coref import NOMINALS, Coreference
from .kinds import KindVotes
from .lexicon import fold, lexicon, plain
from .mentions import NER_KIND, Mention, MentionSources
from .joins import NameJoins
from .missed import MissedNames
from .seatnames import SeatMentions
from .quotemarks import scan
from .results import find_tables



class DocNames(MentionSources, MissedNames, KindVotes, NameJoins, SeatMentions, Coreference):
    """The entities of one parsed article and the means to find them from tokens."""

    def __init__(self, doc: Doc, text: str | None = None):
        self.doc = doc
        self.lex = lexicon()
        # Doc.text is rebuilt from the tokens on every access; the text given to the parser is the same.
        self.text = doc.text if text is None else text
        self.tokens = list(doc)   # and a Token is made on every doc[i]: make each once
        # Per-token facts the passes share, read from the Doc's arrays rather than token by token.
        cols = doc.to_array([IDX, LENGTH, POS, TAG, IS_PUNCT, IS_SPACE]).T if len(doc) else numpy.zeros((6, 0), "uint64")
        text = self.text
        self.starts = cols[0].tolist()
        self.ends = (cols[0] + cols[1]).tolist()   # (added by numpy, not by a loop in Python)
        self.texts = [text[s:e] for s, e in zip(self.starts, self.ends)]
        # Names are read without invisible characters: "Ja\u200bne" is "Jane" (offsets still index the text).
        self._invisible = any(c in text for c in INVISIBLE)
        if self._invisible:
            self.texts = [visible(x) for x in self.texts]
        self.caps = [bool(x) and (x[0].isupper() or (x[0] == "@" and len(x) > 1)) for x in self.texts]   # a capital, or a handle
        # A Token looks its strings up in C, faster than hash by hash through the StringStore from Python.
        self.lowers = [t.lower_ for t in self.tokens]
        self.lemmas = [t.lemma_.lower() for t in self.tokens]
        self.pos = [POS_NAMES[c] for c in cols[2].tolist()]
        possessive = doc.vocab.strings["POS"]   # the tag of "'s"
        self.possessive = [tag == possessive for tag in cols[3].tolist()]
        self.blank = (cols[4] | cols[5]).astype(bool).tolist()   # punctuation or white space
        self.honorifics = [self.lex.honorific(x) if c else None for x, c in zip(self.texts, self.caps)]
        self.quoted = self._quoted_tokens()
        self._country_found: tuple[str | None] | None = None
        self.tables = find_tables(self.text, self.lex)   # results lists: their names are mentions
        self.mentions: list[Mention] = []
        self.tok2mention: dict[int, Mention] = {}
        self.groups: list[list[Mention]] = []
        self.kinds: list[str] = []
        self.genders: list[str | None] = []
        self.names: list[str] = []
        self.pronouns: dict[int, int | None] = {}
        self._added: dict[tuple, int] = {}
        self._anonymous: set[int] = set()
        self._discarded: set[int] = set()
        self._lower_words = {x for x, c in zip(self.texts, self.caps) if not c and x.isalpha()}
        self._find_mentions()
        self._cluster()
        self._learn_genders()
        self._resolve_pronouns()

    @property
    def country(self) -> str | None:
        """The country whose politics the article is about (worked out when first asked)."""
        if self._country_found is None:
            self._country_found = (self._country(),)
        return self._country_found[0]

    def org(self, text: str):
        """The organisation a name as written names; of parties several countries share, the article's."""
        entry = self.lex.org(text)
        if entry is not None and fold(text).removeprefix("the ") in self.lex.org_choices:
            entry = self.lex.org(text, self.country)
        return entry

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``, cut from the article's characters without making Token objects."""
        end = min(end, len(self.tokens))
        text = self.text[self.starts[start]:self.ends[end - 1]] if start < end else ""
        return visible(text) if self._invisible else text

    def _quoted_tokens(self) -> set[int]:
        """Tokens that start inside a quotation."""
        self.paragraphs = scan(self.text)   # each paragraph with its quotations; the quote finder reuses them
        self._paragraph_starts = [ps for (ps, _), _ in self.paragraphs]
        out: set[int] = set()
        for _, quotes in self.paragraphs:
            for q in quotes:
                out.update(range(bisect_left(self.starts, q.start), bisect_left(self.starts, q.end)))
        return out

    def _find_mentions(self) -> None:
        doc, found = self.doc, []
        for ent in doc.ents:
            if ent.label_ in NER_KIND or ent.label_ == "NORP":
                found += self._from_ner(ent.start, ent.end, ent.label_)
        found += self._from_gazetteer()
        found += self._from_honorifics()
        found += self._from_compound_places()
        found += self._from_dashed_places()
        found += self._from_described_seats()
        found += [Mention(t.i, t.i + 1, t.text, {PERSON: 0.5}, handle=True)
                  for t in (self.tokens if "@" in self.text else ()) if t.text.startswith("@") and len(t.text) > 2 and t.text[1:].replace("_", "").isalnum()]
        covered = {i for m in found for i in range(m.start, m.end)}
        found += self._from_capitalised(covered)
        found += self._propagate(found)
        listed = self._from_results()
        if listed:   # a results line's grammar knows its names better than the NER does
            taken = {i for m in listed for i in range(m.start, m.end)}
            found = [m for m in found if not taken.intersection(range(m.start, m.end))] + listed
        found += self._joined_names(found)
        # Longest span wins; on equal spans, gazetteer and honorific evidence is merged in.
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        taken: dict[int, Mention] = {}
        for m in found:
            span = range(m.start, m.end)
            if any(i in taken for i in span):
                same = taken.get(m.start)
                if same is not None and same.start == m.start and same.end == m.end:
                    for k, v in m.votes.items():
                        same.vote(k, v)
                    same.org = same.org or m.org
                    same.honorific = same.honorific or m.honorific
                    same.honorific_text = same.honorific_text or m.honorific_text
                continue
            for i in span:
                taken[i] = m
            self.mentions.append(m)
        self.mentions.sort(key=lambda m: m.start)
        self.tok2mention = taken
        for m in self.mentions:
            self._context_votes(m)

    def _cluster(self) -> None:
        by_key: dict[str, int] = {}
        for m in self.mentions:
            key = ("org:" + m.org.name) if m.org else "name:" + re.sub(r"^the ", "", plain(m.text))
            if key not in by_key:
                by_key[key] = len(self.groups)
                self.groups.append([])
            m.group = by_key[key]
            self.groups[m.group].append(m)
        kinds = [self._vote(g) for g in self.groups]
        # Names that share a surname with a known person are people too ("Amir Doe" beside "Jane Doe").
        surnames = {m.words[-1] for m in self.mentions if kinds[m.group] == PERSON and len(m.words) >= 2}
        for gi, g in enumerate(self.groups):
            if kinds[gi] == ORGANIZATION and not g[0].org and 2 <= len(g[0].words) <= 3 and g[0].words[-1] in surnames:
                kinds[gi] = PERSON
                for m in g:
                    m.vote(PERSON, 1.0)
        # Multi-word person names are the anchors partial names attach to.
        anchors = [(m.start, m.group, m.words) for m in self.mentions
                   if kinds[m.group] == PERSON and len(m.words) >= 2 and not m.handle]
        by_word: dict[tuple[int, str], list[tuple[int, int]]] = defaultdict(list)   # (0 or -1, word) -> anchors
        for start, gi, words in anchors:
            by_word[(-1, words[-1])].append((start, gi))
            by_word[(0, words[0])].append((start, gi))
        acronyms = {"".join(w[0] for w in g[0].words if w[0].isupper()): i for i, g in enumerate(self.groups)
                    if kinds[i] in ORG_KINDS and len(g[0].words) >= 2}
        # "Kingston" for "Kingston and Surbiton": the first word of a compound place name.
        compounds = {g[0].words[0]: i for i, g in enumerate(self.groups)
                     if kinds[i] == PLACE and len(g[0].words) >= 3 and g[0].words[1].lower() in ("and", "&")}
        # "the Times" for "the Example Times": an organisation's last word, when one organisation ends so.
        endings: dict[str, set[int]] = defaultdict(set)
        for i, g in enumerate(self.groups):
            if kinds[i] in ORG_KINDS and g and len(g[0].words) >= 2 and g[0].words[-1][:1].isupper() \
                    and self.lex.country(g[0].words[-1]) is None:   # (not "Britain" for "Workers Party of Britain")
                endings[g[0].words[-1]].add(i)
        short_forms = {w: next(iter(gs)) for w, gs in endings.items() if len(gs) == 1}
        for m in self.mentions:
            target = None
            if m.handle:
                handle = m.text[1:].lower().replace("_", "")
                target = next((gi for _, gi, w in anchors if "".join(w).lower().replace("-", "") == handle), None)
            elif len(m.words) == 1 and not m.org and kinds[m.group] in (PERSON, ORGANIZATION, PLACE):
                target = self._partial_name_target(m, by_word, kinds)
                if target is None:
                    target = compounds.get(m.text)
                if target is None and kinds[m.group] in ORG_KINDS:   # "the Times" after "the Example Times"
                    target = short_forms.get(m.text)
            elif m.org is not None and m.org.kind == MEDIA and short_forms.get(m.words[-1], m.group) != m.group and \
                    len(m.words) <= 2 and self.groups[short_forms[m.words[-1]]][0].org is not m.org:
                target = short_forms[m.words[-1]]   # "the Times" after "the New York Times"
            elif len(m.words) == 1 and m.text.isupper() and len(m.text) >= 2:
                target = acronyms.get(m.text)
            if target is not None and target != m.group:
                self.groups[m.group].remove(m)
                m.group = target
                self.groups[target].append(m)
        self._join_middle_names(kinds)
        self._join_variants(kinds)
        self.groups = [sorted(g, key=lambda m: m.start) for g in self.groups if g]
        for gi, g in enumerate(self.groups):
            for m in g:
                m.group = gi
        self.kinds = [self._vote(g) for g in self.groups]
        self.names = [self._best_name(g, k) for g, k in zip(self.groups, self.kinds)]
        self.genders = [self._honorific_gender(g) for g in self.groups]

    def _paragraph_of(self, i: int) -> int:
        """The index of the paragraph token ``i`` is in."""
        return bisect_left(self._paragraph_starts, self.starts[i] + 1) - 1

    def _vote(self, group: list[Mention]) -> str:
        org = next((m.org for m in group if m.org), None)
        if org:
            return org.kind
        total: dict[str, float] = defaultdict(float)
        full = [m for m in group if len(m.words) >= 2]   # a bare surname says little about the kind
        for m in full or group:
            for k, v in m.votes.items():
                total[k] += v
        if not total:
            return ORGANIZATION
        return max(total, key=lambda k: (total[k], -TIE_ORDER.index(k) if k in TIE_ORDER else -99))

    def _best_name(self, group: list[Mention], kind: str) -> str:
        org = max((m.org for m in group if m.org), key=lambda o: len(o.name), default=None)   # (not "the Times")
        if org:
            return org.name
        plain = [m.text for m in group if not m.handle] or [group[0].text]
        if kind == PERSON:   # the name as the article writes it, not a nickname only ever in quotes
            plain = [m.text for m in group if not m.handle and m.start not in self.quoted] or plain
            plain = [t for t in plain if not t.isupper()] or [t.title() for t in plain]   # "JANE DOE:" is Jane Doe
            return max(plain, key=lambda t: (len(t.split()), len(t)))
        return max(plain, key=lambda t: (plain.count(t), len(t)))

    def _honorific_gender(self, group: list[Mention]) -> str | None:
        genders = {m.honorific.gender for m in group if m.honorific and m.honorific.gender}
        for m in group:  # "her sister Jo Smith", "Tom Brown, husband of ..."
            head = self.tokens[m.end - 1]
            related = [head.head] if head.dep_ in ("appos", "compound") else []
            related += [c for c in head.children if c.dep_ == "appos"]
            genders |= {self.lex.person_nouns.get(t.lemma_.lower()) for t in related} - {None}
        return genders.pop() if len(genders) == 1 else None

    # ------------------------------------------------------------------ genders and pronouns

    def add_entity(self, name: str, kind: str, mention: Mention | None = None, gender: str | None = None,
                   anonymous: bool = False) -> int:
        """An entity an extractor needs that no name mention gave (an unnamed person, a country's
        government); the same name and kind again give the same entity."""
        key = (kind, fold(name), anonymous)
        if key not in self._added:
            group = len(self.groups)
            if mention is not None:
                mention.group = group
            self.groups.append([mention] if mention is not None else [])
            self.kinds.append(kind)
            self.names.append(name)
            self.genders.append(gender)
            self._added[key] = group
            if anonymous:
                self._anonymous.add(group)
        return self._added[key]

    def retype(self, group: int, kind: str) -> None:
        """Settle a kind that context makes certain ("X by-election": X is a place)."""
        self.kinds[group] = kind
        for m in self.groups[group]:
            m.vote(kind, 3.0)

    def personlike(self, g: int) -> bool:
        """A person, or a name the small model typed as an organisation on weak evidence ("X Y MP")."""
        if self.kinds[g] == PERSON:
            return True
        group = self.groups[g]
        if self.kinds[g] != ORGANIZATION or not group or any(m.org for m in group):
            return False
        words = group[0].words
        weak = sum(m.votes.get(ORGANIZATION, 0) for m in group) <= 1.0
        some = sum(m.votes.get(PERSON, 0) for m in group) > 0
        return weak and some and 2 <= len(words) <= 3 and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)

    def is_anonymous(self, group: int) -> bool:
        return group in self._anonymous

    def discard(self, group: int) -> None:
        """Leave out of the article's entities one that nothing refers to (its key stays taken)."""
        self._discarded.add(group)

    # ------------------------------------------------------------------ lookups

    def entity_at(self, i: int) -> int | None:
        m = self.tok2mention.get(i)
        return m.group if m else None

    def resolve(self, tok: Token) -> int | None:
        """The entity a subject-like token refers to: a name, a pronoun or a nominal."""
        g = self.entity_at(tok.i)
        if g is not None:
            return g
        low = tok.lower_
        if tok.i in self.pronouns:
            return self.pronouns[tok.i]
        if low in ("campaign", "administration"):   # "the Doe campaign", "Doe's administration": organisations
            owner = next((g for c in tok.children if c.dep_ in ("compound", "poss")
                          for g in [self.entity_at(c.i)] if g is not None and self.kinds[g] == PERSON), None)
            if owner is not None:
                return self.add_entity(f"{self.names[owner].split()[-1]} {low}", ORGANIZATION)
        if low in NOMINALS and any(c.lower_ in ("the", "this", "that") for c in tok.children):
            return self._antecedent(tok.i, None, NOMINALS[low], window=800)
        # A name inside the phrase: "Labour leader Jane Doe", "a spokesman for X"; its apposition first
        # ("Doe's deputy, Jane Roe"), never the owner ("Doe's son") nor a name in a clause about it.
        aside = {t.i for c in tok.children if c.dep_ in ("poss", "relcl", "acl") for t in c.subtree}
        appos = [self.entity_at(c.i) for c in tok.children if c.dep_ == "appos"]
        people = [g for g in appos if g is not None and self.kinds[g] == PERSON]
        if people:
            return people[0]
        inner = [self.entity_at(t.i) for t in tok.subtree if t.i != tok.i and t.i not in aside]
        people = [g for g in inner if g is not None and self.kinds[g] == PERSON]
        if people:
            return people[-1]
        if low in ("spokesman", "spokeswoman", "spokesperson", "statement"):
            orgs = [g for g in inner if g is not None and self.kinds[g] in ORG_KINDS]
            return orgs[-1] if orgs else None
        return None

    # ------------------------------------------------------------------ output

    def entities(self) -> list[LocalEntity]:
        out = []
        for gi, group in enumerate(self.groups):
            if gi in self._discarded:
                continue
            forms, spans = [], []
            votes: dict[str, float] = defaultdict(float)
            for m in group:
                s, e = self.tokens[m.start].idx, self.tokens[m.end - 1].idx + len(self.tokens[m.end - 1])
                spans.append(Span(s, e, self.text[s:e]))
                for form in [m.text] + ([f"{m.honorific_text} {m.text}"] if m.honorific_text else []) \
                        + ([m.written] if m.written else []):
                    if form not in forms:
                        forms.append(form)
            for m in [m for m in group if len(m.words) >= 2] or group:   # as _vote: a bare surname says little
                for k, v in m.votes.items():
                    votes[k] += v
            forms = forms or [self.names[gi]]
            out.append(LocalEntity(key=gi, kind=self.kinds[gi], name=self.names[gi], forms=tuple(forms),
                                   mentions=tuple(spans), gender=self.genders[gi],
                                   kind_votes=tuple(sorted(votes.items())), anonymous=self.is_anonymous(gi)))
        return out
