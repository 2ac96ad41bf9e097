"""Reported speech and speakers as news of any country writes them, one family per case: the cue
verbs beyond "said", headlines and transcript labels, stances ("endorsed X", "called for Y"), and
speakers found as a reader finds them (pronouns by gender, role nouns, organisations). Each case is
an invented text and one (words, speaker) it must give. Names are invented."""
from __future__ import annotations

import pytest

from test_extract_quotes import said

CUES = [
    ("warned", "Nora Bell warned that the hospital would close within a year.",
     ("the hospital would close within a year", "Nora Bell")),
    ("insisted", "Tom Reyes insisted the party had done nothing wrong.", ("the party had done nothing wrong", "Tom Reyes")),
    ("admitted", "Tom Reyes admitted he had misjudged the mood of the voters.",
     ("he had misjudged the mood of the voters", "Tom Reyes")),
    ("denied", "Tom Reyes denied that he had broken any rules.", ("he had broken any rules", "Tom Reyes")),
    ("urged", "Nora Bell urged voters to turn out on Thursday.", ("voters to turn out on Thursday", "Nora Bell")),
    ("told reporters", "Nora Bell told reporters on Monday that the deal was dead.", ("the deal was dead", "Nora Bell")),
    ("wrote on social media", "Nora Bell wrote on Twitter that the result was a disgrace.",
     ("the result was a disgrace", "Nora Bell")),
    ("in a statement", "In a statement, the Harbour Trust said the sale would go ahead.",
     ("the sale would go ahead", "Harbour Trust")),
    ("announced", "Nora Bell announced she would stand down at the next election.",
     ("she would stand down at the next election", "Nora Bell")),
    ("promised", "Tom Reyes promised that taxes would not rise.", ("taxes would not rise", "Tom Reyes")),
    ("short clause", "Tom Reyes later said he was joking.", ("he was joking", "Tom Reyes")),
    ("argued", "Nora Bell argued that the harbour plan would cost jobs.",
     ("the harbour plan would cost jobs", "Nora Bell")),
    ("claimed", "Tom Reyes claimed the count had been rigged against him.",
     ("the count had been rigged against him", "Tom Reyes")),
    ("added, after a quote", "“We will win,” Nora Bell said. She added that the campaign had raised record sums.",
     ("the campaign had raised record sums", "Nora Bell")),
    ("reiterated", "Nora Bell reiterated that she did not want troops on the ground.",
     ("she did not want troops on the ground", "Nora Bell")),
    ("wondered", "Tom Reyes wondered whether the council had read the report.",
     ("the council had read the report", "Tom Reyes")),
    ("hinted", "Nora Bell hinted that she might stand for mayor next year.",
     ("she might stand for mayor next year", "Nora Bell")),
    ("barked, before a quote", "Harbour plan stalls after council vote.\n\nTom Reyes lost his temper on air. "
     "“That is not what the report says,” Reyes barked.", ("That is not what the report says,", "Tom Reyes")),
    ("a verb between subject and clause", "Nora Bell said on Friday during a visit to the port that she may wait.",
     ("she may wait", "Nora Bell")),
    ("a clause the parser reads as an object", "Nora Bell said her own polling and other research show the "
     "plan is popular.", ("her own polling and other research show the plan is popular", "Nora Bell")),
    ("a subject shared with a passive verb before", "Tom Reyes was forced into a retreat and said that his "
     "words had been twisted.", ("his words had been twisted", "Tom Reyes")),
    ("told an audience somewhere that", "Nora Bell told the audience at her rally for nurses that the ward "
     "would stay open.", ("the ward would stay open", "Nora Bell")),
    ("said and a gerund clause", "Tom Reyes said seeing so many volunteers at the count was a relief.",
     ("seeing so many volunteers at the count was a relief", "Tom Reyes")),
    ("an aside between dashes", "Nora Bell played down the row — which has split the council — and said it "
     "would pass.", ("it would pass", "Nora Bell")),
    ("asked someone if", "Then Tom Reyes asked the students if they were always so serious.",
     ("they were always so serious", "Tom Reyes")),
    ("asked by someone whether: the asker", "Tom Reyes was asked by host Nora Bell whether the town was ready.",
     ("the town was ready", "Nora Bell")),
    ("asked by someone if, before the main clause", "Asked by Nora Bell if the town was ready for the storm, Reyes "
     "avoided a direct answer.", ("the town was ready for the storm", "Nora Bell")),
    ("by asking", "Moderator Nora Bell started the exchange by asking Reyes why he decided to attack the mayor "
     "personally.", ("why he decided to attack the mayor personally", "Nora Bell")),
    ("issued a statement saying", "Later, the Harbour Trust released a statement saying it was postponing a "
     "Monday evening rally.", ("it was postponing a Monday evening rally", "Harbour Trust")),
    ("sent a letter saying", "On Saturday, Nora Bell sent a letter saying that the judge had been fair.",
     ("the judge had been fair", "Nora Bell")),
    ("the clause after the verb, not the sentence before a colon", "The road was not an abstract concern: soon "
     "Tom Reyes had declared that he would close the harbour.", ("he would close the harbour", "Tom Reyes")),
    ("a trailing aside with which is the reporter's", "Nora Bell said she would look at the harbour bill, which "
     "would give the police more time to check buyers.", ("she would look at the harbour bill", "Nora Bell")),
    ("a trailing aside after a lone dash is the reporter's", "Tom Reyes said he was encouraged by the harbour plan "
     "— a modest boost for the mayor since 2009.", ("he was encouraged by the harbour plan", "Tom Reyes")),
    ("a pair of dashes stays inside the clause", "Nora Bell said that concerns about job losses — as set out by Tom "
     "Reyes — were not to be dismissed.", ("concerns about job losses — as set out by Tom Reyes — were not to be "
                                          "dismissed", "Nora Bell")),
    ("according to a source the tagger left unnamed", "As I mentioned above, Tom Reyes got more than 13 million "
     "votes in the primary process - 13.3 million, according to Harbourfacts.org.",
     ("As I mentioned above, Tom Reyes got more than 13 million votes in the primary process", "Harbourfacts.org")),
    ("according to an analysis by", "Turnout in the harbour primaries rose sharply this year, according to an "
     "analysis by the Harbour Research Center.",
     ("Turnout in the harbour primaries rose sharply this year", "Harbour Research Center")),
    ("someone's claim that", "Despite Tom Reyes's claims that his net worth exceeds 10 billion dollars, all the "
     "firms put him far lower.", ("his net worth exceeds 10 billion dollars", "Tom Reyes")),
    ("someone's assertion that", "Nora Bell's assertion Monday that more patrols are needed drew rebukes from the "
     "navy.", ("more patrols are needed", "Nora Bell")),
    ("as someone put it, a quote", "As Tom Reyes, the harbour master, put it in his memo to staff, ''Imagine a "
     "world where we are no longer looking up at the big ports.''",
     ("Imagine a world where we are no longer looking up at the big ports.", "Tom Reyes")),
    ("as someone put it, a clause", "The deal will cost the town millions, as Nora Bell put it on Tuesday.",
     ("The deal will cost the town millions", "Nora Bell")),
    ("as someone noted", "The deal will cost the town millions, as Nora Bell noted on Tuesday.",
     ("The deal will cost the town millions", "Nora Bell")),
    ("as someone has said, between dashes", "The road will cost far more than promised - as Nora Bell has said - and "
     "nobody will pay.", ("The road will cost far more than promised", "Nora Bell")),
    ("described as", "Nora Bell described her time in office as hard but rewarding.",
     ("her time in office as hard but rewarding", "Nora Bell")),
    ("a clause with a quoted fragment", "Tom Reyes said the plan was “a disgrace” and would be dropped.",
     ("the plan was “a disgrace” and would be dropped", "Tom Reyes")),
    # stances news reports as speech: what someone called for, vowed, cited
    ("called for", "Nora Bell called for an inquiry into the sale of the port.",
     ("an inquiry into the sale of the port", "Nora Bell")),
    ("called on someone to", "The Harbour Trust called on the council to publish the contract.",
     ("to publish the contract", "Harbour Trust")),
    ("vowed to", "Tom Reyes vowed to fight the closure of the hospital.", ("to fight the closure of the hospital", "Tom Reyes")),
    ("cited", "Nora Bell cited the closure of the hospital as the reason for her win.",
     ("the closure of the hospital as the reason for her win", "Nora Bell")),
    # headlines and labelled lines
    ("headline: name, colon", "Reyes: Harbour Deal Is Dead.\n\nTom Reyes spoke to the council on Monday.",
     ("Harbour Deal Is Dead", "Tom Reyes")),
    ("headline: name says", "Nora Bell Says She Will Run Again.\n\nNora Bell told supporters on Monday she would run.",
     ("She Will Run Again", "Nora Bell")),
    ("headline: ..., name says", "Harbour Deal Is Dead, Tom Reyes Says.\n\nTom Reyes spoke to the council.",
     ("Harbour Deal Is Dead", "Tom Reyes")),
    ("transcript labels in title case", "Transcript of the interview.\n\nTom Reyes: The plan is working and the "
     "voters can see it.\n\nNora Bell: Well, speculation is bad.", ("Well, speculation is bad.", "Nora Bell")),
    ("transcript label without quote marks", "The two spoke on air.\n\nNORA BELL: We will not give up the port.\n\n"
     "TOM REYES: Nobody asked you to.", ("We will not give up the port.", "Nora Bell")),
]


