"""What kind of thing a name is, and when two spellings are one person, one family per case. Each case
is an invented text and one (name, kind) it must give, or must not give. Names are invented."""
from __future__ import annotations

import pytest

KINDS = [
    # colour and trade surnames are people's, not parties' or places'
    ("a colour surname", "Sarah Green said the count was fair.", ("Sarah Green", "Person")),
    ("a colour surname after a party", "Lib Dem Sarah Green came second.", ("Sarah Green", "Person")),
    ("a surname alone, seen in full before", "Tom Brown won. Brown thanked his agent.", ("Tom Brown", "Person")),
    # organisations by the last word of their name
    ("company suffix", "Shares in Harlow Holdings Inc fell on Monday.", ("Harlow Holdings Inc", "Organization")),
    ("football club suffix", "Redford Rovers won 2-0 on Saturday.", ("Redford Rovers", "Organization")),
    ("a club named like a town, with its manager", "Redford Town manager Sam Kerr was pleased.",
     ("Redford Town", "Organization")),
    ("a court", "The case went to Harlow Crown Court on Friday.", ("Harlow Crown Court", "Organization")),
    ("a branch of a party", "The Exampleshire Lib Dems chose a candidate.", ("Exampleshire Lib Dems", "Organization")),
    # places by what is said of them
    ("a lone name after 'in'", "Turnout was low in Caldmoor this year.", ("Caldmoor", "Place")),
    ("a lone name after 'Place,'", "The hall in Harlow, Caldmoor was full.", ("Caldmoor", "Place")),
    ("a dateline", "Harbour plan stalls.\n\nKELVALE CITY (Wire) — Tom Marwick said the plan was dead.",
     ("KELVALE CITY", "Place")),
    ("a given name shaped like a verb form", "Police named the suspect as Sayed Harlow. Harlow was 28.",
     ("Sayed Harlow", "Person")),
    ("a city is still a place", "The rally was held in Kansas City on Friday.", ("Kansas City", "Place")),
    ("a country that ends a party's name is still a country", "The Green Union of Portugal won a seat. "
     "Portugal recorded its highest turnout.", ("Portugal", "Place")),
    # people by what is said of them
    ("a name before a bracketed party", "Jane Doe (Lab) spoke first.", ("Jane Doe", "Person")),
    ("a name with an honorific", "Mr Quill said nothing.", ("Quill", "Person")),
    ("a defendant", "Tom Reed, 34, of Caldmoor Road, appeared at Harlow Crown Court. Reed denied fraud.",
     ("Tom Reed", "Person")),
    ("a prime minister", "Prime Minister Anna Gray visited the port.", ("Anna Gray", "Person")),
    ("a given name the tagger left alone", "Kelvale's MP Jane Doe spoke.", ("Jane Doe", "Person")),
]


def kinds(facts) -> set[tuple[str, str]]:
    return {(e.name, e.kind) for e in facts.entities if not e.anonymous}


@pytest.mark.parametrize("name,text,expected", KINDS, ids=[c[0] for c in KINDS])
def test_kind(extract, name, text, expected):
    assert expected in kinds(extract(text))


NOT_PEOPLE = [
    ("an honorific alone", "The Lord said nothing, and Jane Doe left.", "Lord"),
    ("a capitalised noun the article writes in lower case too", "Turnout was low. The turnout fell again.",
     "Turnout"),
    ("a club named like a town, read as a name", "Redford Town have sacked Sam Kerr.", "Redford Town"),
    ("a headline's verb between two names", "Nora Bell Slams Tom Reyes Over Harbour Plan.\n\nNora Bell spoke.",
     "Nora Bell Slams Tom Reyes"),
    ("a label's verb before a name", "Tom Reyes spoke on the radio.\n\nStated Reyes:\n\n“The stakes are high.”",
     "Stated Reyes"),
    ("a headline's verb after a name", "Harbour Deal Is Dead, Tom Reyes Says.\n\nTom Reyes spoke.", "Tom Reyes Says"),
    ("a one-off typo opening a sentence", "Jane Doe won. Eariler, the council met in the hall.", "Eariler"),
    ("the seat in 'X's MP'", "Kelvale's MP Jane Doe spoke.", "Kelvale"),
]

def test_a_headline_phrase_is_no_organisation(extract):
    found = kinds(extract("Mayor On Reyes: He Is Unfit.\n\nThe mayor spoke on Monday."))
    assert not {n for n, _ in found if " On " in n}


NOT_PLACES = [
    ("an ideology after 'in'", "The great gaps in Conservatism remain strategy and policy.", "Conservatism"),
    ("a people's adjective before a noun", "Support was strong in Jewish and Muslim areas.", "Jewish"),
]


