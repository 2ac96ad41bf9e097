"""Parties of several countries: one name ("Labour", "Liberals", "Greens") is the party of the
article's country, told by the country's name, its own parties or words of its politics. Names and
places are invented."""
from __future__ import annotations

import pytest

from kg.extract.names import DocNames
from kg.model import PARTY

CASES = [
    ("UK by default", "Labour held the seat in Exeter on Thursday.", "Labour", "Labour Party"),
    ("New Zealand by its name", "Labour's Jane Doe won the Ashby electorate in New Zealand.", "Labour",
     "New Zealand Labour Party"),
    ("New Zealand by its parties", "Labour lost Ashby, a safe National Party seat, to NZ First.", "Labour",
     "New Zealand Labour Party"),
    ("Ireland by its parliament", "Jim Roe, a Labour TD, spoke in the Dáil on Tuesday.", "Labour",
     "Labour Party (Ireland)"),
    ("Ireland by its other parties", "Labour and Fine Gael lost ground to Fianna Fáil in Ashby.", "Labour",
     "Labour Party (Ireland)"),
    ("Australia: Labor is never Labour", "Labor's Ann Poe beat the Liberals on two-party preferred votes.",
     "Labor", "Australian Labor Party"),
    ("Australia: the Liberals", "Labor's Ann Poe beat the Liberals on two-party preferred votes.", "Liberals",
     "Liberal Party of Australia"),
    ("Canada by its word for a seat", "The Liberals held the riding for thirty years.", "Liberals",
     "Liberal Party of Canada"),
    ("Canada: Conservatives are not the UK's", "The Conservatives took the riding from the Liberals.",
     "Conservatives", "Conservative Party of Canada"),
    ("a party name before a person", "In the riding, Liberal Jane Doe beat Conservative Tom Roe.", "Liberal",
     "Liberal Party of Canada"),
    ("US parties", "Democrat Jane Doe beat Republican Tom Roe in the congressional race.", "Republican",
     "Republican Party"),
    ("a party the gazetteer does not know", "Tom Roe of the Example Heritage Party came fourth.",
     "Example Heritage Party", "Example Heritage Party"),
]


@pytest.mark.parametrize("name,text,written,party", CASES, ids=[c[0] for c in CASES])
def test_the_party_a_name_means(nlp, name, text, written, party):
    names = DocNames(nlp(text))
    at = text.index(written)
    token = next(t for t in names.tokens if t.idx == at)
    g = names.entity_at(token.i)
    assert g is not None, f"{written!r} is no entity"
    assert (names.names[g], names.kinds[g]) == (party, PARTY)


def test_the_same_name_in_two_countries_news_is_two_parties(tmp_path):
    from conftest import run_kg
    import json
    (tmp_path / "a.txt").write_text("Labour held the seat in Exeter, the Westminster count showed.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Labour won the Ashby electorate in New Zealand, ahead of National.\n",
                                    encoding="utf-8")
    proc = run_kg("build", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--out", str(tmp_path / "out"), "--no-view")
    assert proc.returncode == 0, proc.stderr
    facts = json.loads((tmp_path / "out" / "facts.json").read_text(encoding="utf-8"))
    parties = {e["name"] for e in facts["entities"] if e["type"] == "PoliticalParty"}
    assert {"Labour Party", "New Zealand Labour Party"} <= parties
