"""Quotations, one construction per case: text in, (quote, speaker) out. Names are invented."""
from __future__ import annotations

import pytest


def said(facts, kind=None):
    names = {e.key: e.name for e in facts.entities}
    return {(q.span.text, names[q.speaker]) for q in facts.quotes if kind is None or q.kind == kind}


CASES = [
    ("straight marks, attribution after",
     '"We will win this seat," said Maria Lopez, the campaign director.',
     {("We will win this seat,", "Maria Lopez")}),
    ("curly marks, colon before",
     "Tom Baker said: “The plan is working and the voters can see it.”",
     {("The plan is working and the voters can see it.", "Tom Baker")}),
    ("interrupted by the attribution",
     "“The plan is working,” Tom Baker said. “We are ahead in every poll.”",
     {("The plan is working,", "Tom Baker"), ("We are ahead in every poll.", "Tom Baker")}),
    ("quote running over paragraphs",
     "Jane Okafor said: “The first thing to say is that we listened.\n\n“The second is that we acted.”",
     {("The first thing to say is that we listened.", "Jane Okafor"), ("The second is that we acted.", "Jane Okafor")}),
    ("next paragraph continues after a trailing attribution",
     "“We knocked on every door,” Jane Okafor told reporters.\n\n“Nobody was taken for granted.”",
     {("We knocked on every door,", "Jane Okafor"), ("Nobody was taken for granted.", "Jane Okafor")}),
    ("pronoun speaker",
     "Priya Nair arrived late to the count. “I am sorry to have kept everyone waiting,” she said.",
     {("I am sorry to have kept everyone waiting,", "Priya Nair")}),
    ("title and first name",
     "Sir Alan Grey spoke first. Later, Sir Alan said: “We must act before the summer.”",
     {("We must act before the summer.", "Alan Grey")}),
    ("honorific and surname",
     "Helen Marsh, the council leader, opened the meeting. Ms Marsh said: “The budget is balanced.”",
     {("The budget is balanced.", "Helen Marsh")}),
    ("organisation as speaker via 'the group'",
     "Fair Votes Now has campaigned for reform for years.\n\n“This is a scandal,” the group said.",
     {("This is a scandal,", "Fair Votes Now")}),
    ("described as a quoted phrase",
     "Rita Moss described the result as ‘a huge shock for everyone’.",
     {("a huge shock for everyone", "Rita Moss")}),
    ("participle attribution",
     "Dan Cole welcomed the decision, saying: “It is the right call.”",
     {("It is the right call.", "Dan Cole")}),
    ("transcript labels",
     "Jane Okafor and Ben Hale differ.\n\nOkafor: “Our goal is to win the argument.” Hale: “The goal is to win votes.”",
     {("Our goal is to win the argument.", "Jane Okafor"), ("The goal is to win votes.", "Ben Hale")}),
    ("a quote after the subject's colon",
     "Yesterday the Electoral Board was conclusive in its findings: “Further discussion is unnecessary.”",
     {("Further discussion is unnecessary.", "Electoral Board")}),
    ("typewriter marks",
     "''We are not done yet,'' Rosa Vidal told the crowd.",
     {("We are not done yet,", "Rosa Vidal")}),
    ("a short quote before the speaker's name",
     "“It’s mind-boggling,” Greenberg Tate said of the figures.",
     {("It’s mind-boggling,", "Greenberg Tate")}),
    ("an unbalanced mark costs only its paragraph",
     "Jo Bell said: “This sentence never closes.\nMax Ford said: “This one does.”",
     {("This one does.", "Max Ford")}),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_direct_quotes(extract, name, text, expected):
    assert expected <= said(extract(text), "direct")


INDIRECT = [
    ("said that", "Mark Evans said that the council would cut taxes next year.",
     ("the council would cut taxes next year", "Mark Evans")),
    ("said without that", "Lena Ortiz said the vote had been a disaster for the party.",
     ("the vote had been a disaster for the party", "Lena Ortiz")),
    ("told an outlet", "Anna Kay told the BBC that she would stand again at the next election.",
     ("she would stand again at the next election", "Anna Kay")),
    ("according to", "The coalition deal is close to collapse, according to Paul Reed.",
     ("The coalition deal is close to collapse", "Paul Reed")),
    ("organisation speaker", "The Wildlife Trust said the new road would harm rare birds.",
     ("the new road would harm rare birds", "Wildlife Trust")),
    ("parenthetical attribution", "The plan, Tom Baker said, is deeply flawed and will fail.",
     ("The plan, Tom Baker said, is deeply flawed and will fail", "Tom Baker")),
    ("object and infinitive", "Tom Baker expects the plan to fail within a year.",
     ("the plan to fail within a year", "Tom Baker")),
    ("accused of", "Tom Baker accused the mayor of lying about the budget.",
     ("the mayor of lying about the budget", "Tom Baker")),
    ("attribution first in a sentence-final clause", "There is much to learn from the result, the party leader Jon Vance has said.",
     ("There is much to learn from the result", "Jon Vance")),
]


@pytest.mark.parametrize("name,text,expected", INDIRECT, ids=[c[0] for c in INDIRECT])
def test_indirect_quotes(extract, name, text, expected):
    assert expected in said(extract(text))


def test_mixed_speech_has_the_fragment_and_the_clause(extract):
    facts = extract("Omar Khan said the reforms were “long overdue” and would pass with ease next month.")
    got = said(facts)
    assert ("long overdue", "Omar Khan") in got
    assert ("the reforms were “long overdue” and would pass with ease next month", "Omar Khan") in got
    assert {q.kind for q in facts.quotes} == {"direct", "mixed"}


NOT_QUOTES = [
    ("scare quotes", "The so-called “level up” agenda was debated again in the chamber."),
    ("a quoted term", "Volunteers went beyond “get-out-the-vote” work in the final week."),
    ("quoted modifier in a noun phrase", "Nina Holt said the party had lost the ‘conservative’ vote."),
    ("generic source", "By-elections offer only partial evidence of trends, pollsters say."),
    ("untold source", "I am told the leadership wants to rebuild relationships."),
    ("passive after a dash", "Lena Ortiz must act now – I’m assured the party is investigating the claims."),
    ("quoted titles", "Kai Moss said on “Meet the Press” that he would run. His book “Going Viral” sold well."),
    ("long quoted titles", "''It is not fair,'' said Kai Moss, a co-author of ''The Harbour Years: Inside the World "
     "of the Sea.'' Nina Holt said on ''The Late Night Show With Kai Moss'' that she would run."),
]


@pytest.mark.parametrize("name,text", NOT_QUOTES, ids=[c[0] for c in NOT_QUOTES])
def test_not_quotes(extract, name, text):
    assert not {t for t, _ in said(extract(text), "direct")} & {"level up", "get-out-the-vote", "conservative"}
    if name in ("generic source", "untold source"):
        assert said(extract(text)) == set()
    if name == "passive after a dash":
        assert not [t for t, _ in said(extract(text)) if "investigating" in t]
    if name == "quoted titles":
        assert said(extract(text), "direct") == set()
    if name == "long quoted titles":
        assert said(extract(text), "direct") == {("It is not fair,", "Kai Moss")}


def test_every_quote_points_at_its_words(extract):
    text = "“We will fight on,” said Cara Diaz.\n\nCara Diaz said the campaign had only just begun."
    facts = extract(text)
    assert facts.quotes
    for q in facts.quotes:
        assert text[q.span.start:q.span.end] == q.span.text
        assert 0 < q.confidence <= 1 and q.cue
