"""First guesses at ingest: the headline from the text, details from an HTML page's metadata,
the encoding of an upload, and what a re-ingest or a future date is told."""

from __future__ import annotations

import codecs
import datetime as dt
import io
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from factcheck.articles.decoding import decode_bytes
from factcheck.articles.page_meta import SCAN_LIMIT, read_page_meta
from factcheck.articles.services import (
    ArticleDetails,
    PageMeta,
    fill_from_page,
    headline_from_text,
    latest_publication_date,
)
from factcheck.errors import ValidationError
from factcheck.extensions import db
from factcheck.models import Article, Role
from tests.support import SHARED, grows_linearly, needs_shared, work

SEED_HEADLINE = "US military claims end of Iraq combat role but keeps 2500 troops"
STORY = "The ministry said on Monday that 300 troops arrived in the capital."
ACCENTED = "\u201cWe will not leave,\u201d the g\u00e9n\u00e9ral told the caf\u00e9\u2019s owner."
LATIN_1 = "Le g\u00e9n\u00e9ral a dit \u00e0 No\u00ebl: \u00ab\u00a0300 soldats \u00bb."


@pytest.fixture
def checker(as_role):
    return as_role(Role.CHECKER)


def ingest(client, **data):
    return client.post("/desk/articles/new", data=data, content_type="multipart/form-data")


def flashed(client, response) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client.get(response.headers["Location"]).get_data(as_text=True)


def stored(app) -> SimpleNamespace:
    """The one article stored, its columns read while the session is open."""
    with app.app_context():
        article = db.session.scalar(select(Article))
        names = ("id", "title", "body", "outlet", "url", "author", "published_on")
        return SimpleNamespace(**{name: getattr(article, name) for name in names})


# ----------------------------------------------------------------------------- the headline


def test_the_seed_article_without_a_headline_gets_its_own(app, client, checker):
    seed = needs_shared(SHARED / "eval" / "seed" / "article.txt", "the seed article")
    page = flashed(client, ingest(client, body=seed.read_text(encoding="utf-8")))
    assert stored(app).title == SEED_HEADLINE
    assert "Headline taken from the article&#39;s text." in page


@pytest.mark.parametrize(
    "lines,headline",
    [
        (["Home > World > Middle East", "Troops stay in Iraq", STORY], "Troops stay in Iraq"),
        (["News / Iraq / Military", "", "  Troops stay  ", STORY], "Troops stay"),
        (["File photo of soldiers in Taji. (Photo by AP)", "Troops stay", STORY], "Troops stay"),
        (["Photo: Reuters", "By Jane Doe and Sam Roe", "Troops stay", STORY], "Troops stay"),
        (["Updated 10 December 2021 14:03 GMT", "Troops stay", STORY], "Troops stay"),
        (["Share this article", "Troops stay", STORY], "Troops stay"),
        ([STORY], STORY),  # no headline line at all: the first line, as before
        (["News / Iraq / Military"], "News / Iraq / Military"),  # nothing else to take
        ([""], "Untitled article"),
    ],
)
def test_headline_is_the_first_line_that_is_not_furniture(lines, headline):
    assert headline_from_text("\n".join(lines)) == headline


def test_a_long_first_line_is_cut_at_a_word():
    headline = headline_from_text("word " * 200)
    assert len(headline) <= Article.TITLE_MAX and headline.endswith("word…")


def test_a_typed_headline_wins_and_is_not_reported(app, client, checker):
    page = flashed(client, ingest(client, title="Mine", body="News / World / Asia\n\n" + STORY))
    assert stored(app).title == "Mine" and "Headline taken" not in page


# ----------------------------------------------------------------------------- page metadata

HEAD = (
    "<html><head><title>Troops stay in Iraq | The Gazette</title>"
    '<meta property="og:title" content="Troops  stay in Iraq, officials say">'
    '<meta property="og:site_name" content="The Gazette">'
    '<meta property="article:published_time" content="2021-12-09T23:30:00-05:00">'
    '<meta name="author" content="By Jane Doe">'
    '<meta property="article:author" content="https://social.example/janedoe">'
    '<link rel="canonical" href="https://gazette.example/troops">'
    '<meta property="og:url" content="https://gazette.example/troops?utm=x">'
    "</head><body><nav>Home / World</nav><article><h1>Troops stay</h1>"
    f"<p>{STORY}</p></article></body></html>"
)


def test_page_metadata_is_read():
    meta = read_page_meta(HEAD)
    assert meta == PageMeta(
        title="Troops stay in Iraq, officials say",
        outlet="The Gazette",
        published_on=dt.date(2021, 12, 9),  # the date as the page wrote it, not moved to UTC
        author="Jane Doe",
        url="https://gazette.example/troops",
    )


