"""Page chrome rules and the steps of html_to_text, one focused test each."""

import pytest

from factcheck.extraction.html import html_to_text

STORY = "<p>The army said it keeps 2,500 troops.</p>"


def page(inner):
    return f"<html><body><article>{STORY}{inner}</article></body></html>"


KEPT = "The army said it keeps 2,500 troops."


@pytest.mark.parametrize(
    "dropped,kept",
    [
        pytest.param("<p hidden>Gone.</p>", "<p>Shown.</p>", id="hidden"),
        pytest.param(
            '<p aria-hidden="true">Gone.</p>', '<p aria-hidden="false">Shown.</p>', id="aria-hidden"
        ),
        pytest.param(
            '<div role="Navigation">Gone.</div>', '<div role="main">Shown.</div>', id="chrome role"
        ),
        pytest.param(
            '<p style="display: none">Gone.</p>',
            '<p style="color: red">Shown.</p>',
            id="display none",
        ),
        pytest.param(
            '<div class="share-bar social">Gone.</div>',
            '<div class="shared-story">Shown.</div>',
            id="chrome name",
        ),
        pytest.param(
            '<div id="related">Gone.</div>',
            '<div id="related"><p>Shown.</p><p>a</p><p>b</p><p>c</p></div>',
            id="chrome name holding the article",
        ),
    ],
)
def test_chrome_rules(dropped, kept):
    assert html_to_text(page(dropped)) == KEPT
    assert html_to_text(page(kept)).startswith(KEPT + "\n\nShown.")


def test_the_article_is_article_then_main_then_body():
    markup = "<body><p>Menu</p><main><p>Main.</p></main><article><p>Story.</p></article></body>"
    assert html_to_text(markup) == "Story."
    assert html_to_text("<body><p>Menu</p><main><p>Main.</p></main></body>") == "Main."
    assert html_to_text("<body><p>Body.</p></body>") == "Body."


def test_a_headline_outside_the_article_is_kept_in_front():
    markup = "<body><h1>Headline</h1><article><p>Story.</p></article></body>"
    assert html_to_text(markup) == "Headline\n\nStory."
    markup = "<body><h1>Site</h1><article><h1>Headline</h1><p>Story.</p></article></body>"
    assert html_to_text(markup) == "Headline\n\nStory."


def test_headers_without_a_headline_and_all_footers_are_dropped():
    markup = (
        "<article><header><h2>Deck</h2></header><header>By Jane</header>"
        "<p>Story.</p><footer><h2>Tags</h2></footer></article>"
    )
    assert html_to_text(markup) == "Deck\n\nStory."


def test_a_break_ends_a_line_only_after_punctuation_or_beside_another_break():
    markup = "<p>It required<br>the government to act.<br>It did.<br><br>Then more</p>"
    assert html_to_text(markup) == "It required the government to act.\n\nIt did.\n\nThen more"


def test_blocks_become_paragraphs_and_spaces_collapse():
    markup = "<div>One\t  two<div>three</div>four</div><ul><li>five&nbsp;six</li></ul>"
    assert html_to_text(markup) == "One two\n\nthree\n\nfour\n\nfive six"
