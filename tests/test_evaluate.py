"""kg eval: its own scorer, checked on hand-made cases, on bad files, and against the gold's scorer."""
from __future__ import annotations

import copy
import json
import re

import pytest

from conftest import GOLD, run_kg
from kg.evalfiles import EvalInputError, load
from kg.scoring import evaluate, match_entities, roles_agree

# -- a small gold standard whose scores can be worked out by hand -----------------------

TEXT = 'Jane Roe said: "We will win this seat." Later she said the count was fair.'


def small_gold() -> dict:
    return {
        "entities": [
            {"id": "jane", "type": "Person", "name": "Jane Roe", "aliases": ["Ms Roe", "Roe"]},
            {"id": "max", "type": "Person", "name": "Max Poe", "aliases": ["Poe"]},
            {"id": "anon_agent", "type": "Person", "name": "the agent", "aliases": []},
            {"id": "greens", "type": "PoliticalParty", "name": "Green Party", "aliases": ["Greens"]},
            {"id": "town", "type": "Place", "name": "Townley", "aliases": []},
            {"id": "poll", "type": "Event", "name": "Townley by-election", "aliases": []},
        ],
        "memberships": [
            {"person": "jane", "role": "candidate", "organization": "greens", "current": True},
            {"person": "max", "role": "former leader", "organization": "greens", "current": False},
            {"person": "max", "role": "MP", "organization": "town", "current": False},
        ],
        "quotes": [
            {"speaker": "jane", "text": "We will win this seat.", "kind": "direct", "file": "a.txt",
             "start": 16, "end": 38},
            {"speaker": "jane", "text": "the count was fair", "kind": "indirect", "file": "a.txt",
             "start": 55, "end": 73},
        ],
        "events": [
            {"id": "poll", "name": "Townley by-election", "outcomes": [
                {"predicate": "winner", "subject": "jane", "value": None},
                {"predicate": "votes", "subject": "jane", "value": 13296}]},
        ],
    }


def test_the_slices_of_the_small_gold_are_what_its_quotes_say():
    for q in small_gold()["quotes"]:
        assert TEXT[q["start"]:q["end"]] == q["text"]


def test_gold_scored_against_itself_is_perfect():
    for gold in (small_gold(), json.loads(GOLD.read_text(encoding="utf-8"))):
        flat = evaluate(gold, copy.deepcopy(gold)).flat()
        for name, value in flat.items():
            if name.split(".")[1] in ("p", "r", "f1", "e2e_p", "e2e_r", "e2e_f1", "people_p", "people_r",
                                      "people_f1", "role_acc", "current_acc", "speaker_acc", "seats_r"):
                assert value == 1.0, name
        assert flat["entities.people_duplicates"] == 0


def test_entities_match_by_alias_title_longer_mention_and_unique_surname():
    gold = small_gold()["entities"]
    pred = [{"id": "p1", "type": "Person", "name": "Dr Jane Roe"},
            {"id": "p2", "type": "Person", "name": "Green councillor Max Poe"},
            {"id": "p3", "type": "Person", "name": "Ed Poe"},            # surname of exactly one gold person
            {"id": "p4", "type": "Organization", "name": "The Green Party"},
            {"id": "p5", "type": "Person", "name": "Nobody Known"}]
    assert match_entities(gold, pred) == {"p1": "jane", "p2": "max", "p3": "max", "p4": "greens"}


def test_a_shared_surname_matches_nobody_and_ties_go_to_the_same_kind():
    gold = small_gold()["entities"] + [{"id": "ann", "type": "Person", "name": "Ann Poe"},
                                       {"id": "rose", "type": "Person", "name": "Rose Townley",
                                        "aliases": ["Townley"]}]
    pred = [{"id": "p1", "type": "Person", "name": "Ed Poe"},
            {"id": "p2", "type": "Person", "name": "Townley"},
            {"id": "p3", "type": "Place", "name": "Townley"}]
    assert match_entities(gold, pred) == {"p2": "rose", "p3": "town"}


