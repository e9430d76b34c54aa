"""Page furniture is never a claim; real sentences that look like furniture still are."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.extraction import extract_document
from factcheck.extraction.html import html_to_text
from factcheck.extraction.segment import furniture_flags, furniture_kind, is_furniture, sentences

FURNITURE = [
    # breadcrumbs and section lines
    ("Home > World > Middle East", "breadcrumbs"),
    ("News / Iraq / Military", "breadcrumbs"),
    ("Politics | Health | 5 min read", "breadcrumbs"),
    ("Business » Markets » Commodities", "breadcrumbs"),
    # bylines and author notes
    ("By Jane Doe and John Roe", "byline"),
    ("BY JANE DOE, ASSOCIATED PRESS", "byline"),
    ("By Jane Doe | Reuters | Updated 3:45 PM ET, Tue March 2, 2021", "byline"),
    ("Jane Smith, Staff Writer", "byline"),
    ("Reporting by Jane Doe in Baghdad; Editing by John Roe", "byline"),
    ("Additional reporting by Ali Hassan", "byline"),
    ("Writing by Jane Doe; editing by John Roe and Ali Hassan", "byline"),
    ("Jane Smith is a senior economics reporter for the Daily Ledger.", "byline"),
    # captions and credits
    ("File photo of a US soldier in Taji, north of Baghdad. (Photo by AP)", "caption"),
    ("(Photo by AP)", "caption"),
    ("Photo: Reuters", "caption"),
    ("Image caption: Job seekers at a career fair in Chicago in 2019.", "caption"),
    ("Image source, Getty Images", "caption"),
    ("Media caption, Senators debated the bill through the night", "caption"),
    ("Protesters outside the embassy on Sunday. REUTERS/Thaier al-Sudani", "caption"),
    ("The president arrives in Kabul on Friday (AP Photo/Evan Vucci)", "caption"),
    ("AFP via Getty Images", "caption"),
    ("Photograph: Jane Doe/AP", "caption"),
    ("Pictured: the damaged reactor building", "caption"),
    ("Iraqi lawmakers attend a session in Baghdad [Handout/Reuters]", "caption"),
    # time stamps
    ("Updated 3:45 PM", "timestamp"),
    ("Published: April 2, 2021 at 9:00 a.m.", "timestamp"),
    ("Last modified on Tue 2 Mar 2021 14.03 GMT", "timestamp"),
    ("March 3, 2021", "timestamp"),
    # share, follow, subscribe, read more, ads, legal, site notices
    ("Share this article", "boilerplate"),
    ("Share on Facebook Share on Twitter Email", "boilerplate"),
    ("Follow us on Twitter", "boilerplate"),
    ("Follow her on Twitter @janedoe", "boilerplate"),
    ("Sign up for our newsletter", "boilerplate"),
    ("Subscribe now for just $1 a week", "boilerplate"),
    ("Read more: Who was Qassem Soleimani?", "boilerplate"),
    ("READ MORE", "boilerplate"),
    ("Advertisement", "boilerplate"),
    ("Story continues below advertisement", "boilerplate"),
    ("© 2021 Reuters.", "boilerplate"),
    ("Copyright 2021 The Daily Ledger.", "boilerplate"),
    ("All rights reserved.", "boilerplate"),
    ("This material may not be published, broadcast, rewritten or redistributed.", "boilerplate"),
    ("The Associated Press contributed to this report.", "boilerplate"),
    ("This article originally appeared on The Conversation.", "boilerplate"),
    (
        "Press TV’s website can also be accessed at the following alternate addresses:",
        "boilerplate",
    ),
    ("Press TV News Roku", "boilerplate"),
    ("Download the Daily Ledger app on the App Store and Google Play", "boilerplate"),
    ("Tags: economy, jobs, unemployment", "boilerplate"),
    ("Comments (12)", "boilerplate"),
    ("Listen to this article", "boilerplate"),
    ("Contact the author at jane.doe@example.com.", "boilerplate"),
    ("Source: Al Jazeera and news agencies", "boilerplate"),
    ("Follow Al Jazeera English:", "boilerplate"),
    ("list 1 of 4", "boilerplate"),
    ("www.example.com/news", "link"),
]

NOT_FURNITURE = [
    "US military claims end of Iraq combat role but keeps 2500 troops",
    "Photographs released by the ministry show 12 destroyed tanks.",
    "Copyright lawsuits rose 40% in 2020, the report found.",
    "Subscribers to the service grew to 2 million last year.",
    "Related talks collapsed in 2019 after three rounds.",
    "By Tuesday, 3,000 people had fled the city.",
    "By the end of the year, all combat troops will have left.",
    "Share prices fell 5% on Monday.",
    "Updated figures show the death toll rose to 45.",
    "Published research shows that 40% of adults skip breakfast.",
    "Advertisement spending rose 7% last year.",
    "The app is available in 40 countries, the company said.",
    "The rate rose from 1/3 to 2/3 in a decade, officials said.",
    "Reporters were told that 2,500 troops would stay.",
    "The man was a reporter for the Times when he found the fraud in 2003.",
    "Follow-up tests found 12 new cases on Thursday.",
    "Read the report, the minister urged lawmakers, before the vote on Thursday in parliament.",
    "James Lipman With 275 pound-feet of torque at 3000 rpm.",
    "Top credit rating agencies cut the outlook in March.",
    "Email records show the agency knew in 2019.",
    "Research by Harvard economists shows 40% of jobs moved in 2020.",
    "John Prescott, a shipping correspondent, said there were no ships in the port on Monday.",
    "He was shot on Friday near his car. (WARNING: Video contains graphic images.)",
]


@pytest.mark.parametrize(("line", "kind"), FURNITURE)
def test_furniture_is_recognised(line, kind):
    assert furniture_kind(line) == kind
    assert is_furniture(line)


@pytest.mark.parametrize("line", NOT_FURNITURE)
def test_news_sentences_are_not_furniture(line):
    assert furniture_kind(line) is None
    assert extract_document(line)["claims"], "a checkable sentence must stay a claim"


HELD_OUT = """\
Politics | Economy