@pytest.mark.parametrize("name,text,expected", CUES, ids=[c[0] for c in CUES])
def test_cue(extract, name, text, expected):
    assert expected in said(extract(text))


SPEAKERS = [
    ("pronoun by gender, not the nearest name", "Nora Bell beat Tom Reyes by 300 votes. Reyes conceded early. "
     "She said the result showed the town wanted change.", ("the result showed the town wanted change", "Nora Bell")),
    ("the subject of the last attribution", "Nora Bell said the count was fair. Tom Reyes was not there. "
     "She added that a recount was not needed.", ("a recount was not needed", "Nora Bell")),
    ("a role noun for the person the article gives that role", "Nora Bell won the Kelvale by-election for "
     "Labour. Tom Reyes, the Conservative candidate, came second. The new MP said the result was historic.",
     ("the result was historic", "Nora Bell")),
    ("a candidate by party", "Nora Bell won the seat for Labour. Tom Reyes, the Conservative candidate, came "
     "second. The Tory candidate said he would stand again.", ("he would stand again", "Tom Reyes")),
    ("a spokesperson for an organisation", "A spokesperson for the Harbour Trust said the sale would go ahead.",
     ("the sale would go ahead", "Harbour Trust")),
    ("the party said", "The Green Party held its conference in Leeds. The party said its membership had doubled.",
     ("its membership had doubled", "Green Party")),
    ("a name between the quote and a verb the parser left without a subject", "“We back the plan,” Nora "
     "Bell III, founder of the Harbour Trust, tells the Gazette.", ("We back the plan,", "Nora Bell III")),
    ("two people of one surname: the one the article is about", "Nora Bell won the primary.\n\nTom Bell "
     "campaigned for her on Monday.\n\nBell said the result showed voters wanted change.",
     ("the result showed voters wanted change", "Nora Bell")),
    ("two people of one surname: the one just named", "Nora Bell won the primary.\n\nTom Bell campaigned "
     "for her on Monday. Bell said the result showed voters wanted change.",
     ("the result showed voters wanted change", "Tom Bell")),
    ("a candidate's campaign", "Nora Bell spoke in Leeds. The Bell campaign said she would stay in the race.",
     ("she would stay in the race", "Bell campaign")),
    ("a paper's short name", "The Redford Chronicle ran the story first. The Chronicle said the mayor would resign.",
     ("the mayor would resign", "Redford Chronicle")),
    ("a description before the name", "Billionaire Tom Reyes said he would fund the stadium.",
     ("he would fund the stadium", "Tom Reyes")),
    ("a rank before the name", "“The plan will not work,” said Army Capt. Nora Bell, who served two tours.",
     ("The plan will not work,", "Nora Bell")),
    ("a state in brackets after the name", "In Redford, OH, after the count, Gov. Tom Reyes (R-OH), said, “We are "
     "ready for the general election.”", ("We are ready for the general election.", "Tom Reyes")),
    ("the deputy in apposition, not the boss nor a name in a clause about them", "“We are ahead,” said Reyes’s "
     "deputy campaign manager, Nora Bell, who once worked for Ian Marsh.", ("We are ahead,", "Nora Bell")),
    ("a headline in sentence case", "Nora Bell says she won't rule out a second term.\n\nNora Bell met voters in "
     "the harbour town on Monday.", ("she won't rule out a second term", "Nora Bell")),
    ("a headline label addressing someone", "Bell to Harbour Trust: The Sale Will Not Go Ahead.\n\nNora Bell "
     "wrote to the trust on Monday.", ("The Sale Will Not Go Ahead", "Nora Bell")),
    ("an administration", "Nora Bell took office in May. The Bell administration announced it would cut the "
     "budget.", ("it would cut the budget", "Bell administration")),
    ("after the verb, the person rather than the organisation", "“We are ready,” said Air Force Lt. Nora Bell.",
     ("We are ready,", "Nora Bell")),
    ("after the verb, the spokesman rather than the boss", "“Debate recap,” tweeted Reyes spokesman Ian Marsh.",
     ("Debate recap,", "Ian Marsh")),
    ("not a far verb in a clause about someone else", "“It will be crowded,” said Tom Reyes, organiser of a "
     "group called Citizens for Change, which expects 5,000 to attend.\n\n“They have made it dangerous.”",
     ("They have made it dangerous.", "Tom Reyes")),
    ("not a verb joined to a clause about someone", "''Tom put Jim down quite a bit,'' said Ann Bell, then the "
     "girlfriend of Jim's best friend, who was at the dinner and recalled Tom's tendency to pick fights and storm "
     "out. ''There was a lot of noise.''", ("There was a lot of noise.", "Ann Bell")),
    ("a question, then a title and surname", "Nora Bell spoke first. ''Why do the richest families get away with "
     "it?'' Mrs. Bell asked.", ("Why do the richest families get away with it?", "Nora Bell")),
    ("a full stop, then a title and surname", "Tom Reyes spoke. \"We will win the harbour vote.\" Mr. Reyes said.",
     ("We will win the harbour vote.", "Tom Reyes")),
    ("a question, then the name, its apposition and the verb", "Nora Bell came in. \"I am calling from the harbour "
     "campaign. How are you today?\" Bell, a retired worker from a plant, said pleasantly into the phone.",
     ("I am calling from the harbour campaign. How are you today?", "Nora Bell")),
    ("the quote's words parsed as the subject", "One councillor took a private moment at the party. ''That was a "
     "good speech you gave last night, Mr. Mayor,'' Councillor Tom Reyes, Democrat of Harbourton, told Mr. Marsh.",
     ("That was a good speech you gave last night, Mr. Mayor,", "Tom Reyes")),
    ("a signature line after a quote", "Tom Reyes and Nora Bell met in the debate.\n\n\"Harbour firms pay zero "
     "taxes.\"\n\n- Reyes.\n\nThis is a complex issue.", ("Harbour firms pay zero taxes.", "Tom Reyes")),
    ("a label with the verb before the name", "Tom Reyes spoke on the radio about the harbour vote.\n\nContinued "
     "Reyes: “So I think it is a very real problem for the town.”",
     ("So I think it is a very real problem for the town.", "Tom Reyes")),
    ("a label on a line of its own, the verb before the name", "Tom Reyes spoke on the radio about the harbour "
     "vote.\n\nStated Reyes:\n\n“I think the stakes are so high that they would do anything.”",
     ("I think the stakes are so high that they would do anything.", "Tom Reyes")),
    ("a one-word reply", "Tom Reyes was asked if he would run again. “Absolutely,” he said.",
     ("Absolutely,", "Tom Reyes")),
    ("a surname that is a party's name", "Sarah Green, the Liberal Democrat candidate, said the count was fair.",
     ("the count was fair", "Sarah Green")),
    ("a surname with an apostrophe, alone", "Rory O'Malley spoke on Monday. \"It is taxing on everyone,\" "
     "O'Malley said.", ("It is taxing on everyone,", "Rory O'Malley")),
    ("a surname with a curly apostrophe", "Nell D’Arcy spoke first. “We will not move,” D’Arcy said.",
     ("We will not move,", "Nell D’Arcy")),
    ("an apostrophe surname in reported speech", "Tom O'Keane met the board. O'Keane said the deal was done.",
     ("the deal was done", "Tom O'Keane")),
    # "Name, aside, who ..., said": the parser gives the name to the relative clause, the verb no subject
    ("a relative clause after an aside", "Harbour plan stalls after council vote.\n\nNora Bell, meanwhile, who "
     "sits at zero such endorsements, said that the count speaks volumes about the race.",
     ("the count speaks volumes about the race", "Nora Bell")),
    ("a party and state in brackets after the clause, its hyphen no dash", "Harbour plan stalls after council "
     "vote.\n\nHarbour taxes stir up less fervor than they did in the 1980s, Sen. Nora Bell (R-Kelvale) told the "
     "Gazette.", ("Harbour taxes stir up less fervor than they did in the 1980s", "Nora Bell")),
    ("No 10 for the prime minister's office", "No 10 said the prime minister had full confidence in the "
     "chancellor.", ("the prime minister had full confidence in the chancellor", "Downing Street")),
    ("the minister, the one the article names", "Nora Bell is the health minister. “We will build two "
     "hospitals,” the minister said.", ("We will build two hospitals,", "Nora Bell")),
    ("the minister, with a portfolio", "Nora Bell is the health minister. “We will build two hospitals,” the "
     "health minister said.", ("We will build two hospitals,", "Nora Bell")),
    # a speaker named by age: the one person the article gives that age
    ("the 45-year-old, after 'Name, 45,'", "Nora Bell, 45, won the seat. “I am humbled,” the 45-year-old said.",
     ("I am humbled,", "Nora Bell")),
    ("the 45-year-old, after '45-year-old Name'", "The seat went to 45-year-old Nora Bell. “I am humbled,” the "
     "45-year-old said.", ("I am humbled,", "Nora Bell")),
    ("the 45-year-old, after 'a 45-year-old teacher'", "Nora Bell, a 45-year-old teacher, won the seat. The "
     "45-year-old said she was humbled.", ("she was humbled", "Nora Bell")),
    # a verb the parser put in a clause about someone, though the name before it performs it
    ("a verb read as a relative clause, with the name its subject", "Harbour plan stalls after council vote.\n\n"
     "When someone in the audience shouted a name, Tom Reyes joked, again using an exaggerated accent, “Amen, "
     "brother! Come on up!”", ("Amen, brother! Come on up!", "Tom Reyes")),
    ("a verb hung on the name, past a relative clause", "Harbour plan stalls after council vote.\n\n“The council "
     "needs a strategy for its voters,” Tom Reyes, the polling expert who founded a website, tweeted on Wednesday.",
     ("The council needs a strategy for its voters,", "Tom Reyes")),
    # a sentence that is only an attribution introduces the quote that opens the next
    ("said in a statement, then the quote", "Harbour plan stalls after council vote.\n\nTom Reyes, the "
     "spokesman for the Harbour Party said in a statement. “There are no ballots to recount.”",
     ("There are no ballots to recount.", "Tom Reyes")),
    ("agreed, then the quote", "Harbour plan stalls after council vote.\n\nHarbour College's Nora Bell agreed. "
     "“The mainstream candidates are running out of time.”",
     ("The mainstream candidates are running out of time.", "Nora Bell")),
    ("told reporters, then the quote", "Harbour plan stalls after council vote.\n\nNora Bell told reporters on "
     "Monday. “We will appeal.”", ("We will appeal.", "Nora Bell")),
    # the attribution ends the sentence, its verb hung on the clause it reports
    ("an outlet's report after the clause", "Harbour plan stalls after council vote.\n\nA six-year trend of "
     "falling deficits will end this year, sooner than expected, the Budget Office reported on Tuesday.",
     ("A six-year trend of falling deficits will end this year", "Budget Office")),
    # a dateline opens the paragraph: the place the report was filed from is no speaker
    ("a dateline with a date, then a title and the name", "Harbour plan stalls.\n\nKELVALE, July 19 (Wire) — "
     "Former Attorney General Tom Marwick told delegates that the mayor should resign.",
     ("the mayor should resign", "Tom Marwick")),
    ("a dateline, then an apposition", "Harbour plan stalls.\n\nKELVALE CITY (Wire) — The council's spokesman, "
     "Tom Marwick, said the plan was dead.", ("the plan was dead", "Tom Marwick")),
    # a country speaks through its government
    ("a country in reported speech", "Norway said it would close its border to trucks.",
     ("it would close its border to trucks", "Norway")),
    ("a country after a quote", "“We will not accept this,” Japan said in a statement.",
     ("We will not accept this,", "Japan")),
]