def test_a_half_covered_quote_is_found_and_a_wrong_speaker_costs_only_the_end_to_end_score():
    gold = small_gold()
    facts = {"entities": [{"id": "x", "type": "Person", "name": "Max Poe"}, {"id": "j", "type": "Person",
                                                                           "name": "Jane Roe"}],
             "quotes": [{"speaker": "j", "file": "dir/a.txt", "start": 16, "end": 28},   # 12 of 22 chars
                        {"speaker": "x", "file": "a.txt", "start": 55, "end": 73},       # right span, wrong speaker
                        {"speaker": "j", "file": "a.txt", "start": 0, "end": 13}]}        # not a quote
    q = evaluate(gold, facts).kinds["quotes"]
    assert (q["p"], q["r"]) == (pytest.approx(2 / 3), 1.0)
    assert (q["e2e_p"], q["e2e_r"]) == (pytest.approx(1 / 3), 0.5)
    assert (q["direct_e2e_r"], q["indirect_e2e_r"], q["speaker_acc"]) == (1.0, 0.0, 0.5)


def test_memberships_count_pairs_roles_tense_and_seats_apart():
    facts = {"entities": [{"id": "j", "type": "Person", "name": "Jane Roe"},
                          {"id": "m", "type": "Person", "name": "Max Poe"},
                          {"id": "g", "type": "PoliticalParty", "name": "Greens"},
                          {"id": "t", "type": "Place", "name": "Townley"},
                          {"id": "u", "type": "Organization", "name": "Unknown Union"}],
             "memberships": [{"person": "j", "role": "parliamentary candidate", "organization": "g"},
                             {"person": "m", "role": "leader", "organization": "g", "current": True},
                             {"person": "m", "role": "MP", "organization": "t"},
                             {"person": "j", "role": "member", "organization": "u"},
                             {"person": "j", "role": "spokeswoman", "organization": None}]}
    m = evaluate(small_gold(), facts).kinds["memberships"]
    assert (m["p"], m["r"], m["gold"], m["pred"]) == (pytest.approx(2 / 3), 1.0, 2, 3)
    assert (m["role_acc"], m["current_acc"], m["seats_r"]) == (1.0, 0.5, 1.0)


def test_roles_agree_on_contained_or_mostly_shared_words():
    assert roles_agree("leader", "Leader of the Party")
    assert roles_agree("deputy leader", "deputy party leader")
    assert roles_agree("national campaign coordinator", "national campaign director")   # half the words
    assert not roles_agree("shadow home secretary", "home office minister")
    assert not roles_agree("candidate", "leader")
    assert not roles_agree("", "leader")


def test_outcomes_match_numbers_written_with_commas_and_events_by_name():
    facts = {"entities": [{"id": "j", "type": "Person", "name": "Jane Roe"}],
             "events": [{"id": "e", "name": "the by-election in Townley",
                         "outcomes": [{"predicate": "votes", "subject": "j", "value": "13,296"},
                                      {"predicate": "winner", "subject": "j", "value": None},
                                      {"predicate": "majority", "subject": "j", "value": 5}]}]}
    e = evaluate(small_gold(), facts).kinds["events"]
    assert (e["p"], e["r"]) == (pytest.approx(2 / 3), 1.0)
    facts["events"][0]["name"] = "general election"
    assert evaluate(small_gold(), facts).kinds["events"]["r"] == 0.0


def test_predicates_outside_the_schema_and_the_gold_are_not_counted():
    facts = {"entities": [{"id": "j", "type": "Person", "name": "Jane Roe"}],
             "events": [{"id": "e", "name": "Townley by-election",
                         "outcomes": [{"predicate": "winner", "subject": "j", "value": None},
                                      {"predicate": "turnout", "subject": "j", "value": 41},
                                      {"predicate": "majority", "subject": "j", "value": 5}]}]}
    e = evaluate(small_gold(), facts).kinds["events"]
    assert (e["pred"], e["p"]) == (2, 0.5)      # turnout left out; the wrong majority counted