Senate passes $1.9 trillion relief bill after all-night session

By Maria Lopez and Sam Carter, Associated Press

Published 6:02 AM EST, Sun March 7, 2021

Senators leave the chamber on Saturday. Photo: Getty Images

Listen to this article

WASHINGTON (AP) - The Senate passed a $1.9 trillion relief bill on Saturday, sending it back \
to the House for final approval.

Advertisement

The vote was 50 to 49, and every Republican voted against the measure.

Read more: What is in the relief bill?

Related Coverage
Democrats drop minimum wage increase
House to vote again on Tuesday

"We will not stop until the job is done," Majority Leader Chuck Schumer said on Saturday.

Share this story

Follow us on Twitter @APPolitics

Sign up for our daily newsletter.

© 2021 The Associated Press. All rights reserved.
"""


def test_held_out_article_claims_are_the_story_only():
    claims = extract_document(HELD_OUT, dt.date(2021, 3, 7))["claims"]
    starts = [c["text"][:30] for c in claims]
    assert starts == [
        "Senate passes $1.9 trillion re",
        "WASHINGTON (AP) - The Senate p",
        "The vote was 50 to 49, and eve",
        '"We will not stop until the jo',
    ]


SECOND_HELD_OUT = """\
Skip to main content

Middle East › Iraq

Parliament votes to end foreign troop presence

Published On 5 Jan 2020

Lawmakers attend a session in Baghdad [Handout/Reuters]

The parliament passed a resolution on Sunday calling for all foreign troops to leave.

The resolution was approved by 170 members of the 329-seat chamber.

Kurdish and Sunni members boycotted the vote.

Source: News agencies

Keep reading
list of 2 items
list 1 of 2
Oil prices jump more than 4 percent
list 2 of 2
Markets fall 3% in Asian trading
end of list

Follow The Example Network:
"""


def test_second_held_out_article_claims_are_the_story_only():
    claims = extract_document(SECOND_HELD_OUT, dt.date(2020, 1, 5))["claims"]
    assert [c["text"][:30] for c in claims] == [
        "Parliament votes to end foreig",
        "The parliament passed a resolu",
        "The resolution was approved by",
        "Kurdish and Sunni members boyc",
    ]


def test_caption_credit_marks_its_whole_paragraph():
    text = (
        "Soldiers patrol the border near Mosul on Monday. Several 2,000-pound bombs were "
        "found. (AP Photo/Hadi Mizban)\n\nThe ministry counted 2,000 bombs on Monday."
    )
    spans = sentences(text)
    assert furniture_flags(text, spans) == [True, True, True, False]
    (claim,) = extract_document(text)["claims"]
    assert claim["text"].startswith("The ministry counted")


def test_a_long_paragraph_with_a_credit_is_not_all_caption():
    story = " ".join(["The ministry said 2,000 soldiers patrolled the border on Monday."] * 12)
    text = story + " Photo: Reuters"
    flags = furniture_flags(text, sentences(text))
    assert flags[-1] and not any(flags[:-1])


def test_link_titles_under_a_related_heading_are_furniture():
    text = (
        "Related:\nIran vows revenge for killing of general in 2020\n"
        "Oil prices jump 4% on Middle East fears\n"
        "The parliament voted 170 to 0 on Sunday to expel the troops."
    )
    flags = furniture_flags(text, sentences(text))
    assert flags == [True, True, True, False]


# --- HTML reduction --------------------------------------------------------------------


def test_html_drops_chrome_and_keeps_the_story():
    page = """<?xml version="1.0" encoding="utf-8"?>
    <html><head><title>x</title><style>p {color: red}</style></head><body>
    <header class="site"><a>Logo</a></header>
    <div class="breadcrumbs">News / Iraq</div>
    <h1>Army keeps 2,500 troops</h1>
    <article class="story-body comments-enabled">
      <div class="byline">By Jane Doe</div>
      <p>The army said it keeps <b>2,500</b> troops.</p>
      <figure><img src="a.jpg"><figcaption>File photo (Photo by AP)</figcaption></figure>
      <div class="ad-slot">Advertisement</div>
      <p hidden>Hidden text</p>
      <p>Lawmakers approved a bill in 2020 that required<br>the government to act.<br>It did.</p>
      <aside>Most read</aside>
      <footer>Tags: Iraq</footer>
      <p>Officials said 30 more would leave.</p>
    </article>
    <footer>© 2021</footer></body></html>"""
    assert html_to_text(page) == (
        "Army keeps 2,500 troops\n\n"
        "The army said it keeps 2,500 troops.\n\n"
        "Lawmakers approved a bill in 2020 that required the government to act.\n\n"
        "It did.\n\n"
        "Officials said 30 more would leave."
    )


@pytest.mark.parametrize(
    "markup",
    [
        "",
        "   ",
        "\x00\x01<<>>",
        "<p>" * 3000,
        "<div>" * 400 + "deep" + "</div>" * 400,
        "plain text",
    ],
)
def test_html_never_raises(markup):
    assert isinstance(html_to_text(markup), str)
