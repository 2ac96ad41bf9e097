"""Names the tagger missed or took apart, for DocNames (a mixin): runs of capitalised words it left
untagged ("Hope Not Hate"), other occurrences of a name found once, a surname alone after the full
name ("Jane Doe" ... "Doe said"), and a given name and surname tagged as two names ("Jean-Luc" ORG,
"Doe" GPE)."""
from __future__ import annotations

from collections import defaultdict

from ..model import ORGANIZATION, PERSON
from .mentions import HEADLINE_LINKS, INNER_MARKS, RUN_ENDS, Mention


class MissedNames:
    """The mention sources of DocNames that recover what the NER missed (the lists read are DocNames's)."""

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
            if j - i >= 2 and self.tokens[i].pos_ == "PROPN" and self.tokens[j - 1].lower_ not in RUN_ENDS and \
                    not any(self.pos[k] in ("AUX", "VERB") or self._headline_verb(k) for k in range(i, j)) and \
                    not (self.paragraphs and self.starts[i] < self.paragraphs[0][0][1] and
                         any(self.lowers[k] in HEADLINE_LINKS for k in range(i, j))):   # (a headline: "President On X")
                out.append(Mention(i, j, self.span_text(i, j), {ORGANIZATION: 0.4}))
            i = max(j, i + 1)
        return out

    def _propagate(self, found: list[Mention]) -> list[Mention]:
        """Other occurrences of a name found once ("Momentum" before "Co-Chair" where the NER missed it)."""
        by_first = defaultdict(list)
        covered = {i for m in found for i in range(m.start, m.end)}
        surnames = {}
        for m in found:
            if m.votes and not m.handle and m.end - m.start <= 6:
                by_first[self.tokens[m.start].text].append(m)
            if (m.votes.get(PERSON, 0) > 0 or self._given_first(m)) and len(m.words) >= 2 and not m.org and \
                    self.texts[m.end - 1].translate(INNER_MARKS).isalpha():   # (O'Kelvane too)
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

    def _given_first(self, m: Mention) -> bool:
        """"Sean Doe" tagged an organisation: a given name and one or two more capitalised words, none of
        them the word of an organisation's name, are a person's name all the same."""
        return 2 <= len(m.words) <= 3 and self._given(m.words[0]) and all(w[:1].isupper() for w in m.words) and \
            not any(w.lower() in self.lex.org_words or w.lower() in self.lex.place_org_words for w in m.words)

    def _joined_names(self, found: list[Mention]) -> list[Mention]:
        """A given name and a surname the NER took apart ("Jean-Luc" ORG, "Doe" GPE): one person."""
        starts = {m.start: m for m in found if not m.org}
        out = []
        for m in found:
            nxt = starts.get(m.end)
            if nxt is None or m.org or len(m.words) != 1 or len(nxt.words) != 1 \
                    or m.text.split("-")[0] not in self.lex.first_names \
                    or self.starts[m.end] != self.ends[m.end - 1] + 1 or not nxt.text[:1].isupper():
                continue
            out.append(Mention(m.start, nxt.end, self.span_text(m.start, nxt.end), {PERSON: 3.0}))
        return out
