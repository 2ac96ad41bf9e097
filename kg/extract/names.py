"""Names in one article: find mentions, decide their kind, cluster them, resolve pronouns.

Mentions come from the spaCy NER, the organisation gazetteer, honorifics
("Ms Doe"), runs of capitalised words the NER missed, and social-media
handles. Each mention votes for a kind; a cluster of mentions takes the kind
with most votes, which corrects the small model's typing errors. Surnames,
first names ("Sir John"), acronyms and handles attach to the full name they
refer to. Pronouns resolve, in text order, to the most salient compatible
entity before them (subjects weigh more; names inside quotes do not count);
nominals ("the group", "the party") to the last entity of a fitting kind.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

import numpy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, POS, TAG
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Token

from ..model import TIE_ORDER, MEDIA, ORG_KINDS, ORGANIZATION, PARTY, PERSON, PLACE, LocalEntity, Span
from .lexicon import Honorific, OrgEntry, fold, lexicon, plain
from .quotemarks import scan
from .results import find_tables

NER_KIND = {"PERSON": PERSON, "ORG": ORGANIZATION, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE,
            "PRODUCT": ORGANIZATION, "WORK_OF_ART": ORGANIZATION}
NER_WEIGHT = {"PRODUCT": 0.3, "WORK_OF_ART": 0.3}
# Small words that begin surnames ("de la Cruz", "van Dyke", "bin Salman"), never trimmed from a name.
NAME_PARTICLES = {"de", "van", "von", "der", "den", "al", "bin", "ibn", "abu", "ben", "du", "la", "le", "da", "di",
                  "del", "della", "dos", "das", "st", "ter", "ten"}
CONNECTORS = {"of", "and", "the", "for", "de", "van", "von", "der", "al", "bin", "&", "-", "'", "’", "du", "la", "le"}
PARTY_CONTEXT = {"party", "mp", "mps", "candidate", "councillor", "leader", "member", "members", "government",
                 "voter", "voters", "supporter", "supporters", "activist", "activists", "peer", "senator",
                 "uk", "msp", "politician", "politicians", "vote", "campaign", "lawmaker", "lawmakers",
                 "gain", "hold", "win", "victory", "stronghold", "heartland", "seat", "riding", "government"}
MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
NEUTER = {"it", "its", "itself"}
PLURAL = {"they", "them", "their", "themselves"}   # resolved to parties only ("the Conservatives ... they")
PRONOUNS = MALE | FEMALE | NEUTER | PLURAL
NOMINALS = {"group": ORG_KINDS, "organisation": ORG_KINDS, "organization": ORG_KINDS, "campaign": ORG_KINDS,
            "union": ORG_KINDS, "company": ORG_KINDS, "firm": ORG_KINDS, "charity": ORG_KINDS,
            "party": (PARTY,), "paper": (MEDIA,), "newspaper": (MEDIA,), "broadcaster": (MEDIA,),
            "network": (MEDIA,), "outlet": (MEDIA,), "agency": ORG_KINDS, "department": ORG_KINDS,
            "ministry": ORG_KINDS, "council": ORG_KINDS, "committee": ORG_KINDS, "government": ORG_KINDS}
SUBJECT = ("nsubj", "nsubjpass")
ORG_SUFFIXES = {"media", "news", "radio", "tv", "television", "press", "network", "group"}
RUN_ENDS = {"election", "elections", "by-election", "party", "report", "programme", "program"}
WINDOW = 1500   # characters a pronoun may look back
DASHES = {"-", "–", "—"}
SEAT_DESCRIPTION = re.compile(
    r"(?P<name>\b[A-Z][\w'’.]*(?:[ \t]*[-–—][ \t]*[A-Z][\w'’.]*|[ \t]+(?:and|&)?[ \t]*[A-Z][\w'’.]*){0,4}),[ \t]+"
    r"(?:a|the|an)[ \t]+(?:[a-z-]+[ \t]+){0,3}(?:riding|seat|constituency|electorate|ward|district)\b"
    r"|\b(?:riding|seat|constituency|electorate) of[ \t]+(?P<name2>[A-Z][\w'’.]*(?:[ \t]+[A-Z][\w'’.]*){0,3})")
# Verbs whose object, written "X and Y", is a seat: "hope to secure Example and Other", "win Example and Other".
SEAT_VERBS = {"win", "take", "secure", "hold", "retain", "gain", "lose", "contest", "defend", "keep", "snatch", "flip"}


@dataclass
class Mention:
    start: int               # token indices, end exclusive
    end: int
    text: str                # the name as written, without honorific, article or possessive
    votes: dict[str, float] = field(default_factory=dict)
    org: OrgEntry | None = None
    honorific: Honorific | None = None
    honorific_text: str = ""
    handle: bool = False
    written: str = ""        # the name as written, when ``text`` puts it in order ("Doe, Jane" for "Jane Doe")
    group: int = -1          # cluster index, set by clustering
    words: tuple[str, ...] = field(init=False, repr=False, compare=False)   # text split, read often

    def __post_init__(self) -> None:
        self.words = tuple(self.text.split())

    def vote(self, kind: str, weight: float) -> None:
        self.votes[kind] = self.votes.get(kind, 0.0) + weight


class DocNames:
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
        self.country = self._country()
        self.tables = find_tables(self.text, self.lex, self.country)   # results lists: their names are mentions
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
        self._find_mentions()
        self._cluster()
        self._learn_genders()
        self._resolve_pronouns()

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``, cut from the article's characters without making Token objects."""
        end = min(end, len(self.tokens))
        return self.text[self.starts[start]:self.ends[end - 1]] if start < end else ""

    def _quoted_tokens(self) -> set[int]:
        """Tokens that start inside a quotation."""
        self.paragraphs = scan(self.text)   # each paragraph with its quotations; the quote finder reuses them
        out: set[int] = set()
        for _, quotes in self.paragraphs:
            for q in quotes:
                out.update(range(bisect_left(self.starts, q.start), bisect_left(self.starts, q.end)))
        return out

    def _country(self) -> str | None:
        """The country whose politics the article is about, when it tells: its name or demonym, parties
        only that country has, and words of its politics ("riding", "TD"); None when nothing tells.
        It decides which party a name several countries' parties share means ("Labour", "Liberals")."""
        lex, counts = self.lex, defaultdict(float)
        texts, caps = self.texts, self.caps
        for i, word in enumerate(self.lowers):
            cue = lex.country_cues.get(word)
            if cue is not None:
                counts[cue] += 2.0
            if not caps[i]:
                continue
            c = lex.country(texts[i])
            if c is not None:
                counts[c.name] += 1.0
            for key in (word, f"{word} {self.lowers[i + 1]}" if i + 1 < len(texts) else ""):
                if key in lex.country_words:
                    counts[lex.country_words[key]] += 2.0
                elif key in lex.org_choices:   # "Labour": a little for each country with such a party
                    shared = {e.country for e in lex.org_choices[key] if e.country}
                    for country in shared:
                        counts[country] += 1.0 / len(shared)
        if any(" " in cue for cue in lex.country_cues):
            low = self.text.lower()
            for cue, country in lex.country_cues.items():
                if " " in cue and cue in low:
                    counts[country] += 2.0 * low.count(cue)
        order = lex.country_order
        return max(counts, key=lambda c: (counts[c], -order.get(c, len(order)))) if counts else None

    # ------------------------------------------------------------------ mentions

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

    def _tokens_in(self, span: tuple[int, int]) -> tuple[int, int]:
        """The tokens inside a character span (end exclusive)."""
        return bisect_left(self.starts, span[0]), bisect_left(self.starts, span[1])

    def _from_results(self) -> list[Mention]:
        """The people and parties of results tables' lines ("Doe, Jane (FF) 8,164")."""
        out = []
        for table in self.tables:
            parties = [(r.party, r.party_span) for r in table.rows if r.party]
            parties += [(x, span) for sm in table.summaries for x, span in ((sm.party, sm.party_span),
                                                                          (sm.other, sm.other_span)) if x]
            for party, span in parties:
                s, e = self._tokens_in(span)
                if s < e:
                    entry = self.lex.org(party, self.country)
                    name = entry.name if entry is not None and entry.kind == PARTY else party
                    out.append(Mention(s, e, self.span_text(s, e) if entry else name, {PARTY: 5.0},
                                       org=entry if entry is not None and entry.kind == PARTY else None))
            for r in table.rows:
                if r.name is None:
                    continue
                s, e = self._tokens_in(r.name_span)
                if s < e:
                    written = self.text[r.name_span[0]:r.name_span[1]]
                    out.append(Mention(s, e, r.name, {PERSON: 5.0}, written=written if written != r.name else ""))
        return out

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        blank, lowers, possessive = self.blank, self.lowers, self.possessive
        while start < end and (blank[start] or lowers[start] in ("the", "a", "an") or possessive[start]):
            start += 1
        while end > start and (blank[end - 1] or possessive[end - 1] or lowers[end - 1] in ("'s", "’s", "the")):
            end -= 1
        return start, end

    def _from_ner(self, start: int, end: int, label: str) -> list[Mention]:
        doc, texts = self.doc, self.texts
        # Split at possessives, slashes and line breaks: "Smith's Reform Party".
        cuts = [i for i in range(start, end) if self.possessive[i] or texts[i] in ("/", "|")
                or "\n" in texts[i]]   # (a token's trailing whitespace is a space or nothing)
        pieces, s = [], start
        for c in cuts:
            pieces.append((s, c + 1 if texts[c] not in ("/", "|") and not self.possessive[c] else c))
            s = c + 1
        pieces.append((s, end))
        out = []
        for n, (s, e) in enumerate(pieces):
            s, e = self._trim(s, e)
            # A headline in title case lends its capital to a preposition the NER then takes into a
            # name: "Beneath Smith's wins" is about Smith.
            while label == "PERSON" and e - s > 1 and self.pos[s] in ("ADP", "SCONJ", "CCONJ") \
                    and self.lowers[s] not in NAME_PARTICLES:
                s += 1
            # Nor a title or a dash before it: "MPs - Jane Doe, John Roe".
            while label == "PERSON" and e - s > 1 and (texts[s] in ("-", "–", "—") or
                                                       (self.lex.role([self.lowers[s].rstrip("s")]) and not self.honorifics[s])):
                s += 1
            # A trailing title is not part of the name: "X Y MP", "Example Society Co-Chair".
            for width in range(min(4, e - s - 1), 0, -1):
                if texts[e - width][:1].isupper() and self.lex.role_text(self.span_text(e - width, e)) \
                        and not self.lex.org(self.span_text(s, e)):
                    s, e = self._trim(s, e - width)
                    break
            # A span that stops inside a hyphenated word ("Momentum Co|-Chair") loses that word.
            while e > s and e < len(doc) and self.ends[e - 1] == self.starts[e] and texts[e] in ("-", "–"):
                e -= 1
            honorific, htext = None, ""
            h = self.honorifics[s] if s < e else None
            if h and e - s > 1:
                honorific, htext = h, texts[s]
                s += 1
                if s < e and texts[s] == ".":
                    s += 1
            if s >= e or not self._name_shaped(s, e):
                continue
            party = self._party_prefix(s, e)
            if party:   # "Liberal Jane Doe", "Democrat Tom Roe": a party word, then a person
                entry = self.lex.org(self.span_text(s, s + party), self.country)
                out.append(Mention(s, s + party, self.span_text(s, s + party), {PARTY: 5.0}, org=entry))
                s, label = s + party, "PERSON"
            if label != "PERSON" and e < len(doc) and self.lowers[e] in ORG_SUFFIXES and e == end:
                e += 1   # "Novara media": the name of an outlet, not a place
                label = "ORG"
            text = self.span_text(s, e)
            org = self.lex.org(text, self.country)
            if label == "PERSON" and e - s == 1 and not org and not honorific and self._stray_word(s):
                continue
            m = Mention(s, e, text, {}, org, honorific, htext)
            if org:
                m.vote(org.kind, 5.0)
            elif label == "NORP":
                continue
            else:  # pieces after a slash ("Name/Agency") do not inherit the label
                m.vote(NER_KIND[label], NER_WEIGHT.get(label, 1.0) * (0.3 if n else 1.0))
            if honorific:
                m.vote(PERSON, 5.0)
            out.append(m)
        return out

    def _party_prefix(self, s: int, e: int) -> int:
        """The number of words at the start of a name that name a party, when a given name follows
        them ("Liberal Jane Doe"); 0 otherwise."""
        for width in range(min(3, e - s - 2), 0, -1):
            entry = self.lex.org(self.span_text(s, s + width), self.country)
            if entry is not None and entry.kind == PARTY and self.texts[s + width] in self.lex.first_names:
                return width
        return 0

    def _given(self, word: str) -> bool:
        """A given name, or one joined of given names ("Jean-Luc", not "Eden-Monaro")."""
        if "-" in word:
            return all(part in self.lex.first_names for part in word.split("-") if part)
        return word in self.lex.first_names

    def _stray_word(self, i: int) -> bool:
        """A capitalised common word the NER took for a person ("Drop in turnout hints ...", "Aides
        said"): the parser reads it as no proper noun, it is not a given name, and the article never
        writes it again, so no fuller name or later mention vouches for it."""
        word = self.texts[i]   # (name-shaped, so capitalised and no handle)
        return self.pos[i] != "PROPN" and word not in self.lex.first_names and self.texts.count(word) == 1

    def _name_shaped(self, start: int, end: int) -> bool:
        # (Token.is_alpha and is_digit are str.isalpha and str.isdigit of the token's text)
        texts, caps = self.texts[start:end], self.caps[start:end]
        if not any(c and x.isalpha() for x, c in zip(texts, caps)) and not any(x.isupper() for x in texts):
            return False
        return all(c or low in CONNECTORS or x.isdigit() or x in ("-", ".")
                   for x, low, c in zip(texts, self.lowers[start:end], caps))

    def _from_gazetteer(self) -> list[Mention]:
        lex, out, n = self.lex, [], len(self.tokens)
        lowers, starts, text = self.lowers, self.starts + [len(self.text)], self.text
        i = 0
        while i < n:
            if not (self.caps[i] or (lowers[i] == "the" and i + 1 < n and self.caps[i + 1])) \
                    or fold(self.texts[i]) not in lex.org_first_words:
                i += 1
                continue
            hit = None
            for width in range(min(lex.org_max_words + 1, n - i), 0, -1):
                words = text[starts[i]:starts[i + width]].rstrip()   # the tokens with their spaces
                if "\n" in words:
                    continue
                entry = lex.org(words, self.country)
                if entry:
                    hit = (width, entry)
                    break
            if hit is None:
                i += 1
                continue
            width, entry = hit
            s, e = self._trim(i, i + width)
            if s < e and self.caps[s] and self._strict_ok(entry, s, e):
                out.append(Mention(s, e, self.span_text(s, e), {entry.kind: 5.0}, org=entry))
            i += width
        return out

    def _strict_ok(self, entry: OrgEntry, s: int, e: int) -> bool:
        if fold(self.span_text(s, e)) not in entry.strict:
            return True
        doc = self.doc
        if self.tokens[s].ent_type_ in ("ORG", "NORP"):
            return True
        if 0 < s and e < len(doc) and self.tokens[s - 1].text == "(" and self.tokens[e].text in (")", "-", "–"):
            return True   # "Jane Doe (Lab)", "Ted Roe (R-Texas)"
        after = self.tokens[e].lower_ if e < len(doc) else ""
        nxt = self.tokens[e + 1] if e + 1 < len(doc) else None
        if entry.kind == PARTY and e < len(doc) and self.caps[e] and self.texts[e] in self.lex.first_names:
            return True   # "Liberal Jane Doe": a party before a person's name
        if entry.kind == PARTY and self._line_start(s) and after[:1] in (":", "(", "[", "–", "-", "—") + tuple("0123456789"):
            return True   # a results line: "Con: 1,187", "Lab – 477 [54.6%]"
        return after in PARTY_CONTEXT or (after == "and" and nxt is not None and self.lex.org(nxt.text) is not None)

    def _line_start(self, i: int) -> bool:
        """Token i begins a line, perhaps after a bullet ("- ", "• ", "* ")."""
        while i > 0 and self.texts[i - 1] in ("-", "•", "*", "–", "·"):
            i -= 1
        return i == 0 or "\n" in self.text[self.ends[i - 1]:self.starts[i]]

    def _from_honorifics(self) -> list[Mention]:
        doc, out = self.doc, []
        for i, h in enumerate(self.honorifics):
            if not h:
                continue
            t = self.tokens[i]
            if t.text.lower() in ("sen", "rep", "gov") and not t.text.endswith("."):
                continue
            j = i + 1
            if j < len(doc) and self.tokens[j].text == ".":
                j += 1
            k = j
            while k < len(doc) and k - j < 3 and self.caps[k] and self.tokens[k].is_alpha \
                    and not self.honorifics[k]:
                k += 1
            if k > j:
                out.append(Mention(j, k, self.span_text(j, k), {PERSON: 5.0}, honorific=h, honorific_text=t.text))
        return out

    def _from_capitalised(self, covered: set[int]) -> list[Mention]:
        """Runs of two or more capitalised words the NER left untagged ("Hope Not Hate")."""
        doc, out, i = self.doc, [], 0
        caps, texts, honorifics = self.caps, self.texts, self.honorifics

        def usable(k: int) -> bool:   # Token.is_alpha is str.isalpha of the token's text
            return caps[k] and k not in covered and texts[k].isalpha() and not honorifics[k]

        while i < len(doc):
            if not usable(i):
                i += 1
                continue
            j = i + 1
            while j < len(doc) and usable(j) and not self.tokens[j].is_sent_start and "\n" not in self.tokens[j - 1].whitespace_:
                j += 1
            while i < j and self.tokens[i].is_stop:
                i += 1
            if j < len(doc) and self.tokens[j - 1].whitespace_ == "" and self.tokens[j].text in ("-", "–"):
                j -= 1  # stops inside a hyphenated word
            while j > i and self.lex.role([self.tokens[j - 1].lower_]):
                j -= 1
            if j - i >= 2 and self.tokens[i].pos_ == "PROPN" and self.tokens[j - 1].lower_ not in RUN_ENDS:
                out.append(Mention(i, j, self.span_text(i, j), {ORGANIZATION: 0.4}))
            i = max(j, i + 1)
        return out

    def _propagate(self, found: list[Mention]) -> list[Mention]:
        """Other occurrences of a name found once ("Momentum" before "Co-Chair" where the NER missed it)."""
        doc, by_first = self.doc, defaultdict(list)
        covered = {i for m in found for i in range(m.start, m.end)}
        surnames = {}
        for m in found:
            if m.votes and not m.handle and m.end - m.start <= 6:
                by_first[self.tokens[m.start].text].append(m)
            if m.votes.get(PERSON, 0) > 0 and len(m.words) >= 2 and self.tokens[m.end - 1].is_alpha and not m.org:
                surnames[self.tokens[m.end - 1].text] = m   # "Christian Estrosi" ... "Estrosi told"
        for word, m in surnames.items():
            if word not in by_first:
                by_first[word].append(Mention(m.end - 1, m.end, word, {PERSON: 1.0}))
        out = []
        for i, word in enumerate(self.texts):
            if word not in by_first or not self.caps[i] or i in covered:
                continue
            for m in sorted(by_first[word], key=lambda m: m.start - m.end):
                n = m.end - m.start
                if self.span_text(i, i + n) == self.span_text(m.start, m.end) and not covered & set(range(i, i + n)):
                    out.append(Mention(i, i + n, m.text, {k: v * 0.5 for k, v in m.votes.items()}, m.org,
                                       m.honorific, m.honorific_text))
                    covered.update(range(i, i + n))
                    break
        return out

    def _from_compound_places(self) -> list[Mention]:
        """Two place names joined by "and" or "&" that name one place: a constituency."""
        doc, out = self.doc, []
        for i, word in enumerate(self.lowers):
            if word not in ("and", "&") or i == 0 or i + 1 >= len(doc):
                continue
            a, b = i - 1, i + 1
            if not (self.caps[a] and self.caps[b] and self.tokens[a].is_alpha and self.tokens[b].is_alpha):
                continue
            start = a - 1 if a > 0 and self.caps[a - 1] and self.tokens[a - 1].ent_type_ == self.tokens[a].ent_type_ != "" else a
            end = b + 1
            if any(self.lex.org(self.tokens[k].text) or self.honorifics[k] for k in (start, a, b)):
                continue
            tags = {self.tokens[k].ent_type_ for k in range(start, end) if self.tokens[k].ent_type_}
            if "PERSON" in tags and not tags & {"GPE", "LOC"}:
                continue
            nxt2 = self.span_text(end, end + 3).lower()
            prev = self.tokens[start - 1].lower_ if start > 0 else ""
            placey = bool(tags & {"GPE", "LOC", "ORG", "FAC"})
            if nxt2.startswith(("by-election", "by election", "seat", "constituency", "mp")) \
                    or (placey and prev in ("in", "for", "of", "to", "at", "from")) \
                    or self.tokens[start - 1].lemma_ in SEAT_VERBS if start > 0 else False:
                out.append(Mention(start, end, self.span_text(start, end), {PLACE: 3.0}))
        return out

    def _from_described_seats(self) -> list[Mention]:
        """A name the text calls a seat: "Example, a riding long held by ...", "the seat of Example"."""
        out, n = [], len(self.tokens)
        for m in SEAT_DESCRIPTION.finditer(self.text):
            group = "name" if m.group("name") else "name2"
            s, e = bisect_left(self.starts, m.start(group)), bisect_left(self.starts, m.end(group))
            if s < e <= n and all(self.caps[k] or self.texts[k] in DASHES or self.lowers[k] in ("and", "&")
                                  for k in range(s, e)) and not self.lex.org(m.group(group)) \
                    and not self.honorifics[s] and m.group(group).split()[0] not in self.lex.first_names:
                out.append(Mention(s, e, self.span_text(s, e), {PLACE: 3.0}))
        return out

    def _joined_names(self, found: list[Mention]) -> list[Mention]:
        """A given name and a surname the NER took apart ("Jean-Luc" ORG, "Doe" GPE): one person."""
        starts = {m.start: m for m in found if not m.org}
        out = []
        for m in found:
            nxt = starts.get(m.end)
            if nxt is None or m.org or len(m.words) != 1 or len(nxt.words) != 1 or not self._given(m.text) \
                    or self.starts[m.end] != self.ends[m.end - 1] + 1 or not nxt.text[:1].isupper():
                continue
            out.append(Mention(m.start, nxt.end, self.span_text(m.start, nxt.end), {PERSON: 3.0}))
        return out

    def _from_dashed_places(self) -> list[Mention]:
        """Place names joined by dashes that name a seat: "Example-Monaro", "Toronto-St. Paul's",
        "LaSalle—Émard—Verdun" (the names of ridings and electorates), next to seat words."""
        out, n, i = [], len(self.tokens), 0
        texts, caps = self.texts, self.caps
        while i < n:
            if not (caps[i] and texts[i][:1].isalpha()) or i + 2 >= n or texts[i + 1] not in DASHES \
                    or self.ends[i] != self.starts[i + 1]:
                i += 1
                continue
            j, parts = i + 1, 1
            while j + 1 < n and texts[j] in DASHES and self.ends[j - 1] == self.starts[j] == self.ends[j] - len(texts[j]) \
                    and self.starts[j + 1] == self.ends[j] and (caps[j + 1] or self.lowers[j + 1] in NAME_PARTICLES):
                k = j + 1
                while k + 1 < n and (texts[k].endswith(".") or caps[k + 1] and self.starts[k + 1] == self.ends[k] + 1
                                     and texts[k] in ("St", "St.", "Ste", "Ste.")):
                    k += 1   # "St. Paul"
                parts += caps[j + 1]
                j = k + 1
            end = j
            context = " ".join(self.lowers[max(0, i - 3):min(n, end + 3)])
            strong = re.search(r"\b(?:riding|seat|electorate|constituency|district|by-?election|race for|member for|"
                               r"mp for)\b", context)
            weak = re.search(r"\b(?:in|of|for)\b", context) and texts[i] not in self.lex.first_names
            if parts >= 2 and not self._given(self.span_text(i, min(end, i + 3)).replace(" ", "")) \
                    and not self.lex.org(self.span_text(i, end)) and (strong or weak):
                out.append(Mention(i, end, self.span_text(i, end), {PLACE: 3.0}))
            i = max(end, i + 1)
        return out

    def _context_votes(self, m: Mention) -> None:
        doc = self.doc
        skip = 1 if m.end < len(doc) and self.texts[m.end].isupper() and self.lex.role([self.lowers[m.end]]) else 0
        after = self.lowers[m.end + skip:m.end + skip + 3]   # past a title: "X MP, who"
        first = self.lex.org(m.words[0]) if len(m.words) >= 2 and not m.org else None
        if len(m.words) >= 2 and not m.org and m.words[-1].lower() == "party" and first is None:
            m.vote(PARTY, 3.0)           # "Example Party": a party the gazetteer does not know
        elif first is not None and first.kind == PARTY:
            m.vote(ORGANIZATION, 2.0)    # "Labour Together", "Conservative Home": named after a party
        elif 2 <= len(m.words) <= 4 and not m.org and self._given(m.words[0]) and m.start > 0 and \
                (self.tok2mention.get(m.start - 1) is not None and self.tok2mention[m.start - 1].org is not None
                 or self.lex.role([self.lowers[m.start - 1]])):
            m.vote(PERSON, 3.0)          # "Liberal Jane Church", "candidate Jane Church": a person
        elif len(m.words) >= 2 and not m.org and m.words[-1].lower() in self.lex.org_words:
            m.vote(ORGANIZATION, 2.0)    # "Example Society", "Hope Centre"
        elif 2 <= len(m.words) <= 4 and not m.org and self._given(m.words[0]):
            m.vote(PERSON, 1.0)          # "Jane Doe", "Jean-Luc Doe": a given name first
        elif len(m.words) == 1 and not m.org and "-" in m.text and self._given(m.text):
            m.vote(PERSON, 1.0)          # "Jean-Luc"
        if after[:2] == [",", "who"] or after[:1] == ["who"]:
            m.vote(PERSON, 2.0)
        if after[:2] == [",", "which"]:
            m.vote(ORGANIZATION, 1.5)
        if after[:1] == ["("] and m.end + 1 < len(doc) and self.lex.org(self.tokens[m.end + 1].text) is not None \
                and self.lex.org(self.tokens[m.end + 1].text).kind == PARTY:
            m.vote(PERSON, 1.5)   # "Jane Doe (Lab)": a candidate and her party
        if m.start > 0 and self.tokens[m.start - 1].is_lower and self.lex.role([self.tokens[m.start - 1].lower_]):
            m.vote(PERSON, 1.5)
        head = self.tokens[m.end - 1]
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i and (self.lex.role([child.lower_]) or child.lemma_ in self.lex.person_nouns):
                m.vote(PERSON, 1.5)
            elif child.dep_ == "appos" and child.i > head.i and any(c.lower_ in ("a", "an") for c in child.children) \
                    and (self.lex.org(child.text) is not None and self.lex.org(child.text).kind == PARTY):
                m.vote(PERSON, 2.0)   # "X, a Democrat from Y": a person of that party
        if head.dep_ in SUBJECT and head.head.lemma_ in ("be", "become"):
            attr = [c for c in head.head.children if c.dep_ == "attr"]
            if attr and self.lex.role([attr[0].lower_]):
                m.vote(PERSON, 1.5)

    # ------------------------------------------------------------------ clustering

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
        # Names that share a surname with a known person are people too ("Basit Mahmood").
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
        for m in self.mentions:
            target = None
            if m.handle:
                handle = m.text[1:].lower().replace("_", "")
                target = next((gi for _, gi, w in anchors if "".join(w).lower().replace("-", "") == handle), None)
            elif len(m.words) == 1 and not m.org and kinds[m.group] in (PERSON, ORGANIZATION, PLACE):
                target = self._partial_name_target(m, by_word, kinds)
                if target is None:
                    target = compounds.get(m.text)
            elif len(m.words) == 1 and m.text.isupper() and len(m.text) >= 2:
                target = acronyms.get(m.text)
            if target is not None and target != m.group:
                self.groups[m.group].remove(m)
                m.group = target
                self.groups[target].append(m)
        self._join_middle_names(kinds)
        self.groups = [sorted(g, key=lambda m: m.start) for g in self.groups if g]
        for gi, g in enumerate(self.groups):
            for m in g:
                m.group = gi
        self.kinds = [self._vote(g) for g in self.groups]
        self.names = [self._best_name(g, k) for g, k in zip(self.groups, self.kinds)]
        self.genders = [self._honorific_gender(g) for g in self.groups]

    def _join_middle_names(self, kinds: list[str]) -> None:
        """"Jane Mary Doe" and "Jane Doe" are one person: a name that is another's with middle names
        left out joins it, when exactly one such fuller name is in the article."""
        full: dict[tuple[str, str], set[int]] = defaultdict(set)
        longest = [max(group, key=lambda m: len(m.words)).words if group else () for group in self.groups]
        for gi, words in enumerate(longest):
            if kinds[gi] == PERSON and len(words) >= 3:
                full[(words[0], words[-1])].add(gi)
        if not full:
            return
        for gi, group in enumerate(self.groups):
            if kinds[gi] != PERSON or len(longest[gi]) != 2:
                continue
            target = full.get((longest[gi][0], longest[gi][-1]), set()) - {gi}
            if len(target) == 1:
                t = target.pop()
                for m in group:
                    m.group = t
                self.groups[t] += group
                self.groups[gi] = []

    def _partial_name_target(self, m: Mention, by_word, kinds) -> int | None:
        word = m.text
        takes = m.honorific.takes if m.honorific else None
        last = by_word.get((-1, word), []) if takes != "first" else []
        first = by_word.get((0, word), []) if takes != "surname" else []
        # A bare word typed as a place or organisation joins a person only as a surname.
        if kinds[m.group] != PERSON and not m.honorific:
            first = []
        for pool in (last, first):
            plain = [x for x in pool if x[0] not in self.quoted]   # a nickname in a quote is no anchor
            pool = plain if m.start not in self.quoted and plain else pool
            if pool:
                before = [x for x in pool if x[0] < m.start]
                return (max(before) if before else min(pool))[1]
        return None

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
        org = next((m.org for m in group if m.org), None)
        if org:
            return org.name
        plain = [m.text for m in group if not m.handle] or [group[0].text]
        if kind == PERSON:
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

    def _learn_genders(self) -> None:
        """A he/she subject right after a sentence that names exactly one person of unknown gender."""
        starts = [sent.start for sent in self.doc.sents]
        seen: set[int] = set()
        for i, word in enumerate(self.lowers):
            if word not in ("he", "she") or i in self.quoted:
                continue
            subj = self.tokens[i]
            if subj.dep_ != "nsubj":
                continue
            k = bisect_right(starts, subj.i) - 1   # this subject's sentence
            if k < 1 or k in seen:
                continue   # the first he/she subject of a sentence, after a sentence
            seen.add(k)
            people = {m.group for m in map(self.tok2mention.get, range(starts[k - 1], subj.i))
                      if m is not None and self.kinds[m.group] == PERSON and m.start not in self.quoted}
            if len(people) == 1:
                g = people.pop()
                if self.genders[g] is None:
                    self.genders[g] = "male" if subj.lower_ == "he" else "female"

    def _resolve_pronouns(self) -> None:
        """Resolve third-person pronouns outside quotes in text order; each becomes salient in turn."""
        self._salience: list[tuple[int, int, float]] = []   # (token index, group, weight)
        events = [(m.start, "m", m) for m in self.mentions if m.start not in self.quoted]
        events += [(i, "p", self.tokens[i]) for i, low in enumerate(self.lowers)
                   if low in PRONOUNS and i not in self.quoted]
        for i, what, obj in sorted(events, key=lambda e: e[0]):
            if what == "m":
                head = self.tokens[obj.end - 1]
                self._salience.append((i, obj.group, self._weight(head)))
                continue
            low = obj.lower_
            if low in NEUTER:
                g = self._antecedent(i, None, ORG_KINDS, window=400)
            elif low in PLURAL:
                g = self._antecedent(i, None, (PARTY,), window=300)
            else:
                g = self._antecedent(i, "male" if low in MALE else "female", (PERSON,))
            self.pronouns[i] = g
            if g is not None:
                self._salience.append((i, g, self._weight(obj)))

    @staticmethod
    def _weight(tok: Token) -> float:
        if tok.dep_ in SUBJECT:
            return 2.0
        if tok.dep_ == "poss":
            return 1.0
        return 0.6

    def _antecedent(self, i: int, gender: str | None, kinds: tuple[str, ...], window: int = WINDOW) -> int | None:
        """The most salient entity of the wanted kind and gender mentioned before token i."""
        here, starts = self.starts[i], self.starts
        best, best_score = None, 0.0
        for j, g, weight in reversed(self._salience):
            distance = here - starts[j]
            if distance > window:
                break
            if self.kinds[g] not in kinds or (gender and self.genders[g] not in (None, gender)):
                continue
            score = weight / (1.0 + distance / 150.0) * (1.5 if gender and self.genders[g] == gender else 1.0)
            if score > best_score:
                best, best_score = g, score
        if best is not None and gender and self._unnamed_person_between(best, i, gender):
            return None
        return best

    def _unnamed_person_between(self, g: int, i: int, gender: str) -> bool:
        """An unnamed person ("a man who ...") in the pronoun's sentence, after the candidate's last mention."""
        last = max((j for j, gg, _ in self._salience if gg == g and j < i), default=-1)
        sent = self.tokens[i].sent
        for t in self.tokens[max(last + 1, sent.start):i]:
            if t.pos_ == "NOUN" and t.lemma_ in self.lex.person_nouns and t.i not in self.quoted \
                    and self.lex.person_nouns[t.lemma_] in (None, gender) \
                    and any(c.lower_ in ("a", "an", "the", "one") for c in t.children):
                return True
        return False

    def anonymous(self, head: Token) -> int | None:
        """An unnamed but specific person ("the far-right candidate", "a man who ..."), as an entity.

        The description (the head noun with its modifiers) names it; the same
        description again in the article is the same entity.
        """
        if head.pos_ != "NOUN" or not (head.lemma_.lower() in self.lex.person_nouns or self.lex.role([head.lower_])):
            return None
        if not any(c.dep_ == "det" and c.lower_ in ("the", "a", "an", "this", "that") for c in head.children):
            return None
        mods = [c.i for c in head.lefts if c.dep_ in ("amod", "compound", "nmod", "npadvmod", "nummod")]
        start = min([head.i] + [min(t.i for t in self.tokens[m].subtree) for m in mods])
        return self.anonymous_span(start, head.i + 1)

    def anonymous_span(self, start: int, end: int) -> int | None:
        """An unnamed person described by doc[start:end] ("the last X MP"), determiners left out."""
        doc = self.doc
        while start < end and self.tokens[start].lower_ in ("the", "a", "an", "this", "that"):
            start += 1
        head = self.tokens[end - 1] if end > start else None
        if head is None or not (head.lemma_.lower() in self.lex.person_nouns or self.lex.role([head.lower_])):
            return None
        name = self.span_text(start, end)
        mention = Mention(start, end, name, {PERSON: 1.0})
        return self.add_entity(name, PERSON, mention, gender=self.lex.person_nouns.get(head.lemma_.lower()),
                               anonymous=True)

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
        if low in NOMINALS and any(c.lower_ in ("the", "this", "that") for c in tok.children):
            return self._antecedent(tok.i, None, NOMINALS[low], window=800)
        # A name inside the phrase: "Labour leader Jane Doe", "a spokesman for X".
        inner = [self.entity_at(t.i) for t in tok.subtree if t.i != tok.i]
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
                for k, v in m.votes.items():
                    votes[k] += v
            forms = forms or [self.names[gi]]
            out.append(LocalEntity(key=gi, kind=self.kinds[gi], name=self.names[gi], forms=tuple(forms),
                                   mentions=tuple(spans), gender=self.genders[gi],
                                   kind_votes=tuple(sorted(votes.items())), anonymous=self.is_anonymous(gi)))
        return out