def test_an_organisation_whose_name_two_gold_ones_share_counts_as_the_right_one():
    gold = small_gold()
    gold["entities"] += [{"id": "lab_uk", "type": "PoliticalParty", "name": "Labour Party", "aliases": ["Labour"]},
                         {"id": "lab_nz", "type": "PoliticalParty", "name": "New Zealand Labour Party",
                          "aliases": ["Labour"]}]
    gold["memberships"] = [{"person": "max", "role": "candidate", "organization": "lab_uk"}]
    gold["events"][0]["outcomes"] = [{"predicate": "held_by", "subject": "lab_uk", "value": None}]
    facts = {"entities": [{"id": "m", "type": "Person", "name": "Max Poe"},
                          {"id": "l", "type": "PoliticalParty", "name": "Labour"},
                          {"id": "x", "type": "Person", "name": "Labour"}],
             "memberships": [{"person": "m", "role": "candidate", "organization": "l"}],
             "events": [{"id": "e", "name": "Townley by-election",
                         "outcomes": [{"predicate": "held_by", "subject": "l", "value": None}]}]}
    report = evaluate(gold, facts)
    assert report.kinds["memberships"]["p"] == report.kinds["events"]["p"] == 1.0
    facts["memberships"][0]["person"] = facts["events"][0]["outcomes"][0]["subject"] = "x"   # a person gets no choice
    report = evaluate(gold, facts)
    assert report.kinds["events"]["p"] == 0.0


def test_predictions_inside_ignored_spans_are_left_out():
    gold = small_gold()
    gold["ignore_spans"] = [{"file": "a.txt", "start": 0, "end": 14}]
    facts = {"quotes": [{"speaker": "j", "file": "a.txt", "start": 0, "end": 13}]}
    assert evaluate(gold, facts).kinds["quotes"]["pred"] == 0
    del gold["ignore_spans"]
    assert evaluate(gold, facts).kinds["quotes"]["pred"] == 1


# -- bad files: one line naming the file, exit status 2 --------------------------------

@pytest.mark.parametrize("content,reason", [
    (None, "no such file"),
    (b"{not json", "not JSON"),
    (b"\xff\xfe{}", "not UTF-8"),
    (b"[]", "expected a JSON object"),
    (b'{"entities": [], "memberships": [], "quotes": []}', "needs a 'events' list"),
    (b'{"entities": [], "memberships": [], "quotes": [{"speaker": "a", "file": "a.txt", "start": "3", "end": 9}],'
     b' "events": []}', "quotes[0].start should be a whole number"),
    (b'{"entities": [{"name": "x"}], "memberships": [], "quotes": [], "events": []}', "entities[0] has no 'id'"),
])
def test_a_bad_gold_file_is_one_line_naming_it(tmp_path, content, reason):
    path = tmp_path / "gold.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(EvalInputError, match=re.escape(reason)):
        load(path, "gold")
    proc = run_kg("eval", str(path), str(GOLD))
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and str(path) in proc.stderr and reason in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_facts_file_may_leave_out_what_it_did_not_extract(tmp_path):
    path = tmp_path / "facts.json"
    path.write_text('{"quotes": []}', encoding="utf-8")
    proc = run_kg("eval", str(GOLD), str(path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[0].split() == ["precision", "recall", "F1", "gold", "pred"]
    people = next(line for line in proc.stdout.splitlines() if line.startswith("people"))
    assert people.split()[1:4] == ["0.000", "0.000", "0.000"]   # nothing predicted, something to find


def test_an_unknown_required_metric_is_an_error_not_a_pass(tmp_path):
    proc = run_kg("eval", str(GOLD), str(GOLD), "--require", "quotes.f2=0.5")
    assert proc.returncode == 2 and "no such metric" in proc.stderr