@pytest.mark.parametrize("name,text,expected", SPEAKERS, ids=[c[0] for c in SPEAKERS])
def test_speaker(extract, name, text, expected):
    assert expected in said(extract(text))


NEVER = [
    ("the reporter's own sentence", "The harbour deal is dead. Nora Bell is the council leader."),
    ("a speaker who is not an entity", "Critics said the harbour deal was dead."),
    ("a stance with only a pronoun", "Tom Reyes cited it."),
    ("a position stated as a fact", "Nora Bell endorsed Tom Reyes for mayor and opposed the new road."),
    ("a seat defended", "Tom Reyes was defending a majority of 20,137."),
    ("a results line with a colon", "Results\n\nGreen Party: 240 (19.8%)\n\nLabour Party: 142 (11.7%)"),
    ("a headline with no speaker", "Harbour Deal Is Dead.\n\nThe council met on Monday."),
    ("a headline label that is a sentence", "Nora Bell Endorses Tom Reyes: A Vote For Change.\n\nNora Bell "
     "backed Tom Reyes."),
    ("a vice president is not the president", "Nora Bell is the president. Tom Reyes is her deputy. “We will "
     "build two hospitals,” the vice president said."),
    ("a senator of a place the article gives no senator", "Nora Bell is a senator. “We will build two hospitals,” "
     "the Kelvale senator said."),
    ("an age two people share", "Nora Bell, 45, and Tom Reyes, 45, both stood. “I am humbled,” the 45-year-old "
     "said."),
    ("a reporter's heading for each candidate", "Here is what each candidate needs on Tuesday.\n\nReyes: Now or "
     "never.\n\nTom Reyes finished sixth in the first contest and needs a surge.\n\nBell: Survive to the primary."
     "\n\nNora Bell is running fifth in the polls."),
    ("a quote after a sentence that attributes nothing", "Harbour plan stalls after council vote.\n\nThe "
     "council met on Monday. “We will appeal.”"),
    ("a demand is a call to act, not speech reported", "Harbour plan stalls after council vote.\n\nTom Reyes "
     "demanded the mayor call an election."),
    ("a time clause after a comma", "Harbour plan stalls after council vote.\n\nThe crowd cheered loudly, when "
     "Tom Reyes walked in."),
    ("a time clause with as", "Tom Reyes rode the mood of the angry crowd as he replied to the mayor."),
    ("a time clause with as, a speech verb", "Nora Bell drew loud cheers as she told the volunteers about the port."),
    ("a question put to the speaker", "When asked about the harbour, Nora Bell smiled and walked away."),
    ("a question asked before the report", "After asking if the defendant waived his appearance, Judge Tom Reyes "
     "set a date for the hearing."),
    ("a sentence before a semicolon", "The harbour club has been a big earner for Reyes; indeed, Tom Reyes "
     "reported earning millions from it."),
    ("a sentence before a dash", "The harbour club has been a big earner for the town, however — Tom Reyes "
     "reported earning millions from it."),
    ("an impersonal it", "Given his past comments about the Harbour Trust, it's safe to say Tom Reyes is referring "
     "to the plan to close the port."),
    ("put it somewhere", "Tom Reyes put it on the table."),
    ("a town does not speak", "Residents of Harbourton, Kelvshire, said the plan would work."),
    ("the owner of a role is not its holder", "Reyes’s running mate then revealed that the campaign had run out of "
     "money."),
]