@pytest.mark.parametrize("name,text,word", NOT_PLACES, ids=[c[0] for c in NOT_PLACES])
def test_not_a_place(extract, name, text, word):
    assert (word, "Place") not in kinds(extract(text))


@pytest.mark.parametrize("name,text,word", NOT_PEOPLE, ids=[c[0] for c in NOT_PEOPLE])
def test_not_a_person(extract, name, text, word):
    assert (word, "Person") not in kinds(extract(text))


SAME_PERSON = [
    ("a one-off misspelling", "Jane Doherty won the seat. Later Jane Dohert thanked voters. Doherty smiled.",
     "Jane Doherty"),
    ("an honorific and a surname", "Jane Doherty won. Ms Doherty thanked voters.", "Jane Doherty"),
    ("a quoted nickname", "Robert 'Bobby' Quill spoke. Later Bobby Quill left.", "Robert Quill"),
]


@pytest.mark.parametrize("name,text,full", SAME_PERSON, ids=[c[0] for c in SAME_PERSON])
def test_one_person(extract, name, text, full):
    found = {e.name for e in extract(text).entities if e.kind == "Person" and not e.anonymous}
    assert full in found
    assert not {n for n in found if n != full and n.split()[-1] in full}


MISTAGGED = [
    # (text, the words the tagger is made to mislabel and as what, the speaker the quote must get)
    ("a full name tagged an organisation, its surname left untagged",
     'Radio host Sean Dallimore spoke on Friday.\n\n"It is time to move on," Dallimore said.',
     ("Sean Dallimore", "ORG"), "Sean Dallimore"),
    ("a three-word name tagged an organisation",
     'Pastor Kevin Ray Ostrander wrote to members.\n\n"Nobody reads these letters," Ostrander said.',
     ("Kevin Ray Ostrander", "ORG"), "Kevin Ray Ostrander"),
]


@pytest.mark.parametrize("name,text,tagged,speaker", MISTAGGED, ids=[c[0] for c in MISTAGGED])
def test_a_surname_follows_a_mistagged_full_name(nlp, name, text, tagged, speaker):
    """The tagger's label is one vote: a given name first still makes the later surname the same person's."""
    from kg.extract import extract_article
    from kg.ingest import make_article

    article = make_article(text, "case.txt", date="2024-03-01")
    doc = nlp(article.clean)
    start = article.clean.index(tagged[0])
    doc.ents = [doc.char_span(start, start + len(tagged[0]), label=tagged[1])]   # and nothing else tagged
    facts = extract_article(doc, article)
    names = {e.key: e.name for e in facts.entities}
    assert {names[q.speaker] for q in facts.quotes} == {speaker}


SPEAKING = [
    # (text, the words the tagger is made to label and as what, (name, kind) expected, the quote's speaker)
    ("a surname taken for a place, after the full name",
     'Zephan Pellow runs the shop.\n\n"We were all in shock," Pellow said.',
     [("Zephan Pellow", "ORG"), ("Pellow", "GPE")], ("Zephan Pellow", "Person"), "Zephan Pellow"),
    ("a company taken for a place",
     'Talks ended on Friday.\n\nBrindlecorp said in a statement: "We look forward to having our staff back."',
     [("Brindlecorp", "GPE")], ("Brindlecorp", "Organization"), "Brindlecorp"),
    ("a letter title after a name is no speaker",
     "Judge Richard Pellow, QC told the hearing the case could have serious consequences.",
     [("Richard Pellow", "PERSON"), ("QC", "GPE")], ("Richard Pellow", "Person"), "Richard Pellow"),
    ("a place that does not speak stays a place",
     "Turnout was high in Kelvale. Jane Roe said the count went well.",
     [("Kelvale", "GPE"), ("Jane Roe", "PERSON")], ("Kelvale", "Place"), "Jane Roe"),
]


@pytest.mark.parametrize("name,text,tagged,expected,speaker", SPEAKING, ids=[c[0] for c in SPEAKING])
def test_a_lone_name_that_speaks_is_no_place(nlp, name, text, tagged, expected, speaker):
    """Places other than countries do not speak: a lone name the tagger took for one, as the subject of
    "said", is a surname of a longer name or an organisation."""
    from kg.extract import extract_article
    from kg.ingest import make_article

    article = make_article(text, "case.txt", date="2024-03-01")
    doc = nlp(article.clean)
    spans = []
    for words, label in tagged:
        start = article.clean.rindex(words) if words != tagged[0][0] else article.clean.index(words)
        spans.append(doc.char_span(start, start + len(words), label=label))
    doc.ents = spans
    facts = extract_article(doc, article)
    names = {e.key: e.name for e in facts.entities}
    assert expected in {(e.name, e.kind) for e in facts.entities}
    assert {names[q.speaker] for q in facts.quotes} == {speaker}
