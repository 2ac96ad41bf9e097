"""People found in an article's words. Names are invented."""
from __future__ import annotations


def people(facts) -> set[str]:
    return {e.name for e in facts.entities if e.kind == "Person" and not e.anonymous}


def test_a_title_case_headline_does_not_lend_its_preposition_to_a_name(extract):
    facts = extract("Beneath Jane Roe's wins, signs of trouble\n\n"
                    "Jane Roe won three primaries on Tuesday. Without Tom Vale, the count would be closer.")
    found = people(facts)
    assert "Jane Roe" in found
    assert not {n for n in found if n.split()[0] in ("Beneath", "Without")}



def test_a_capitalised_common_word_the_ner_calls_a_person_is_not_one(extract):
    # The small model tags "Drop" PERSON here; the parser reads it as a noun, the article never
    # writes it again, and it is no given name.
    facts = extract("Mayor wins second term by narrow margin\n"
                    "Drop in turnout hints that she has yet to rally core voters.\n\n"
                    "Jane Roe won the mayoral race on Tuesday, the county said.")
    found = people(facts)
    assert "Jane Roe" in found
    assert "Drop" not in found
