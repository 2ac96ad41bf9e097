"""Names of seats and of the people and parties of results tables, which the NER reads badly.

A constituency named "X and Y" next to seat words or after a verb of winning
("hope to secure X and Y"), a riding or electorate named with dashes
("Kelvale-Northmoor", "Kelvale—Ashby—Dunmore"), a name the text calls
a seat ("X, a riding long held by ..."), and the people and parties of the
lines of results tables (kg.extract.results): mention sources of DocNames.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..model import PARTY, PERSON, PLACE
from .mentions import DASHES, NAME_PARTICLES, Mention

COMPASS = {"north", "south", "east", "west", "mid", "central", "upper", "lower", "great", "little", "new", "old",
           "north-east", "north-west", "south-east", "south-west", "st", "st.", "saint"}
SEAT_WORD = re.compile(r"\b(?:riding|seat|constituency|electorate|ward|district)\b")
SEAT_DESCRIPTION = re.compile(
    r"(?P<name>\b[A-Z][\w'’.]*(?:[ \t]*[-–—][ \t]*[A-Z][\w'’.]*|[ \t]+(?:and|&)?[ \t]*[A-Z][\w'’.]*){0,4}),[ \t]+"
    r"(?:a|the|an)[ \t]+(?:[a-z-]+[ \t]+){0,3}(?:riding|seat|constituency|electorate|ward|district)\b"
    r"|\b(?:riding|seat|constituency|electorate) of[ \t]+(?P<name2>[A-Z][\w'’.]*(?:[ \t]+[A-Z][\w'’.]*){0,3})")
# Verbs whose object, written "X and Y", is a seat: "hope to secure Example and Other", "win Example and Other".
SEAT_VERBS = {"win", "take", "secure", "hold", "retain", "gain", "lose", "contest", "defend", "keep", "snatch", "flip"}


class SeatMentions:
    """Mention sources for seats and results lines (a mixin of DocNames)."""

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
                    entry = self.org(party)
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
            if self.lowers[b] in COMPASS and end < len(doc) and self.caps[end] and self.tokens[end].is_alpha:
                end += 1   # "Example and South Other"
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
                    or (start > 0 and self.tokens[start - 1].lemma_ in SEAT_VERBS):
                out.append(Mention(start, end, self.span_text(start, end), {PLACE: 3.0}))
        return out

    def _from_described_seats(self) -> list[Mention]:
        """A name the text calls a seat: "Example, a riding long held by ...", "the seat of Example"."""
        out, n = [], len(self.tokens)
        if not SEAT_WORD.search(self.text):
            return out
        for m in SEAT_DESCRIPTION.finditer(self.text):
            group = "name" if m.group("name") else "name2"
            s, e = bisect_left(self.starts, m.start(group)), bisect_left(self.starts, m.end(group))
            if s < e <= n and all(self.caps[k] or self.texts[k] in DASHES or self.lowers[k] in ("and", "&")
                                  for k in range(s, e)) and not self.lex.org(m.group(group)) \
                    and not self.honorifics[s] and m.group(group).split()[0] not in self.lex.first_names:
                out.append(Mention(s, e, self.span_text(s, e), {PLACE: 3.0}))
        return out

    def _from_dashed_places(self) -> list[Mention]:
        """Place names joined by dashes that name a seat: "Kelvale-Northmoor", "Kelvale-St. Ann's",
        "Kelvale—Ashby—Dunmore" (the names of ridings and electorates), next to seat words."""
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
