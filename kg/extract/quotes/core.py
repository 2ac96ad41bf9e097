"""The common ground of quotations: the speech verbs that cue them and the speakers they name.

QuoteFinder reads an article's paragraphs and quoted stretches (kg.extract.quotemarks), decides which
tokens are cues ("said", "according to") and which entity a cue's subject names (through DocNames).
The direct quotes are found in kg.extract.quotes.direct, reported speech in kg.extract.quotes.indirect.
Each rule gives its quotes a confidence near the rule's end-to-end precision on the dev sets (the
elections set and PolNeAR), as bench/quote_confidence.py measures it; `kg build --min-confidence`
filters on it.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...model import ORG_KINDS, ORGANIZATION, PERSON, PLACE, Quote, Span
from ..lexicon import lexicon
from ..names import DocNames
from ..quotemarks import sentences

UPWARD_DEPS = {"advcl", "conj", "xcomp", "pcomp", "prep", "acl", "relcl", "dep"}
RELATIVE = {"who", "which", "that"}
STOP = {"the", "a", "an", "of", "to", "and", "or", "in", "on", "at", "for", "that", "he", "she", "it", "they",
        "we", "i", "is", "was", "be", "had", "has", "have", "would", "will", "this", "his", "her", "their"}
CLOSERS = " ”’\"'.,;:!?…"
QUOTE_CLOSERS = {"”", "’", '"', "'", "''", ","}
OBJECT_CLAUSE = {"expect", "urge", "want", "encourage", "warn", "ask", "tell", "advise", "call"}
# Verbs whose object is a clause the parser may misread as a noun phrase ("said his groups show X").
CLAUSE_ONLY = {"say"}   # (not "claimed victory", "argued the case")
NOT_CLAUSE = {"so", "nothing", "something", "anything", "much", "little", "words", "word", "goodbye", "goodbyes",
              "prayer", "prayers", "thanks", "grace", "hello", "yes", "no", "otherwise", "more", "less", "same"}
NEW_HOLDER = {"new", "newly", "winning", "victorious", "newly-elected", "elected"}   # "the new MP": the winner
OTHER_HOLDER = {"vice", "deputy", "former", "acting", "interim", "assistant", "associate", "shadow", "junior", "ex",
                "late", "outgoing", "incoming", "previous", "then", "past", "future", "next", "co", "lieutenant"}
TELL_LIKE = {"tell", "assure", "inform", "remind", "warn", "promise", "reassure"}   # (a hearer as the object)
CHARGE = {"accuse", "blame", "criticise", "criticize", "praise", "attack", "fault"}
SAY_LIKE = OBJECT_CLAUSE | CHARGE
# "X issued a statement saying ...": the message speaks for whoever put it out
MESSAGES = {"statement", "letter", "memo", "release", "note", "post", "tweet", "video", "ad", "advertisement", "message",
            "email", "e-mail", "op-ed", "column", "editorial", "notice", "announcement", "report"}
ISSUE = {"issue", "release", "send", "sign", "post", "publish", "put", "write", "file", "pen", "tweet", "distribute",
         "circulate", "air", "run", "deliver"}
TIME_WORDS = {"after", "before", "while", "since", "upon", "on", "when", "until"}
AGED = re.compile(r"(?:the|The)\s+(\d{1,3})-year-old")   # a speaker named by age
TITLE_SMALL = {"of", "the", "a", "an", "and", "&", "in", "on", "to", "for", "at", "by", "with", "from", "or"}


@dataclass(frozen=True)
class RoleRef:
    """A speaker the text names by a role ("the new MP", "the Tory candidate", "the minister"): the
    person is settled once the article's roles and results are known (kg.extract.quotes.speakers)."""
    role: str              # the role concept ("MP", "candidate", "minister")
    party: int | None      # the party or organisation the words give ("Tory"), if any
    new: bool              # "the new MP", "the winner": the contest's winner


