"""One name written several ways in one article, for DocNames (a mixin): a name with its middle names
left out ("Jane Doe" for "Jane Mary Doe"), one-off misspellings, nicknames, and the full name a surname
or given name alone belongs to ("Doe said" after "Jane Doe")."""
from __future__ import annotations

from collections import defaultdict

from ..model import PERSON
from .mentions import Mention


class NameJoins:
    """The joining steps of DocNames's clustering (the groups and lists it reads are DocNames's)."""

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

    def _join_variants(self, kinds: list[str]) -> None:
        """One person written two ways in one article: a one-off misspelling ("Jane Doe" once as "Jane
        Dooe", "Gane Doe"), a surname alone misspelt against the only full name it can be, a nickname
        only ever quoted ("Sanctuary Doe") beside the person named outside quotes, a nickname the full name
        gave in quotes ("Bobby Doe" after "Robert 'Bobby' Doe")."""
        people = [(gi, max(g, key=lambda m: len(m.words)).words) for gi, g in enumerate(self.groups)
                  if g and kinds[gi] == PERSON and not any(m.handle for m in g)]
        full = [(gi, w) for gi, w in people if len(w) >= 2]
        nicknames = {(m.nickname, w[-1]): gi for gi, w in full for m in self.groups[gi] if m.nickname}
        for gi, words in people:
            group = self.groups[gi]
            if not group:
                continue
            quoted = all(m.start in self.quoted for m in group)
            target = None
            for gj, other in full:
                if gj == gi or not self.groups[gj] or len(self.groups[gj]) < len(group):
                    continue
                if len(words) >= 2 and len(group) == 1 and _one_off(words, other):
                    target = gj if target is None else -1
                elif len(words) == 1 and _close(words[0], other[-1]) and not any(o[-1] == words[0] for _, o in full):
                    target = gj if target is None else -1
                elif quoted and len(words) >= 2 and words[-1] == other[-1] and not self._given(words[0]) and \
                        len(self.groups[gj]) >= 2 and not all(m.start in self.quoted for m in self.groups[gj]):
                    # (the person named outside quotes more than once: not a passing "Matt Doe" in a list)
                    target = gj if target is None else -1
            if len(words) >= 2 and nicknames.get((words[0], words[-1]), gi) != gi:
                target = nicknames[(words[0], words[-1])]   # "Bobby Doe" after "Robert 'Bobby' Doe"
            if target is not None and target >= 0:
                for m in group:
                    m.group = target
                self.groups[target] += group
                self.groups[gi] = []

    def _partial_name_target(self, m: Mention, by_word, kinds) -> int | None:
        word = m.text
        takes = m.honorific.takes if m.honorific else None
        last = by_word.get((-1, word), []) if takes != "first" else []
        first = by_word.get((0, word), []) if takes != "surname" else []
        # A bare word typed as a place or organisation joins a person only as a surname.
        if kinds[m.group] != PERSON and not m.honorific:
            first = []
        sex = m.honorific.gender if m.honorific else None
        if sex:   # "Mrs Doe" is not "John Doe": an anchor whose given name is of the other sex
            last = [x for x in last if self.lex.first_names.get(self.groups[x[1]][0].words[0]) in (None, sex)]
        for pool in (last, first):
            plain = [x for x in pool if x[0] not in self.quoted]   # a nickname in a quote is no anchor
            pool = plain if m.start not in self.quoted and plain else pool
            if pool:
                before = [x for x in pool if x[0] < m.start]
                near = max(before) if before else min(pool)
                if len({g for _, g in pool}) > 1 and before and self._paragraph_of(near[0]) != self._paragraph_of(m.start):
                    return min(before)[1]   # two people of one surname: away from the other, the one named first
                return near[1]
        return None


def _close(a: str, b: str) -> bool:
    """Two words one letter apart (added, dropped or changed), long enough not to be two names."""
    if a == b or min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1 or a[0].lower() != b[0].lower() and len(a) < 5:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


def _one_off(words: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """A name that is another with one word misspelt by a letter ("Jane Dooe" for "Jane Doe")."""
    if len(words) != len(other):
        return False
    differ = [(a, b) for a, b in zip(words, other) if a != b]
    return len(differ) == 1 and (_close(*differ[0]) or (len(differ[0][0]) == len(differ[0][1]) == 3
                                                        and differ[0][0][1:] == differ[0][1][1:]))
