"""Entity resolution across articles. Names are invented."""
from __future__ import annotations

import pytest

from kg.extract import extract_article
from kg.ingest import make_article
from kg.resolve import resolve


@pytest.fixture(scope="module")
def build(nlp):
    def run(*texts):
        facts = []
        for i, text in enumerate(texts):
            article = make_article(text, f"a{i}.txt", date="2024-03-01")
            facts.append(extract_article(nlp(article.clean), article))
        return facts, resolve(facts)
    return run


def people(res):
    return {e.name: e for e in res.entities.values() if e.kind == "Person"}


def test_one_person_five_forms_is_one_node(build):
    facts, res = build(
        "Labour leader Sir Alan Grey spoke in the town on Monday. Sir Alan said the result was good.",
        "Alan Grey was in good spirits. Mr Grey thanked the volunteers.",
        "Grey has led the party since 2020. Supporters cheered @AlanGrey on Twitter.")
    found = [e for e in res.entities.values() if e.kind == "Person" and "Grey" in e.name]
    assert len(found) == 1
    person = found[0]
    assert person.name == "Alan Grey"
    assert {"Sir Alan Grey", "Sir Alan", "Mr Grey", "Grey", "@AlanGrey"} <= set(person.aliases)
    assert person.gender == "male"


def test_same_surname_different_people_stay_apart(build):
    facts, res = build(
        "John Carver, the party treasurer, resigned on Monday.",
        "Mary Carver won the council seat on Thursday. Carver said she was delighted.")
    names = people(res)
    assert {"John Carver", "Mary Carver"} <= set(names)
    # In the second article "Carver" is Mary, the only Carver named there.
    assert "Carver" in names["Mary Carver"].aliases and "Carver" not in names["John Carver"].aliases


def test_an_ambiguous_surname_is_not_guessed(build):
    facts, res = build("John Carver resigned on Monday.", "Mary Carver won the seat on Thursday.",
                       "Carver was not available for comment.")
    names = people(res)
    assert "Carver" not in names["John Carver"].aliases and "Carver" not in names["Mary Carver"].aliases


def test_party_aliases_are_one_party(build):
    facts, res = build("The Tories lost ground to Labour.", "The Conservatives conceded defeat.",
                       "Conservative Party officials were unhappy.")
    parties = [e for e in res.entities.values() if e.kind == "PoliticalParty" and "Conservative" in e.name]
    assert len(parties) == 1 and {"Tories", "Conservatives"} <= set(parties[0].aliases)


def test_kind_is_voted_across_articles(build):
    # The small model may call a name an organisation in one article; the other articles outvote it.
    facts, res = build("Priya Venkat, who chairs the committee, spoke.", "Priya Venkat said the plan would work.",
                       "Priya Venkat MP, who leads the review, agreed.")
    assert people(res)["Priya Venkat"].kind == "Person"


def test_ids_are_stable_across_runs(build):
    texts = ("Labour leader Sir Alan Grey spoke.", "Mr Grey thanked the Greens.")
    _, first = build(*texts)
    _, again = build(*texts)
    assert sorted(first.entities) == sorted(again.entities)
    assert first.assignment == again.assignment


def test_an_ambiguous_surname_goes_to_the_only_person_of_its_gender(build):
    facts, res = build("John Carver resigned on Monday.", "Mary Carver won the seat on Thursday.",
                       "Ms Carver was not available for comment.")
    names = people(res)
    assert "Carver" in names["Mary Carver"].aliases and "Carver" not in names["John Carver"].aliases


def test_an_ambiguous_surname_goes_to_the_person_named_far_more_often(build):
    texts = [f"Alan Grey spoke in Leeds on day {i}. Mr Grey thanked the volunteers." for i in range(12)]
    facts, res = build(*texts, "Rita Grey opened the fete.", "Grey was not available for comment.")
    names = people(res)
    assert "Grey" in names["Alan Grey"].aliases and "Grey" not in names["Rita Grey"].aliases


@pytest.mark.parametrize("full, short", [("Nora Quill, the council leader, spoke on Monday.", "Quill"),
                                         ("Mayor Tomas Reddle opened the session.", "Reddle"),
                                         ("Ines Marlowe, 52, chairs the board.", "Marlowe")])
def test_a_surname_the_tagger_calls_an_organisation_does_not_outvote_the_full_name(build, full, short):
    quotes = " ".join(f'"Point {n} stands," {short} said.' for n in range(1, 31))
    facts, res = build(f"{full}\n\n{quotes}")
    name = full.split(",")[0].replace("Mayor ", "").split(" opened")[0]
    assert name in people(res), {e.name: e.kind for e in res.entities.values()}