@pytest.mark.parametrize(
    "head,title",
    [
        ("<title>Troops stay | The Gazette</title>", "Troops stay"),
        ("<title>Troops stay | World | Gazette</title>", "Troops stay | World"),
        ("<title>Troops stay - The Gazette</title>", "Troops stay - The Gazette"),
        (
            '<title>Troops stay - The Gazette</title><meta property="og:site_name" '
            'content="The Gazette">',
            "Troops stay",
        ),
        ("<title>Biden | a life in politics and the long road to the top</title>", None),
        ('<meta name="twitter:title" content="Tweeted title"><title>T</title>', "Tweeted title"),
        ("<title>Caf&eacute; &amp; bar</title>", "Café & bar"),
    ],
)
def test_the_title_tag_loses_the_outlet_it_ends_with(head, title):
    expected = title or "Biden | a life in politics and the long road to the top"
    assert read_page_meta(f"<html><head>{head}</head></html>").title == expected


@pytest.mark.parametrize(
    "markup,published",
    [
        ('<script type="application/ld+json">{"datePublished": "2021-07-26T10:00Z"}</script>', 26),
        (
            '<script type="application/ld+json">[{"@type": "Org"}, '
            '{"datePublished": "2021-07-25"}]</script>',
            25,
        ),
        (
            '<script type="application/ld+json">{"@graph": [{"datePublished": "2021-07-24"}]}'
            "</script>",
            24,
        ),
        ('<script type="application/ld+json">{not json</script>', None),
        ('<body><p>x</p><time datetime="2021-07-23T08:00">Friday</time></body>', 23),
        ('<meta itemprop="datePublished" content="2021-07-22">', 22),
        ('<meta property="article:published_time" content="26 July 2021">', None),
        ('<meta property="article:published_time" content="2021-02-30">', None),
    ],
)
def test_the_publication_date_from_json_ld_time_or_meta(markup, published):
    meta = read_page_meta(f"<html><head>{markup}</head></html>")
    assert meta.published_on == (dt.date(2021, 7, published) if published else None)


@pytest.mark.parametrize(
    "markup",
    [
        "",
        "<<<>>>",
        "<html><head><title>unclosed",
        "<meta property='og:title'>",  # no content
        '<link rel="canonical" href="/relative/path">',
        '<link rel="canonical" href="javascript:alert(1)">',
        "<html><head>" + "<div>" * 5000,
    ],
)
def test_broken_or_empty_pages_give_nothing_and_never_raise(markup):
    meta = read_page_meta(markup)
    assert (meta.outlet, meta.url, meta.author, meta.published_on) == (None, None, None, None)


def test_only_the_start_of_a_page_is_read():
    late = '<meta property="og:site_name" content="Late">'
    assert read_page_meta("<html><head>" + " " * SCAN_LIMIT + late).outlet is None
    assert read_page_meta("<html><head>" + " " * 100 + late).outlet == "Late"


def test_metadata_fills_only_empty_fields():
    page = PageMeta("Page title", "Page outlet", dt.date(2021, 1, 2), "Page author", "https://p.x")
    typed = ArticleDetails(title="Typed", author="Typed author")
    filled, taken = fill_from_page(typed, page)
    assert filled == ArticleDetails(
        "Typed", "Page outlet", "https://p.x", "Typed author", dt.date(2021, 1, 2)
    )
    assert taken == ["outlet", "publication date", "address"]
    assert fill_from_page(typed, None) == (typed, [])


def test_metadata_in_the_future_or_too_long_is_not_taken():
    future = latest_publication_date() + dt.timedelta(days=1)
    page = PageMeta("x " * 400, None, future, None, "https://p.x/" + "a" * 3000)
    filled, taken = fill_from_page(ArticleDetails(), page)
    assert taken == ["headline"] and len(filled.title) <= Article.TITLE_MAX
    assert filled.published_on is None and filled.url is None


def test_an_uploaded_page_fills_the_empty_fields_and_says_so(app, client, checker):
    upload = (io.BytesIO(HEAD.encode()), "page.html")
    page = flashed(client, ingest(client, outlet="Gazette Weekly", upload=upload))
    article = stored(app)
    assert (article.title, article.outlet, article.author) == (
        "Troops stay in Iraq, officials say",
        "Gazette Weekly",  # what the person typed wins
        "Jane Doe",
    )
    assert article.published_on == dt.date(2021, 12, 9)
    assert article.url == "https://gazette.example/troops"
    assert "From the page&#39;s metadata: headline, publication date, author, address." in page


def test_pasted_html_fills_the_empty_fields_too(app, client, checker):
    page = flashed(client, ingest(client, body=HEAD))
    assert stored(app).outlet == "The Gazette"
    assert "From the page&#39;s metadata: headline, outlet, publication date" in page


def test_plain_text_reports_no_metadata(app, client, checker):
    page = flashed(client, ingest(client, title="T", body=STORY))
    assert "metadata" not in page and "Read as" not in page


# ----------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "text,data,name",
    [
        (ACCENTED, ACCENTED.encode("cp1252"), "Windows-1252"),
        (LATIN_1, LATIN_1.encode("latin-1"), "Latin-1"),
        (ACCENTED, ACCENTED.encode("utf-16"), "UTF-16"),  # the codec writes a BOM
        (ACCENTED, codecs.BOM_UTF16_BE + ACCENTED.encode("utf-16-be"), "UTF-16"),
        (ACCENTED, codecs.BOM_UTF16_LE + ACCENTED.encode("utf-16-le"), "UTF-16"),
        (ACCENTED, ACCENTED.encode("utf-32"), "UTF-32"),
        (ACCENTED, codecs.BOM_UTF8 + ACCENTED.encode(), None),
        (ACCENTED, ACCENTED.encode(), None),
    ],
)
def test_uploads_are_read_in_their_encoding_and_say_which(app, client, checker, text, data, name):
    page = flashed(client, ingest(client, title="T", upload=(io.BytesIO(data), "story.txt")))
    assert stored(app).body == text
    if name:
        assert f"Read as {name}." in page
    else:
        assert "Read as" not in page


