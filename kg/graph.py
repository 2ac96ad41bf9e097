"""Facts and entities -> RDF quads in the ontology's terms.

Entities (and the extractor's agent node) go in the entities graph; everything
extracted from one article, the article node included, goes in that article's
own named graph, so the article can be replaced alone. Each fact is a node
with its evidence (an oa:SpecificResource with position and quote selectors),
its confidence, the rule that found it and the agent that ran the rule, plus
shortcut triples for easy queries (org:memberOf, kg:winner, pe:majority ...).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from pyoxigraph import Literal, NamedNode, Quad
from rdflib.namespace import RDF, RDFS, XSD

from . import __version__, iri
from .model import EVENT, MEDIA, ORG_KINDS, PARTY, PERSON, ArticleFacts, Entity, Resolution, Span
from .vocab import KG, NOTATIONS, OA, ORG, PE, PROV, SCHEMA, SKOS

KIND_CLASSES = {
    PERSON: (SCHEMA.Person,),
    "Organization": (SCHEMA.Organization,),
    PARTY: (SCHEMA.PoliticalParty, SCHEMA.Organization),
    MEDIA: (SCHEMA.NewsMediaOrganization, SCHEMA.Organization),
    "Place": (SCHEMA.Place,),
}
EVENT_CLASSES = {
    "ByElection": (PE.Election, KG.ByElection),
    "Election": (PE.Election, KG.GeneralElection),
    "Referendum": (KG.Referendum,),
    "Murder": (KG.Murder,),
    "Resignation": (KG.Resignation,),
    "Pandemic": (KG.Pandemic,),
}
GENDERS = {"female": SCHEMA.Female, "male": SCHEMA.Male}


@lru_cache(maxsize=4096)
def N(term: str) -> NamedNode:
    return NamedNode(str(term))


def text(value: str) -> Literal:
    return Literal(value)


def typed(value: object, datatype) -> Literal:
    return Literal(str(value), datatype=N(datatype))


def date_literal(value: str) -> Literal:
    kind = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date)
    return typed(value, kind)


class GraphBuilder:
    def __init__(self, resolution: Resolution, model: str):
        self.res = resolution
        self.agent = N(iri.agent(__version__, model))
        self.model = model

    # ------------------------------------------------------------------ entities

    def entity_quads(self) -> Iterator[Quad]:
        g = N(iri.ENTITIES_GRAPH)
        yield Quad(self.agent, N(RDF.type), N(PROV.SoftwareAgent), g)
        yield Quad(self.agent, N(SCHEMA.name), text("kg"), g)
        yield Quad(self.agent, N(SCHEMA.softwareVersion), text(__version__), g)
        yield Quad(self.agent, N(KG.spacyModel), text(self.model), g)
        for e in sorted(self.res.entities.values(), key=lambda e: e.id):
            yield from self._entity(e, g)

    def _entity(self, e: Entity, g: NamedNode) -> Iterator[Quad]:
        s = N(iri.entity(e.id))
        classes = EVENT_CLASSES.get(e.event.type, ()) + (SCHEMA.Event,) if e.kind == EVENT and e.event \
            else KIND_CLASSES.get(e.kind, (SCHEMA.Organization,))
        for c in classes:
            yield Quad(s, N(RDF.type), N(c), g)
        yield Quad(s, N(SCHEMA.name), text(e.name), g)
        yield Quad(s, N(SKOS.prefLabel), text(e.name), g)
        yield Quad(s, N(RDFS.label), text(e.name), g)
        for alias in e.aliases:
            yield Quad(s, N(SKOS.altLabel), text(alias), g)
        if e.gender in GENDERS:
            yield Quad(s, N(SCHEMA.gender), N(GENDERS[e.gender]), g)
        yield Quad(s, N(KG.mentionCount), typed(e.mention_count, XSD.integer), g)
        if e.event is not None:
            if e.event.date:
                yield Quad(s, N(KG.date), date_literal(e.event.date), g)
            if e.event_place:
                yield Quad(s, N(SCHEMA.location), N(iri.entity(e.event_place)), g)

    # ------------------------------------------------------------------ articles

    def article_quads(self, facts: ArticleFacts) -> Iterator[Quad]:
        meta, aid = facts.meta, facts.meta.id
        g = N(iri.graph(aid))
        art = N(iri.article(aid))
        ent = self._resolver(aid)
        yield Quad(g, N(RDF.type), N(KG.ExtractionGraph), g)
        yield Quad(g, N(PROV.wasDerivedFrom), art, g)
        yield Quad(g, N(PROV.wasAttributedTo), self.agent, g)
        yield Quad(art, N(RDF.type), N(SCHEMA.NewsArticle), g)
        yield Quad(art, N(KG.fileName), text(meta.name), g)
        yield Quad(art, N(KG.contentHash), text(meta.sha256), g)
        for prop, value in ((SCHEMA.headline, meta.title), (SCHEMA.author, meta.author),
                            (SCHEMA.publisher, meta.publisher), (SCHEMA.url, meta.url),
                            (SCHEMA.identifier, meta.identifier)):
            if value:
                yield Quad(art, N(prop), text(value), g)
        if meta.date:
            yield Quad(art, N(SCHEMA.datePublished), date_literal(meta.date), g)
        for start, end in meta.boilerplate:
            yield Quad(art, N(KG.boilerplate), N(iri.evidence(aid, start, end)), g)
            yield from self._evidence(aid, art, Span(start, end, ""), g, exact=False)
        for e in facts.entities:
            target = ent(e.key)
            if target is not None:
                yield Quad(art, N(SCHEMA.mentions), target, g)
        for q in facts.quotes:
            yield from self._quote(q, facts, art, g, ent)
        for m in facts.memberships:
            yield from self._membership(m, facts, art, g, ent)
        for o in facts.outcomes:
            yield from self._outcome(o, facts, art, g, ent)

    def _resolver(self, aid: str):
        def ent(key):
            eid = self.res.id(aid, key)
            return N(iri.entity(eid)) if eid else None
        return ent

    def _evidence(self, aid: str, art: NamedNode, span: Span, g: NamedNode, exact: bool = True) -> Iterator[Quad]:
        ev = N(iri.evidence(aid, span.start, span.end))
        pos = N(ev.value + "/position")
        yield Quad(ev, N(RDF.type), N(OA.SpecificResource), g)
        yield Quad(ev, N(OA.hasSource), art, g)
        yield Quad(ev, N(OA.hasSelector), pos, g)
        yield Quad(pos, N(RDF.type), N(OA.TextPositionSelector), g)
        yield Quad(pos, N(OA.start), typed(span.start, XSD.integer), g)
        yield Quad(pos, N(OA.end), typed(span.end, XSD.integer), g)
        if exact:
            quote = N(ev.value + "/quote")
            yield Quad(ev, N(OA.hasSelector), quote, g)
            yield Quad(quote, N(RDF.type), N(OA.TextQuoteSelector), g)
            yield Quad(quote, N(OA.exact), text(span.text), g)

    def _provenance(self, node: NamedNode, aid: str, art, span: Span, conf: float, rule: str, g) -> Iterator[Quad]:
        yield Quad(node, N(PROV.wasDerivedFrom), N(iri.evidence(aid, span.start, span.end)), g)
        yield Quad(node, N(PROV.wasAttributedTo), self.agent, g)
        yield Quad(node, N(KG.confidence), typed(f"{conf:.2f}", XSD.decimal), g)
        yield Quad(node, N(KG.extractor), text(rule), g)
        yield from self._evidence(aid, art, span, g)

    def _quote(self, q, facts: ArticleFacts, art, g, ent) -> Iterator[Quad]:
        aid = facts.meta.id
        speaker = ent(q.speaker)
        if speaker is None:
            return
        node = N(iri.quote(aid, q.span.start, q.span.end, q.kind))
        yield Quad(node, N(RDF.type), N(KG.Quotation), g)
        yield Quad(node, N(SCHEMA.text), text(q.span.text), g)
        yield Quad(node, N(SCHEMA.creator), speaker, g)
        yield Quad(node, N(SCHEMA.isPartOf), art, g)
        yield Quad(node, N(KG.quoteType), N(NOTATIONS["QuoteTypeScheme"][q.kind]), g)
        yield Quad(node, N(KG.cue), text(q.cue), g)
        if q.cue_span is not None:
            yield Quad(node, N(KG.cueSpan), N(iri.evidence(aid, q.cue_span.start, q.cue_span.end)), g)
            yield from self._evidence(aid, art, q.cue_span, g)
        for about in self._named_within(facts, q.span, exclude=q.speaker):
            yield Quad(node, N(SCHEMA.about), about, g)
        yield from self._provenance(node, aid, art, q.span, q.confidence, q.rule, g)

    def _named_within(self, facts: ArticleFacts, span: Span, exclude: int) -> list[NamedNode]:
        """Entities named inside a span (what a quote is about)."""
        out = []
        for e in facts.entities:
            if e.key != exclude and any(span.start <= m.start < span.end for m in e.mentions):
                node = self._resolver(facts.meta.id)(e.key)
                if node is not None and node not in out:
                    out.append(node)
        return out

    def _membership(self, m, facts: ArticleFacts, art, g, ent) -> Iterator[Quad]:
        aid = facts.meta.id
        person, org = ent(m.person), ent(m.organization)
        if person is None or self._kind(facts, m.person) != PERSON:
            return   # the member turned out not to be a person once all articles were seen
        node = N(iri.membership(aid, person.value, org.value if org else "", m.role, m.current,
                                m.evidence.start, m.evidence.end))
        yield Quad(node, N(RDF.type), N(ORG.Membership), g)
        yield Quad(node, N(ORG.member), person, g)
        if org is not None:
            yield Quad(node, N(ORG.organization), org, g)
        yield Quad(node, N(ORG.role), N(NOTATIONS["RoleScheme"].get(m.role_key, KG.RoleMember)), g)
        yield Quad(node, N(KG.roleLabel), text(m.role), g)
        yield Quad(node, N(KG.temporalStatus), N(NOTATIONS["TemporalStatusScheme"]["current" if m.current else "former"]), g)
        if facts.meta.date:
            yield Quad(node, N(KG.observedAt), date_literal(facts.meta.date), g)
        if org is not None and m.current and self._kind(facts, m.organization) in ORG_KINDS:
            yield Quad(person, N(ORG.memberOf), org, g)
        yield from self._provenance(node, aid, art, m.evidence, m.confidence, m.rule, g)

    def _kind(self, facts: ArticleFacts, key: int | None) -> str | None:
        eid = self.res.id(facts.meta.id, key)
        return self.res.entities[eid].kind if eid else None

    def _outcome(self, o, facts: ArticleFacts, art, g, ent) -> Iterator[Quad]:
        aid = facts.meta.id
        event = ent(o.event)
        subject = ent(o.subject)
        if event is None or (subject is None and o.predicate != "majority"):
            return
        node = N(iri.outcome(aid, event.value, o.predicate, subject.value if subject else "", o.value,
                             o.evidence.start, o.evidence.end))
        yield Quad(node, N(RDF.type), N(KG.Outcome), g)
        yield Quad(node, N(KG.outcomeOf), event, g)
        yield Quad(node, N(KG.outcomeType), N(NOTATIONS["OutcomeScheme"][o.predicate]), g)
        if subject is not None:
            yield Quad(node, N(KG.outcomeSubject), subject, g)
        if o.value is not None:
            yield Quad(node, N(KG.outcomeValue), typed(o.value, XSD.integer), g)
        yield from self._provenance(node, aid, art, o.evidence, o.confidence, o.rule, g)
        yield from self._shortcuts(o, event, subject, g)

    def _shortcuts(self, o, event: NamedNode, subject: NamedNode | None, g) -> Iterator[Quad]:
        """The standard triples an outcome implies: kg:winner, pe:majority, pe:Candidacy ..."""
        if o.predicate == "majority":
            yield Quad(event, N(PE.majority), typed(o.value, XSD.integer), g)
        elif o.predicate == "winner":
            yield Quad(event, N(KG.winner), subject, g)
        elif o.predicate == "held_by":
            yield Quad(event, N(KG.heldBy), subject, g)
        elif o.predicate == "gained_by":
            yield Quad(event, N(KG.gainedBy), subject, g)
        if o.predicate in ("candidate", "votes", "lost_deposit", "winner") and subject is not None \
                and "/person/" in subject.value:
            cand = N(iri.candidacy(iri.entity_id(event.value), iri.entity_id(subject.value)))
            result = N(cand.value + "/result")
            yield Quad(cand, N(RDF.type), N(PE.Candidacy), g)
            yield Quad(cand, N(PE.hasCandidate), subject, g)
            yield Quad(cand, N(PE.inElection), event, g)
            if o.predicate == "candidate":
                return
            yield Quad(cand, N(PE.hasCandidacyResult), result, g)
            yield Quad(result, N(RDF.type), N(PE.CandidacyResult), g)
            if o.predicate == "votes":
                yield Quad(result, N(PE.voteCount), typed(o.value, XSD.integer), g)
                if o.rank is not None:
                    yield Quad(result, N(PE.resultPosition), typed(o.rank, XSD.integer), g)
            elif o.predicate == "lost_deposit":
                yield Quad(result, N(KG.lostDeposit), typed("true", XSD.boolean), g)
            elif o.predicate == "winner":
                yield Quad(result, N(RDF.type), N(PE.WinningCandidacyResult), g)
                yield Quad(result, N(PE.resultPosition), typed(1, XSD.integer), g)


def build_quads(articles: list[ArticleFacts], resolution: Resolution, model: str) -> Iterator[Quad]:
    builder = GraphBuilder(resolution, model)
    yield from builder.entity_quads()
    for facts in articles:
        yield from builder.article_quads(facts)
