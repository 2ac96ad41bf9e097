"""Where the names of an article come from.

Each source proposes mentions (token spans with first votes for a kind): the
spaCy NER, the organisation and party gazetteer (the party of the article's
country, kg.extract.lexicon), honorifics ("Ms Doe"), runs of capitalised words
the NER missed and given names and surnames it split (kg.extract.missed), and social-media
handles; the names of seats and of results lines are in kg.extract.seatnames.
The votes of context ("X, who", "X (Lab)", "Liberal Jane Doe") are in
kg.extract.kinds. DocNames (kg.extract.names) keeps the longest mention of each
span and clusters them.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..model import MEDIA, ORGANIZATION, PARTY, PERSON, PLACE
from .lexicon import Honorific, OrgEntry, fold

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
ORG_SUFFIXES = {"media", "news", "radio", "tv", "television", "press", "network", "group"}
RUN_ENDS = {"election", "elections", "by-election", "party", "report", "programme", "program"}
DASHES = {"-", "–", "—"}
# Prepositions of place: "in X", "across X" make a lone name a place.
LOCATIVE = {"in", "at", "across", "near", "around", "outside", "throughout", "towards", "inside", "within"}
# Words of titles that the NER sometimes takes for a name on their own ("Senior Vice").
TITLE_WORDS = {"senior", "vice", "deputy", "chief", "executive", "assistant", "associate", "acting", "interim",
               "principal", "general", "junior", "joint", "lead", "managing"}
SUBJECT = ("nsubj", "nsubjpass")
HEADLINE_LINKS = {"on", "to", "for", "with", "at", "in", "over", "after", "against", "about", "vs", "versus"}
QUOTE_MARKS = {"'", "‘", "’", '"', "“", "”", "``", "''"}
INNER_MARKS = str.maketrans("", "", "'’-")   # apostrophes and hyphens inside a name



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
    nickname: str = ""       # a nickname written in quotes inside the name ("Bobby" in "Robert 'Bobby' Doe")
    group: int = -1          # cluster index, set by clustering
    words: tuple[str, ...] = field(init=False, repr=False, compare=False)   # text split, read often

    def __post_init__(self) -> None:
        self.words = tuple(self.text.split())

    def vote(self, kind: str, weight: float) -> None:
        self.votes[kind] = self.votes.get(kind, 0.0) + weight


class MentionSources:
    """The mention sources of DocNames (a mixin: the per-token lists it reads are DocNames's)."""

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
        # A headline's verb or preposition inside a name ends it too: "Doe Slams Roe", "President On Roe".
        gaps = {i for i in range(start + 1, end - 1) if label == "PERSON" and
                (self._headline_verb(i) or (self.caps[i] and self.lowers[i] in HEADLINE_LINKS))}
        cuts = [i for i in range(start, end) if self.possessive[i] or texts[i] in ("/", "|")
                or "\n" in texts[i] or i in gaps]   # (a token's trailing whitespace is a space or nothing)
        pieces, s = [], start
        for c in cuts:
            pieces.append((s, c + 1 if texts[c] not in ("/", "|") and not self.possessive[c] and c not in gaps else c))
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
            # Nor a title, a description or a dash before it: "MPs - Jane Doe", "Billionaire Jane Doe".
            while label == "PERSON" and e - s > 1 and (texts[s] in ("-", "–", "—") or
                                                       (self.lex.role([self.lowers[s].rstrip("s")]) and not self.honorifics[s])
                                                       or (e - s > 2 and self.lowers[s] in self.lex.person_nouns)):
                s += 1
            # Nor an honorific at its end ("Tory Treasurer Lord" before "Ashcroft").
            while e - s > 1 and self.honorifics[e - 1] and label != "PERSON":
                e -= 1
            # A trailing title is not part of the name: "X Y MP", "Example Society Co-Chair".
            for width in range(min(4, e - s - 1), 0, -1):
                if texts[e - width][:1].isupper() and self.lex.role_text(self.span_text(e - width, e)) \
                        and not self.lex.org(self.span_text(s, e)):
                    s, e = self._trim(s, e - width)
                    break
            # Nor a headline's speech verb: "Tom Roe Says ...", or a label's verb before the name: "Stated Roe:".
            while label == "PERSON" and e - s > 1 and self._headline_verb(e - 1):
                e -= 1
            while label == "PERSON" and e - s > 1 and self._headline_verb(s) and texts[s] not in self.lex.first_names:
                s += 1
            # A span that stops inside a hyphenated word ("Momentum Co|-Chair") loses that word.
            while e > s and e < len(doc) and self.ends[e - 1] == self.starts[e] and texts[e] in ("-", "–"):
                e -= 1
            inner = next((k for k in range(s + 1, e - 1) if self.honorifics[k]), None)
            if inner is not None and self.caps[inner + 1]:   # "Interrupting Mr Doe", "Eden Ms Doe"
                s, label = inner, "PERSON"
            honorific, htext = None, ""
            h = self.honorifics[s] if s < e else None
            if h and e - s > 1:
                honorific, htext = h, texts[s]
                s += 1
                if s < e and texts[s] == ".":
                    s += 1
            while label == "PERSON" and e - s == 1 and e < len(doc) and texts[s] in self.lex.first_names and \
                    self.caps[e] and self.pos[e] == "PROPN" and not self.tokens[e].ent_type_ and \
                    self.ends[e - 1] < self.starts[e] and not self.lex.role([self.lowers[e]]) and \
                    self.lex.org(texts[e]) is None:
                e += 1   # "Jane" tagged, "Doe" left out: a given name and the surname after it
            nick = self._nickname(s, e) if label == "PERSON" else None
            if nick is not None:   # "Robert 'Bobby' Doe": Robert Doe, also called Bobby
                text, nickname = f"{self.span_text(s, nick[0])} {self.span_text(nick[1], e)}", texts[nick[0] + 1]
                if self._name_shaped(s, nick[0]) and self._name_shaped(nick[1], e):
                    out.append(Mention(s, e, text, {PERSON: 1.0}, None, honorific, htext, nickname=nickname))
                continue
            if s >= e or not self._name_shaped(s, e):
                continue
            outlet = self._org_suffix(s, e, label)
            if outlet:   # "By Jane Doe Example News": a byline's name, then its outlet
                out.append(Mention(e - outlet, e, self.span_text(e - outlet, e), {MEDIA: 5.0},
                                   org=self.org(self.span_text(e - outlet, e))))
                e, label = e - outlet, "PERSON"
            party = self._party_prefix(s, e)
            if party:   # "Liberal Jane Doe", "Independent Tom Roe": a party (or none), then a person
                entry = self.org(self.span_text(s, s + party))
                if entry is not None:
                    out.append(Mention(s, s + party, self.span_text(s, s + party), {PARTY: 5.0}, org=entry))
                s, label = s + party, "PERSON"
            if label == "ORG" and all(self.lowers[k] in TITLE_WORDS or self.lex.role([self.lowers[k]])
                                      for k in range(s, e)):
                continue   # "Senior Vice": words of a title, not a name
            if label != "PERSON" and e < len(doc) and self.lowers[e] in ORG_SUFFIXES and e == end:
                e += 1   # "Novara media": the name of an outlet, not a place
                label = "ORG"
            text = self.span_text(s, e)
            org = self.org(text)
            if label == "PERSON" and e - s == 1 and not org and not honorific and self._stray_word(s):
                continue
            if e - s == 1 and self.honorifics[s] and not honorific:
                continue   # an honorific alone ("Lord")
            if e - s == 1 and not org and texts[s].endswith("ism") and texts[s][:1].isupper():
                continue   # an ideology ("Conservatism"), no one and nowhere
            m = Mention(s, e, text, {}, org, honorific, htext)
            if not org and e - s >= 2 and self._branch(s, e):
                m.vote(ORGANIZATION, 3.0)   # "Exampleshire Lib Dems", "Example TC": a branch or a council
            if org:
                m.vote(org.kind, 5.0)
            elif label == "NORP" and not (e - s == 1 and s > 0 and self.lowers[s - 1] in LOCATIVE and
                                          self.lex.country(texts[s]) is None and
                                          (e >= len(doc) or self.pos[e] in ("PUNCT", "ADP", "VERB", "AUX", "SCONJ", "DET"))):
                continue   # (but "in Exampleton": a place the tagger took for a people's name)
            elif label == "NORP":
                m.vote(PLACE, 1.0)
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
            words = self.span_text(s, s + width)
            entry = self.org(words)
            if (entry is not None and entry.kind == PARTY or fold(words) in self.lex.results["independent"]) \
                    and self.texts[s + width] in self.lex.first_names:
                return width
        return 0

    def _org_suffix(self, s: int, e: int, label: str) -> int:
        """The number of words at the end of a name that name a news outlet, when a person's name
        starts it ("Jane Doe Example News"); 0 otherwise."""
        byline = s > 0 and self.lowers[s - 1] == "by" and self._line_start(s - 1)
        if label != "PERSON" and self.texts[s] not in self.lex.first_names and not byline:
            return 0
        for width in range(min(4, e - s - 2), 0, -1):
            entry = self.lex.org(self.span_text(e - width, e))
            if entry is not None and entry.kind == MEDIA:
                return width
        return 0

    def _branch_place(self, s: int) -> int:
        """Where the place name before a party's name starts ("Exampleshire" in "Exampleshire Lib Dems"),
        or ``s`` when no such name is there."""
        k = s
        while k > max(0, s - 2) and self.caps[k - 1] and self.pos[k - 1] == "PROPN" and \
                self.tokens[k - 1].ent_type_ not in ("DATE", "TIME", "PERSON", "NORP") and \
                self.texts[k - 1] not in self.lex.first_names and not self.honorifics[k - 1] and \
                self.lex.org(self.texts[k - 1]) is None and self.lex.country(self.texts[k - 1]) is None:
            k -= 1
        return k

    def _headline_verb(self, i: int) -> bool:
        """A capitalised form of a speech verb ("Says", "Warns"): a headline's verb, no part of a name."""
        word = self.texts[i]
        lemma = self.lex.speech_form(word) if word[:1].isupper() else None
        return lemma is not None and lemma != word.lower() and lemma in self.lex.speech

    def _nickname(self, s: int, e: int) -> tuple[int, int] | None:
        """Where a nickname in quotes sits inside a name ("Robert 'Bobby' Doe"): the index of its opening
        mark and the one after its closing mark; None when the name has none."""
        for k in range(s + 1, e - 3):
            if self.texts[k] in QUOTE_MARKS and self.texts[k + 2] in QUOTE_MARKS and self.caps[k + 1]:
                return k, k + 3
        return None

    def _name_shaped(self, start: int, end: int) -> bool:
        # (Token.is_alpha and is_digit are str.isalpha and str.isdigit of the token's text)
        texts, caps = self.texts[start:end], self.caps[start:end]
        letters = [x.translate(INNER_MARKS) for x in texts]   # "O'Kelvane", "Abu-Tarvel" are words of letters
        if not any(c and x.isalpha() for x, c in zip(letters, caps)) and not any(x.isupper() for x in texts):
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
                entry = self.org(words)
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
                place = self._branch_place(s) if entry.kind == PARTY and fold(self.span_text(s, e)) not in entry.strict else s
                if place < s:   # "Exampleshire Lib Dems": the party's branch there
                    out.append(Mention(place, e, self.span_text(place, e), {ORGANIZATION: 3.0}))
            i += width
        return out

    def _strict_ok(self, entry: OrgEntry, s: int, e: int) -> bool:
        if fold(self.span_text(s, e)) not in entry.strict:
            return True
        doc = self.doc
        if self.tokens[s].ent_type_ in ("ORG", "NORP"):
            return True
        if 0 < s and e < len(doc) and self.tokens[s - 1].text in ("(", "/") and self.tokens[e].text in (")", "-", "–"):
            return True   # "Jane Doe (Lab)", "Ted Roe (R-Texas)", "(Jane Doe/PA)"
        if 0 < s and e < len(doc) and self.tokens[s - 1].text == "," and self.tokens[e].text in ("-", "–") \
                and self.ends[e - 1] == self.starts[e]:
            return True   # "Rep. Ted Roe, R-Texas, said"
        after = self.tokens[e].lower_ if e < len(doc) else ""
        nxt = self.tokens[e + 1] if e + 1 < len(doc) else None
        if entry.kind == PARTY and e < len(doc) and self.caps[e] and self.texts[e] in self.lex.first_names:
            return True   # "Liberal Jane Doe": a party before a person's name
        if entry.kind == PARTY and self._line_start(s) and after[:1] in (":", "(", "[", "–", "-", "—") + tuple("0123456789"):
            return True   # a results line: "Con: 1,187", "Lab – 477 [54.6%]"
        return after in PARTY_CONTEXT or (after == "and" and nxt is not None and self.lex.org(nxt.text) is not None)

    def dateline(self, i: int) -> int | None:
        """The dash that ends a dateline opening a line at word ``i`` ("KELVALE (Wire) —", "KELVALE, March
        3 (Wire) -"), or None: the place a report was filed from, never a sentence's subject."""
        while i > 0 and self.texts[i - 1].isupper() and self.texts[i - 1].isalpha():
            i -= 1   # "VATICAN CITY"
        line_start = self._line_start(i) or "\n" in self.texts[i - 1]   # (a paragraph break may be a token)
        if not line_start or not self.texts[i].isupper() or not self.texts[i].isalpha():
            return None
        for k in range(i + 1, min(i + 12, len(self.texts))):
            if self.texts[k] in DASHES or self.texts[k] == "--":
                return k if self.texts[k - 1] == ")" or self.tokens[k - 1].ent_type_ == "DATE" else None
            if self.pos[k] in ("VERB", "AUX") or "\n" in self.text[self.ends[k - 1]:self.starts[k]]:
                return None
        return None

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