@pytest.mark.parametrize("name,text", NEVER, ids=[c[0] for c in NEVER])
def test_not_a_quote(extract, name, text):
    assert said(extract(text)) == set()


NESTED = [   # reported speech inside reported speech: one quote, the outer speaker's
    ("told inside said", "Nora Bell said Tom Reyes told the board that the harbour deal was off.",
     "Nora Bell", "Tom Reyes"),
    ("assured inside said", "Nora Bell said the mayor had assured them that the road would open in May.",
     "Nora Bell", None),
    ("warned inside told", "Tom Reyes told reporters that Nora Bell had warned the council the budget was short.",
     "Tom Reyes", "Nora Bell"),
    ("told, then the outlet's report after it", "Harbour plan stalls after council vote.\n\nNora Bell told "
     "investigators in July she was advised by a former minister to use a private account, the Harbourton Gazette "
     "reported late Thursday.", "Harbourton Gazette", "Nora Bell"),
]


@pytest.mark.parametrize("name,text,outer,inner", NESTED, ids=[c[0] for c in NESTED])
def test_reported_speech_inside_reported_speech_is_the_outer_speakers(extract, name, text, outer, inner):
    speakers = {who for _, who in said(extract(text))}
    assert speakers == {outer}


FRAGMENTS = [   # a quoted fragment cued inside someone's reported clause: the outer speaker's
    ("stating inside said", "Senator Tom Reyes said last week that Nora Bell represents “harbour values,” stating "
     "during the debate that they were too liberal.", ("harbour values,", "Tom Reyes")),
    ("adding inside told", "Nora Bell told reporters that Ian Marsh “had no plan for the port,” adding that he had "
     "never visited it.", ("had no plan for the port,", "Nora Bell")),
]


@pytest.mark.parametrize("name,text,expected", FRAGMENTS, ids=[c[0] for c in FRAGMENTS])
def test_fragment_inside_reported_speech_is_the_outer_speakers(extract, name, text, expected):
    quotes = said(extract(text))
    assert expected in quotes and not any(words == expected[0] and who != expected[1] for words, who in quotes)
