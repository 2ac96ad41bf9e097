"""Who pronouns and unnamed people refer to, within one article.

Pronouns resolve, in text order, to the most salient compatible entity before
them: subjects weigh more, names inside quotes do not count, and "he"/"she"
learn a gender from the sentence before; "it" and "they" go to organisations
and parties, nominals ("the group", "the party") to the last entity of a
fitting kind. Unnamed but specific people ("the far-right candidate", "a man
who ...") become entities of their own.
"""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Token

from ..model import MEDIA, ORG_KINDS, PARTY, PERSON
from .mentions import SUBJECT, Mention

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
WINDOW = 1500   # characters a pronoun may look back


class Coreference:
    """Pronoun and unnamed-person resolution for DocNames (a mixin)."""

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
                if self.genders[g] is None and self.likely_gender(g) in (None, "male" if subj.lower_ == "he" else "female"):
                    self.genders[g] = "male" if subj.lower_ == "he" else "female"

    def likely_gender(self, g: int) -> str | None:
        """The gender a person's given name usually has (first_names.tsv), for pronouns only: the
        entity's own gender stays what the text makes clear."""
        if self.kinds[g] != PERSON or g >= len(self.names):
            return None
        words = self.names[g].split()
        return self.lex.first_names.get(words[0]) if len(words) >= 2 else None

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
            known = self.genders[g] or self.likely_gender(g)
            if self.kinds[g] not in kinds or (gender and known not in (None, gender)):
                continue
            score = weight / (1.0 + distance / 150.0) * (1.5 if gender and known == gender else 1.0)
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
        while start < end and self.tokens[start].lower_ in ("the", "a", "an", "this", "that"):
            start += 1
        head = self.tokens[end - 1] if end > start else None
        if head is None or not (head.lemma_.lower() in self.lex.person_nouns or self.lex.role([head.lower_])):
            return None
        name = self.span_text(start, end)
        mention = Mention(start, end, name, {PERSON: 1.0})
        return self.add_entity(name, PERSON, mention, gender=self.lex.person_nouns.get(head.lemma_.lower()),
                               anonymous=True)