@dataclass
class Attribution:
    speaker: int
    cue: str
    cue_span: Span | None
    confidence: float
    rule: str
    ref: RoleRef | None = None   # with speaker -1: a speaker named by a role


class QuoteFinder:
    def __init__(self, doc: Doc, names: DocNames, skip_before: int = 0):
        self.doc, self.names, self.lex = doc, names, lexicon()
        self.toks = names.tokens   # one Token per word, made once
        self.text = names.text
        self.skip_before = skip_before
        self.pending: list[tuple[Quote, RoleRef]] = []   # quotes whose speaker is named by a role
        self.cue_seen = False   # whether the last quote attributed had a cue in its own sentence
        self._starts = names.starts
        self.paragraphs = names.paragraphs
        self.sentences = [s for (ps, pe), qs in self.paragraphs for s in sentences(self.text, ps, pe, qs)]
        self.quoted: set[int] = set()   # every character of every quotation, its marks included
        for _, qs in self.paragraphs:
            for q in qs:
                self.quoted.update(range(q.open_mark, q.end + 1))
        # Verbs of speech, read from the shared lists: with "according (to)", the only tokens is_cue
        # accepts, so the many others are passed over without looking at their Tokens.
        speech = self.lex.speech
        self.speech_verb = [pos in ("VERB", "AUX") and bool(speech.get(lemma) or lemma in SAY_LIKE or
                                                           (lemma == "put" and names.lowers[i + 1:i + 2] == ["it"]))
                            for i, (pos, lemma) in enumerate(zip(names.pos, names.lemmas))]   # ("as Doe put it")

    def sentence_at(self, char: int) -> tuple[int, int] | None:
        i = bisect_right(self.sentences, (char, len(self.text) + 1)) - 1
        return self.sentences[i] if i >= 0 and self.sentences[i][0] <= char < self.sentences[i][1] else None

    # ------------------------------------------------------------------ cues and speakers

    def tok_at(self, char: int) -> Token | None:
        """The token covering a character, if any (not whitespace between tokens)."""
        i = bisect_right(self._starts, char) - 1
        if i < 0:
            return None
        t = self.toks[i]
        return t if char < t.idx + len(t.text) else None

    def is_cue(self, t: Token) -> bool:
        if t.lower_ == "according" and t.i + 1 < len(self.doc) and self.toks[t.i + 1].lower_ == "to":
            return True
        if not self.speech_verb[t.i]:
            return False
        lemma = self.names.lemmas[t.i]
        if lemma == "go":
            return any(c.dep_ == "prt" and c.lower_ == "on" for c in t.children)
        # "was asked by host Jane Doe whether ...": the asker, named as the agent, is the speaker
        agent = lemma == "ask" and any(c.dep_ == "agent" and any(p.dep_ == "pobj" for p in c.children) for c in t.children)
        if t.dep_ == "amod" or any(c.dep_ == "auxpass" for c in t.children) and not agent:
            return False  # "the said report", "was told"
        if t.tag_ in ("VBN", "VBD") and t.i > 0 and not agent and (self.toks[t.i - 1].lemma_ == "be" or
                                                                   self.toks[t.i - 1].lower_ in ("'m", "’m", "am", "'re", "’re")):
            return False  # "I'm told", "we were assured": passive, however the parser labels it
        if lemma == "ask" and not agent and not any(c.dep_ == "nsubj" for c in t.children) and (
                t.tag_ != "VBG" or t.head.lower_ in TIME_WORDS or any(c.lower_ in TIME_WORDS for c in t.children)):
            # "When asked ...": the question was put to the subject; "after asking ...": a time, not the report.
            # ("followed up by asking whether ...": the asker's question.)
            return False
        return True

    def cue_text(self, t: Token) -> tuple[str, Span]:
        doc = self.doc
        start, end = t.i, t.i + 1
        if t.lower_ == "according":
            end = t.i + 2
        else:
            end = max([end] + [c.i + 1 for c in t.children if c.dep_ == "prt"])
            aux = [c.i for c in t.children if c.dep_ == "aux" and t.i - 2 <= c.i < t.i]
            start = min([start] + aux)
            if self.lex.speech.get(t.lemma_.lower()) == "describe":
                as_ = [c for c in t.children if c.dep_ == "prep" and c.lower_ == "as"]
                if as_:
                    end = as_[0].i + 1
        span = doc[start:end]
        return span.text, Span(span.start_char, span.end_char, span.text)

    def speaker_of(self, verb: Token) -> tuple[int | None, Token | None]:
        """The entity that performs a speech verb, walking up participles ("..., adding: ...")."""
        if verb.lower_ == "according":
            objs = [c for c in self.toks[verb.i + 1].children if c.dep_ == "pobj"]
            if not objs:
                return None, None
            o = objs[0]
            by = next((p for c in o.children if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from")
                       for p in c.children if p.dep_ == "pobj"), None)
            if by is not None and o.pos_ == "NOUN":   # "according to an analysis by the Harbour Institute": its author
                o = by
            g = self.names.resolve(o)
            return (g if g is not None else self._source_named(o)), o
        t = verb
        if verb.dep_ == "xcomp" and self._impersonal(verb.head if verb.head.pos_ != "ADJ" else verb.head.head):
            return None, None   # "it's fair to say that ...", "it is important to remember that ...": no one
        for _ in range(5):
            subj = [c for c in t.children if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and t is not verb)]
            if subj and t is verb and all(x.idx in self.quoted for x in subj):
                g, s = self._name_after_quote(verb)   # "“A fine speech, Mr. Mayor,” Jane Doe, a councillor, told
                if g is not None:                     # him": the parser took the quote's words for the subject
                    return g, s
            if subj:
                s = next((x for x in subj if x.idx not in self.quoted), subj[0])
                dash = self.names.dateline(s.i)
                if dash is not None:   # "KELVALE (Wire) — Jane Doe said": the parser's subject is the dateline
                    later = [x for x in subj if x.i > dash] + [c for c in s.children if c.dep_ == "appos" and c.i > dash]
                    if not later:
                        return None, None
                    s = later[0]
                if s.lower_ in RELATIVE and t.dep_ == "relcl":
                    s = t.head
                g = self.names.resolve(s)
                if (g is None or self.names.kinds[g] == PLACE) and len(subj) > 1:   # "Army Capt. Jane Doe": two
                    s = next((x for x in subj[1:] if self._speaker_kind(self.names.resolve(x))), s)
                    g = self.names.resolve(s)
                if g is None:
                    g = self._aged(s)   # "the 45-year-old said"
                if g is not None and self.names.kinds[g] == PLACE:   # "Gov. Jane Doe (R-OH), said": the person
                    person, before = self._person_before(verb, s)
                    if person is not None or not self._speaker_kind(g):
                        g, s = person, before
                return (g if self._speaker_kind(g) else None), s
            agent = [c for c in t.children if c.dep_ == "agent" or (t is verb and c.lower_ == "as" and c.i < verb.i)]
            pobj = [p for a in agent for p in a.children if p.dep_ == "pobj"]   # ("As Doe put it": parsed "as Doe")
            if pobj:
                return self.names.resolve(pobj[0]), pobj[0]
            if t.dep_ == "acl" and self.names.entity_at(t.head.i) is not None:
                return self.names.resolve(t.head), t.head     # "Jane declaring that ..."
            if t.dep_ == "acl" and t.head.dep_ == "dobj" and t.head.lemma_.lower() in MESSAGES and \
                    t.head.head.lemma_.lower() in ISSUE:
                t = t.head.head   # "Doe issued a statement saying ...": who issued it
                continue
            if t.dep_ not in UPWARD_DEPS or t.head is t or self._clause_break(t, t.head):
                break
            t = t.head
        if verb.dep_ == "ROOT" and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
            g, s = self._name_before(verb)
            if g is None:
                g, s = self._relative_misread(verb)
            if g is None and verb.i > 0 and self.toks[verb.i - 1].text == ",":   # "Gov. Jane Doe (R-OH), said"
                g, s = self._person_before(verb, verb)
            return (g, s) if g is not None else (None, None)
        return None, None

    def _aged(self, t: Token) -> int | None:
        """"The 45-year-old said": the one person the article gives that age ("Jane Doe, 45,", "45-year-old
        Jane Doe", "Jane Doe, a 45-year-old teacher,"), or None."""
        m = AGED.fullmatch(self.text[t.left_edge.idx:t.idx + len(t.text)]) if t.lower_ == "old" else None
        if m is None:
            return None
        after = re.compile(r",\s+(?:an?\s+)?" + m.group(1) + r"\b")          # "Jane Doe, 45," / ", a 45-year-old"
        before = re.compile(r"\b" + m.group(1) + r"-year-old\s+(?:\w+\s+){0,2}$")   # "45-year-old Jane Doe"
        people = set()
        for mention in self.names.mentions:
            g = mention.group
            if self.names.kinds[g] != PERSON or self.names.is_anonymous(g):
                continue
            a, b = self._starts[mention.start], self.toks[mention.end - 1].idx + len(self.toks[mention.end - 1].text)
            if after.match(self.text, b, b + 30) or before.search(self.text[max(0, a - 40):a]):
                people.add(g)
        return people.pop() if len(people) == 1 else None

    def _source_named(self, t: Token) -> int | None:
        """"according to RealClearPolitics", "according to the F.A.A.": a proper name the tagger left
        unnamed, after "according to", is an organisation (a person would have been named)."""
        words = [w for w in t.subtree if w.i <= t.i and w.dep_ in ("compound", "pobj", "nmod", "amod") or w is t]
        if not words or any(w.pos_ != "PROPN" or not w.text[:1].isupper() for w in words) or \
                any(self.names.entity_at(w.i) is not None for w in words):
            return None
        a, b = words[0].idx, words[-1].idx + len(words[-1].text)
        return self.names.add_entity(self.text[a:b], ORGANIZATION)

    @staticmethod
    def _impersonal(head: Token) -> bool:
        """"It is safe/fair/important ...": a clause whose subject is an empty "it" and whose verb takes an adjective."""
        return any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in head.children) and \
            any(c.dep_ == "acomp" for c in head.children)

    def _person_before(self, verb: Token, subj: Token) -> tuple[int | None, Token]:
        """The nearest person named before a speech verb, past places and brackets, within its clause."""
        for k in range(verb.i - 1, max(verb.sent.start, verb.i - 12) - 1, -1):
            t = self.toks[k]
            if t.pos_ in ("VERB", "AUX") or t.idx in self.quoted:
                break
            g = self.names.entity_at(k)
            if g is not None and self.names.kinds[g] == PERSON:
                return g, t
        return None, subj

    def _speaker_kind(self, g: int | None) -> bool:
        """A person or an organisation, or a country, whose government speaks for it ("Japan said on Monday
        it would ..."): other places do not speak ("Berea, OH, said")."""
        return g is not None and (self.names.kinds[g] != PLACE or self.lex.country(self.names.names[g]) is not None)

    def _name_after_quote(self, verb: Token) -> tuple[int | None, Token | None]:
        """The person or organisation named first after the quotation that ends before a speech verb
        ("“...,” Councillor Jane Doe, a member since 2010, said"): a title or two may come before it."""
        k = verb.i - 1
        while k > verb.sent.start and self.toks[k].idx not in self.quoted:
            k -= 1
        if self.toks[k].idx not in self.quoted:
            return None, None
        k += 1
        while k < verb.i and (self.toks[k].is_punct or self.toks[k].is_space):
            k += 1
        for j in range(k, min(k + 3, verb.i)):
            m = self.names.tok2mention.get(j)
            if m is not None:
                g = m.group
                return (g, self.toks[m.end - 1]) if self.names.kinds[g] in (PERSON,) + ORG_KINDS else (None, None)
            if not self.toks[j].text[:1].isupper():
                break
        return None, None

    def _relative_misread(self, verb: Token) -> tuple[int | None, Token | None]:
        """"Jane Doe, meanwhile, who sits on no committee, said ...", parsed with the name as the subject of
        the relative clause and the speech verb with none: the name the "who" clause describes."""
        for clause in (c for c in verb.children if c.dep_ in ("advcl", "ccomp") and c.i < verb.i):
            name = self.misread_relative(clause)
            g = self.names.resolve(name) if name is not None else None
            if g is not None and self.names.kinds[g] in (PERSON,) + ORG_KINDS:
                return g, name
        return None, None

    @staticmethod
    def misread_relative(clause: Token) -> Token | None:
        """The name a clause with two subjects, a name and "who", is really about, or None."""
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        who = next((c for c in subjects if c.lower_ == "who"), None)
        return next((c for c in subjects if who is not None and c.i < who.i), None)

    def _name_before(self, verb: Token) -> tuple[int | None, Token | None]:
        """"“...,” Jane Doe, founder of X, tells reporters" parsed with no subject: the name before the
        verb, past its apposition, after the quote's closing mark."""
        k = verb.i - 1
        while k > verb.sent.start and self.toks[k].idx not in self.quoted and self.toks[k].pos_ not in ("VERB", "AUX"):
            g = self.names.entity_at(k)
            m = self.names.tok2mention.get(k)
            if g is not None and m is not None and (m.start == verb.sent.start or
                                                    self.toks[m.start - 1].text in QUOTE_CLOSERS):
                if self.names.kinds[g] in (PERSON,) + ORG_KINDS:
                    return g, self.toks[m.end - 1]
                break
            k -= 1
        return None, None

    def role_ref(self, subj: Token | None) -> RoleRef | None:
        """"The new MP", "the Tory candidate", "the minister": a definite role noun with no name."""
        if subj is None or subj.pos_ not in ("NOUN", "PROPN") or self.names.entity_at(subj.i) is not None:
            return None
        entry = self.lex.role([subj.lower_])
        if entry is None or not any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children):
            return None
        party = next((g for c in subj.children if c.dep_ in ("compound", "amod", "nmod")
                      for g in [self.names.entity_at(c.i)] if g is not None and self.names.kinds[g] in ORG_KINDS), None)
        new = any(c.lower_ in NEW_HOLDER for c in subj.children)
        # A word before the noun that makes it another role or another holder ("the vice president", "the
        # former governor", "the Kelvale senator"): unless the whole phrase is itself a role, whom it names is
        # left open. A portfolio ("the health minister") only narrows it.
        words = [t for t in subj.subtree if t.i < subj.i and t.dep_ != "det" and not t.is_punct]
        other = [t for t in words if t.lower_ in OTHER_HOLDER or t.text[:1].isupper() and
                 (self.names.entity_at(t.i) is None or self.names.kinds[self.names.entity_at(t.i)] not in ORG_KINDS)]
        if other:
            phrase = self.lex.role([t.lower_ for t in words] + [subj.lower_])
            if phrase is None:
                return None
            entry = phrase
        return RoleRef(entry.key, party, new)

    def emit(self, out: list[Quote], quote: Quote, ref: RoleRef | None) -> None:
        """A quote found: kept, or set aside until its speaker, named by a role, is known."""
        if ref is None:
            out.append(quote)
        else:
            self.pending.append((quote, ref))

    def _clause_break(self, a: Token, b: Token) -> bool:
        """A dash, semicolon or colon between two words: a speaker is not looked for across it."""
        lo, hi = sorted((a.i, b.i))
        marks = [t.text for t in self.toks[lo + 1:hi] if t.text in ("–", "—", ";", ":")]
        return bool(marks) and not (len(marks) == 2 and marks[0] == marks[1] and marks[0] in "–—")   # (a pair of dashes sets off an aside)

