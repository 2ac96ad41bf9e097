"""The domain knowledge in kg/data, loaded once and shared by the extractors."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


def _rows(name: str) -> list[list[str]]:
    text = resources.files("kg.data").joinpath(name).read_text(encoding="utf-8")
    return [line.rstrip("\n").split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1 << 16)   # the same words and names come back in every article
def fold(text: str) -> str:
    """Lower-case with curly apostrophes straightened and spaces collapsed."""
    return " ".join(text.replace("’", "'").replace("‘", "'").lower().split())


IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "spoke": "speak", "thought": "think", "sought": "seek",
             "made": "make", "took": "take", "knew": "know", "saw": "see"}   # (forms of speech verbs)


@lru_cache(maxsize=1 << 16)
def plain(text: str) -> str:
    """``fold`` without accents: "Séan" and "Sean" are one name written two ways."""
    return "".join(c for c in unicodedata.normalize("NFKD", fold(text)) if not unicodedata.combining(c))


@dataclass(frozen=True)
class Honorific:
    title: str
    gender: str | None
    takes: str          # "surname" or "first"


@dataclass(frozen=True)
class OrgEntry:
    name: str
    kind: str
    aliases: tuple[str, ...]
    strict: frozenset[str]    # folded aliases that need context to count
    country: str | None = None   # a party's country (countries.tsv's canonical name)


@dataclass(frozen=True)
class RoleEntry:
    phrase: str
    key: str
    body: str | None


@dataclass(frozen=True)
class Country:
    name: str
    government: str


@dataclass
class Lexicon:
    honorifics: dict[str, Honorific] = field(default_factory=dict)
    speech: dict[str, str] = field(default_factory=dict)          # lemma -> say|direct|describe
    stance: dict[str, tuple[str, ...]] = field(default_factory=dict)   # lemma -> what it takes: object, to, for ...
    roles: dict[str, RoleEntry] = field(default_factory=dict)     # folded phrase -> entry
    role_max_words: int = 1
    orgs: dict[str, OrgEntry] = field(default_factory=dict)       # folded alias -> entry
    org_max_words: int = 1
    org_first_words: set[str] = field(default_factory=set)        # first words of aliases, for a quick test
    role_last_words: set[str] = field(default_factory=set)        # last words of role phrases
    person_nouns: dict[str, str | None] = field(default_factory=dict)  # lemma -> gender
    countries: dict[str, Country] = field(default_factory=dict)         # folded name or demonym -> country
    first_names: dict[str, str | None] = field(default_factory=dict)   # given name -> sex recorded with it
    org_words: set[str] = field(default_factory=set)                    # "society", "foundation" ...
    place_org_words: set[str] = field(default_factory=set)              # "town", "city": a club's or a place's
    org_choices: dict[str, tuple[OrgEntry, ...]] = field(default_factory=dict)   # folded alias -> its parties, if several
    country_cues: dict[str, str] = field(default_factory=dict)          # folded cue word or phrase -> country
    country_words: dict[str, str] = field(default_factory=dict)         # folded one-country party alias -> country
    country_order: dict[str, int] = field(default_factory=dict)         # country -> its row in countries.tsv
    results: dict[str, frozenset[str]] = field(default_factory=dict)    # results-table meaning -> its words (results.tsv)
    councils: dict[str, str] = field(default_factory=dict)              # "BC" -> "Borough Council"
    _org_seen: dict[tuple, OrgEntry | None] = field(default_factory=dict, repr=False)   # org() answers so far

    def country(self, text: str) -> Country | None:
        return self.countries.get(fold(text))

    def speech_form(self, word: str) -> str | None:
        """The speech verb a word is a form of ("Says", "warned", "told"), as a headline writes it."""
        w = word.lower()
        for lemma in (w, IRREGULAR.get(w), w[:-1] if w.endswith("s") else None, w[:-2] if w.endswith(("es", "ed")) else None,
                      w[:-1] if w.endswith("d") else None, w[:-3] + "y" if w.endswith(("ies", "ied")) else None):
            if lemma and (lemma in self.speech or lemma in self.stance):
                return lemma
        return None

    def honorific(self, word: str) -> Honorific | None:
        return self.honorifics.get(word.lower().rstrip("."))

    def role(self, words: list[str]) -> RoleEntry | None:
        return self.roles.get(fold(" ".join(words)))

    def role_text(self, text: str) -> RoleEntry | None:
        """The role a phrase as written names ("Co-Chair", "health secretary"), if any."""
        key = fold(text)
        return self.roles.get(key) or self.roles.get(key.replace(" - ", "-"))

    def org(self, text: str, country: str | None = None) -> OrgEntry | None:
        """The organisation a name as written names; of parties that share the name ("Labour",
        "Liberals"), the one of ``country`` when it is one of theirs."""
        try:
            return self._org_seen[text, country]
        except KeyError:
            pass
        key = fold(text)
        key = key[4:] if key not in self.orgs and key.startswith("the ") else key
        if len(self._org_seen) > 1 << 16:
            self._org_seen.clear()
        entry = self.orgs.get(key)
        if country is not None and key in self.org_choices:
            entry = next((e for e in self.org_choices[key] if e.country == country), entry)
        self._org_seen[text, country] = entry
        return entry


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    lex = Lexicon()
    for title, gender, takes in _rows("honorifics.tsv"):
        lex.honorifics[title] = Honorific(title, None if gender == "-" else gender, takes)
    for row in _rows("speech_verbs.tsv"):
        lemma, kind = row[:2]
        if kind != "stance":
            lex.speech[lemma] = kind
        if len(row) > 2 and row[2]:
            lex.stance[lemma] = tuple(row[2].split(","))
    for row in _rows("roles.tsv"):
        entry = RoleEntry(row[0], row[1], row[2] if len(row) > 2 else None)
        lex.roles.setdefault(fold(entry.phrase), entry)
        lex.role_max_words = max(lex.role_max_words, len(entry.phrase.split()))
        lex.role_last_words.add(fold(entry.phrase).split()[-1].split("-")[-1])
    for noun, gender in _rows("person_nouns.tsv"):
        lex.person_nouns[noun] = None if gender == "-" else gender
    for row in _rows("org_words.txt"):
        (lex.place_org_words if row[1:] == ["place"] else lex.org_words).add(row[0])
    for name, sex in _rows("first_names.tsv"):
        lex.first_names[name] = None if sex == "-" else sex
    for row in _rows("countries.tsv"):
        name, other, government = row[:3]
        lex.country_order.setdefault(name, len(lex.country_order))
        for form in (name, *other.split("|")):
            lex.countries.setdefault(fold(form), Country(name, government))
        for cue in (row[3].split("|") if len(row) > 3 else ()):
            lex.country_cues[fold(cue)] = name
    for meaning, words in _rows("results.tsv"):
        if meaning == "council":
            lex.councils.update(w.split("=", 1) for w in words.split("|"))
        else:
            lex.results[meaning] = frozenset(fold(w) for w in words.split("|"))
    for row in _rows("organisations.tsv"):
        _add_org(lex, row[0], row[1], row[2] if len(row) > 2 else "", None)
    for row in _rows("parties.tsv"):
        _add_org(lex, row[0], "PoliticalParty", row[2] if len(row) > 2 else "", row[1])
    for key, entries in lex.org_choices.items():
        countries = {e.country for e in entries}
        if len(countries) == 1 and None not in countries and key not in lex.orgs[key].strict:
            lex.country_words[key] = countries.pop()
    lex.org_choices = {k: v for k, v in lex.org_choices.items() if len(v) > 1}
    return lex


def _add_org(lex: Lexicon, name: str, kind: str, aliases: str, country: str | None) -> None:
    raw = [a for a in aliases.split("|") if a]
    strict = frozenset(k for a in raw if a.startswith("~") for k in (fold(a[1:]), re.sub(r"^the ", "", fold(a[1:]))))
    entry = OrgEntry(name, kind, tuple(a.lstrip("~") for a in raw), strict, country)
    for form in (name, *entry.aliases):
        key = fold(form)
        for k in {key, key[4:] if key.startswith("the ") else key}:
            lex.orgs.setdefault(k, entry)
            if entry not in lex.org_choices.setdefault(k, ()):
                lex.org_choices[k] += (entry,)
        lex.org_max_words = max(lex.org_max_words, len(key.split()))
        lex.org_first_words.update({key.split()[0], re.sub(r"^the ", "", key).split()[0]})