def test_a_page_in_its_declared_charset():
    data = '<meta charset="iso-8859-2"><p>Zażółć</p>'.encode("iso-8859-2")
    assert decode_bytes(data, "p.html", html=True).encoding == "ISO-8859-2"
    assert "Zażółć" in decode_bytes(data, "p.html", html=True).text


@pytest.mark.parametrize(
    "declared,name", [("windows-1252", "Windows-1252"), ("iso-8859-1", "Windows-1252")]
)
def test_a_western_page_with_curly_quotes_reads_as_browsers_do(declared, name):
    data = f'<meta charset="{declared}"><p>{ACCENTED}</p>'.encode("cp1252")
    decoded = decode_bytes(data, "p.html", html=True)
    assert ACCENTED in decoded.text and decoded.encoding == name


def test_cyrillic_single_byte_text_is_not_read_as_western():
    text = "Президент заявил, что войска останутся в стране до конца года."
    decoded = decode_bytes(text.encode("cp1251"), "a.txt")
    assert (decoded.text, decoded.encoding) == (text, "Windows-1251")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x01\x02" * 20,
        b"PK\x03\x04\x14\x00\x06\x00" + bytes(100),  # a .docx renamed .txt
        bytes(range(256)) * 4,
    ],
)
def test_binary_files_are_refused_with_a_clear_message(app, client, checker, data):
    response = ingest(client, title="T", upload=(io.BytesIO(data), "a.txt"))
    assert response.status_code == 422
    assert "looks like a binary file" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Article.id))) == 0


def test_utf16_is_not_called_binary_but_broken_utf16_is_refused():
    assert decode_bytes("Hi".encode("utf-16"), "a.txt").text == "Hi"
    with pytest.raises(ValidationError, match="encoding could not be told"):
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8", "a.txt")  # a lone surrogate


# ----------------------------------------------------------------------------- dates


def test_a_publication_date_in_the_future_is_refused(app, client, checker):
    later = latest_publication_date() + dt.timedelta(days=1)
    response = ingest(client, title="T", body=STORY, published_on=later.isoformat())
    assert response.status_code == 422
    assert "is in the future" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Article.id))) == 0


def test_today_and_tomorrow_in_utc_are_accepted(app, client, checker):
    latest = latest_publication_date()
    response = ingest(client, title="T", body=STORY, published_on=latest.isoformat())
    assert response.status_code == 302
    assert stored(app).published_on == latest
    assert latest - dt.datetime.now(dt.UTC).date() <= dt.timedelta(days=1)


# ----------------------------------------------------------------------------- re-ingest


def test_reingest_with_another_headline_names_the_kept_one(app, client, checker):
    flashed(client, ingest(client, title="First <b>headline</b>", body=STORY, outlet="Wire"))
    again = ingest(client, title="Second headline", body=STORY, outlet="Wire")
    page = flashed(client, again)
    article = stored(app)
    assert article.title == "First <b>headline</b>"
    assert "as “First &lt;b&gt;headline&lt;/b&gt;”; here it is, unchanged." in page
    assert "The headline given now differs from it: edit them on " in page
    assert f'<a href="/desk/articles/{article.id}">the article page</a>' in page


def test_reingest_with_the_same_details_names_no_difference(app, client, checker):
    flashed(client, ingest(client, title="First", body=STORY))
    page = flashed(client, ingest(client, title=" first ", body=STORY))
    assert "already ingested" in page and "as “First”" in page and "differ" not in page


def test_reingest_lists_every_differing_detail(app, client, checker):
    flashed(client, ingest(client, title="First", body=STORY, author="A"))
    again = ingest(client, body=STORY, author="B", outlet="Wire", published_on="2021-01-02")
    page = flashed(client, again)
    assert "The outlet, publication date and author given now differ from it" in page


@pytest.mark.parametrize("unit", ["<a ", "<a", "<!--", "</", '<a href="', "<p "])
def test_reading_page_metadata_does_no_python_work_per_unclosed_tag(unit):
    # The standard library's parser was quadratic on these (40 kB of "<a " took 16 s); lxml
    # parses in C, and only the tags that carry metadata cost Python calls.
    small = work(lambda: read_page_meta(unit * (20_000 // len(unit))))
    large = work(lambda: read_page_meta(unit * (SCAN_LIMIT // len(unit))))
    assert large <= small + 20 < 500


@pytest.mark.parametrize("unit", ["<meta ", '<meta content="a', "<title>", "<time "])
def test_reading_page_metadata_grows_linearly(unit):
    assert grows_linearly(lambda n: read_page_meta(unit * n), 10_000)
