"""What kind of thing a name is, from what the article says around it.

The NER label and the gazetteer give each mention its first votes (kg.extract.mentions); this
mixin of DocNames adds the votes of its context: "X, who" and "X (Lab)" are people, "Example
Society" and "Exampleshire Lib Dems" organisations, "in Example" and "the MP for Example" places.
DocNames._vote (kg.extract.names) sums them over a name's mentions.
"""
from __future__ import annotations

from ..model import ORGANIZATION, PARTY, PERSON, PLACE
from .lexicon import fold
from .mentions import LOCATIVE, SUBJECT, Mention


class KindVotes:
    """The context votes of DocNames (a mixin: the per-token lists it reads are DocNames's)."""

    def _context_votes(self, m: Mention) -> None:
        doc = self.doc
        skip = 1 if m.end < len(doc) and self.texts[m.end].isupper() and self.lex.role([self.lowers[m.end]]) else 0
        after = self.lowers[m.end + skip:m.end + skip + 3]   # past a title: "X MP, who"
        first = self.lex.org(m.words[0]) if len(m.words) >= 2 and not m.org else None
        if len(m.words) >= 2 and not m.org and m.words[-1].lower() in self.lex.place_org_words:
            role = self.lex.role([self.lowers[m.end]]) if m.end < len(doc) else None
            if m.votes.get(PERSON) or (role is not None and role.body == "organisation"):
                m.vote(ORGANIZATION, 2.5)   # "Example Town manager X": a club, never a person
        if len(m.words) >= 2 and not m.org and m.words[-1].lower() == "party" and first is None:
            m.vote(PARTY, 3.0)           # "Example Party": a party the gazetteer does not know
        elif first is not None and first.kind == PARTY:
            m.vote(ORGANIZATION, 2.0)    # "Labour Together", "Conservative Home": named after a party
        elif 2 <= len(m.words) <= 4 and not m.org and self._given(m.words[0]) and m.start > 0 and \
                (self.tok2mention.get(m.start - 1) is not None and self.tok2mention[m.start - 1].org is not None
                 or self.lex.role([self.lowers[m.start - 1]])):
            m.vote(PERSON, 3.0)          # "Liberal Jane Hope", "candidate Jane Hope": a person
        elif len(m.words) >= 2 and not m.org and m.words[-1].lower() in self.lex.org_words:
            m.vote(ORGANIZATION, 2.0)    # "Example Society", "Hope Centre"
        elif 2 <= len(m.words) <= 4 and not m.org and self._given(m.words[0]):
            m.vote(PERSON, 1.0)          # "Jane Doe", "Jean-Luc Doe": a given name first
        elif len(m.words) == 1 and not m.org and "-" in m.text and self._given(m.text):
            m.vote(PERSON, 1.0)          # "Jean-Luc"
        if len(m.words) == 1 and not m.org and not m.honorific and m.start > 0 and \
                self.lowers[m.start - 1] in LOCATIVE and self.texts[m.start] not in self.lex.first_names \
                and (m.end >= len(self.lowers) or self.lowers[m.end] not in ("'s", "’s")):
            m.vote(PLACE, 1.5)           # "in Example", "across Example": a place
        elif len(m.words) == 1 and not m.org and m.start > 1 and self.texts[m.start - 1] == "," and \
                self.tok2mention.get(m.start - 2) is not None and \
                self.tok2mention[m.start - 2].votes.get(PLACE, 0) > 0 and self.texts[m.start] not in self.lex.first_names:
            m.vote(PLACE, 1.5)           # "Exampleton, Exampleshire": the region of a place
        if not m.org and (m.start >= 2 and self.lowers[m.start - 1] == "for" and self._seat_role(m.start - 2) or
                          after[:1] in (["'s"], ["’s"]) and m.end + 1 < len(doc) and self._seat_role(m.end + 1)):
            m.vote(PLACE, 2.5)           # "the MP for Example", "member for Example", "Example's MP": a seat
        if m.text.isupper() and len(m.words) >= 2 and after[:1] == [":"] and \
                (m.start == 0 or "\n" in self.tokens[m.start - 1].whitespace_ or not self.texts[m.start - 1].strip()):
            m.vote(PERSON, 2.5)          # "JANE DOE: ..." opening a line: a transcript's speaker
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
        dated = not m.org and m.text.isupper() and self.dateline(m.start) is not None
        if dated:
            m.vote(PLACE, 2.0)           # "KELVALE CITY (Wire) —": where the report was filed from
        elif len(m.words) == 1 and not m.org and set(m.votes) == {PLACE} and head.dep_ == "nsubj" and \
                head.head.pos_ == "VERB" and self.lex.speech.get(head.head.lemma_.lower()) and self.lex.country(m.text) is None \
                and not self._after_name(m.start):   # (not "Jane Doe, QC said")
            self._speaking_name(m)
        if head.dep_ in SUBJECT and head.head.lemma_ in ("be", "become"):
            attr = [c for c in head.head.children if c.dep_ == "attr"]
            if attr and self.lex.role([attr[0].lower_]):
                m.vote(PERSON, 1.5)

    def _after_name(self, i: int) -> bool:
        """Whether word ``i`` follows a name, past a comma: a letter title after it ("Jane Doe, QC")."""
        k = i - 1 - (i >= 2 and self.texts[i - 1] == ",")
        return k >= 0 and self.tok2mention.get(k) is not None

    def _speaking_name(self, m: Mention) -> None:
        """A lone name the tagger alone took for a place, as the subject of a speech verb ("Doe said",
        "Examplecorp said in a statement"): places other than countries do not speak. It is the surname
        of a longer name of the article that ends in it ("Adam Doe" ... "Doe said"), which is then a
        person's; otherwise it is taken for an organisation, the kind of speaker that is no one's name."""
        longer = [x for x in self.mentions if 2 <= len(x.words) <= 3 and x.words[-1] == m.text and not x.org]
        m.vote(PERSON if longer else ORGANIZATION, 1.5)
        for x in longer:
            x.vote(PERSON, 1.5)

    def _seat_role(self, i: int) -> bool:
        """Whether word ``i`` names a role held for a constituency (MP, TD, member)."""
        role = self.lex.role([self.lowers[i]])
        return role is not None and (role.key in ("MP", "legislator") or self.lowers[i] == "member")


    def _branch(self, s: int, e: int) -> bool:
        """A name that ends in a party's name or a council's abbreviation: a local branch or a council."""
        given = self.texts[s] in self.lex.first_names   # "Jane Green": a person
        for width in (2, 1):
            if e - width > s:
                tail = self.span_text(e - width, e)
                entry = self.lex.org(tail)
                if entry is not None and entry.kind == PARTY and fold(tail) not in entry.strict \
                        and (not given or tail.endswith("s")) or tail in self.lex.councils and not given:
                    return True   # (a party's plural is no one's surname: "Kent Conservatives")
        return False


    def _given(self, word: str) -> bool:
        """A given name, or one joined of given names ("Jean-Luc", not "Kelvale-Northmoor")."""
        if "-" in word:
            return all(part in self.lex.first_names for part in word.split("-") if part)
        return word in self.lex.first_names


    def _stray_word(self, i: int) -> bool:
        """A capitalised common word the NER took for a person ("Drop in turnout hints ...", "Aides
        said"): the parser reads it as no proper noun, it is not a given name, and the article never
        writes it again, so no fuller name or later mention vouches for it."""
        word = self.texts[i]   # (name-shaped, so capitalised and no handle)
        if word not in self.lex.first_names and word.lower() in self._lower_words:
            return True   # the article writes it in lower case too ("Turnout: ..." and "a low turnout")
        if self.tokens[i].is_sent_start and self.texts.count(word) == 1 and word not in self.lex.first_names \
                and i + 1 < len(self.texts) and self.pos[i + 1] in ("AUX", "VERB", "ADP"):
            return True   # "Turnout was 44 per cent": a capitalised common noun opening a sentence
        return self.pos[i] != "PROPN" and word not in self.lex.first_names and self.texts.count(word) == 1

