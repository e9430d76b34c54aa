"""Reduce an HTML page to the article's plain text (scripts, styles and page chrome never kept).

The article is the first <article>, else <main>, else <body>; a headline (<h1>) outside it is
kept in front. Navigation, headers and footers outside the article, asides, forms, figure captions
and hidden elements are dropped, and so is any small element whose class or id names page chrome
("share", "related", "newsletter", "byline", "ad", ...). Block elements become paragraphs, one per
line, separated by blank lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

# Elements whose content is never article text.
_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "canvas",
    "object",
    "embed",
    "head",
    "nav",
    "aside",
    "form",
    "button",
    "select",
    "figcaption",
    "dialog",
    "menu",
)
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "tr",
    "table",
    "figure",
    "dd",
    "dt",
    "hr",
    "address",
    "header",
    "footer",
    "caption",
    "summary",
    "details",
}
_ROLES = {
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "menu",
    "menubar",
    "toolbar",
    "alert",
}
# Class or id words of page chrome; an element so named is dropped unless it holds much text.
_CHROME = set(
    """nav navbar navigation menu breadcrumb breadcrumbs crumbs share sharing sharebar
    social related recirc recommended outbrain taboola newsletter newsletters promo promos advert
    adverts advertisement advertising ad ads adslot adunit sponsor sponsored byline bylines author
    authors caption captions credit credits comment comments cookie cookies consent subscribe
    subscription paywall popup modal toolbar tags topics sidebar masthead footer
    signup""".split()
)
_WORDS = re.compile(r"[a-z]+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Characters libxml2 refuses in text nodes (C0 controls but tab and newlines, non-characters).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BR = "\ue000"  # stands for <br> until we know whether it ends a sentence
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BR_END = re.compile(r"(?<=[.!?:;\"”’)])[ \t]*\ue000|\ue000(?=[ \t]*(?:\ue000|\n|$))")


def _is_hidden(el: HtmlElement) -> bool:
    """<p hidden>, aria-hidden="true": not shown to readers."""
    return el.get("hidden") is not None or el.get("aria-hidden") == "true"


def _has_chrome_role(el: HtmlElement) -> bool:
    """role="navigation", "banner", "complementary", ...: a landmark that is not the article."""
    return (el.get("role") or "").lower() in _ROLES


def _is_display_none(el: HtmlElement) -> bool:
    """style="display: none": not shown to readers."""
    return "display:none" in (el.get("style") or "").replace(" ", "").lower()


def _is_named_chrome(el: HtmlElement) -> bool:
    """class="share-bar", id="related": named as page chrome, unless it holds more than three
    paragraphs ("comments-enabled story-body": a container that holds the article)."""
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    if not names.strip() or not _CHROME.intersection(_WORDS.findall(names)):
        return False
    return len(el.findall(".//p")) <= 3


# An element any of these calls chrome is dropped with everything in it.
_CHROME_RULES: tuple[Callable[[HtmlElement], bool], ...] = (
    _is_hidden,
    _has_chrome_role,
    _is_display_none,
    _is_named_chrome,
)


def html_to_text(markup: str) -> str:
    """Return the readable text of `markup`, one paragraph per line; never raises on bad HTML."""
    root = parse_html(markup)
    if root is None:
        return ""
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction, *_DROP)):
        el.drop_tree()
    body = _article(root)
    _drop_chrome(body)
    parts = _headline_outside(root, body)
    _drop_headers_and_footers(body)
    parts += _pieces(body)
    return _paragraphs(parts)


def parse_html(markup: str) -> HtmlElement | None:
    """The document's root (lxml), or None for empty or unparsable markup; linear in its size."""
    markup = _NOT_XML.sub("", _XML_DECL.sub("", markup, count=1)).replace(_BR, "")
    if not markup.strip():
        return None
    try:
        return lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return None


def _article(root: HtmlElement) -> HtmlElement:
    """The first <article>, else <main>, else <body>, else the root."""
    for el in (root.find(".//article"), root.find(".//main"), root.find("body")):
        if el is not None:
            return el
    return root


def _drop_chrome(body: HtmlElement) -> None:
    """Drop every element inside `body` that a chrome rule calls page chrome."""
    for el in list(body.iter()):
        if (
            isinstance(el.tag, str)
            and el is not body
            and el.getparent() is not None
            and any(rule(el) for rule in _CHROME_RULES)
        ):
            el.drop_tree()


def _headline_outside(root: HtmlElement, body: HtmlElement) -> list[str]:
    """The page's <h1> as a paragraph of its own, when the article does not hold one."""
    if body.tag == "body" or body.find(".//h1") is not None:
        return []
    headline = root.find(".//h1")
    return [] if headline is None else ["\n", headline.text_content(), "\n"]


def _drop_headers_and_footers(body: HtmlElement) -> None:
    """A header with a headline is kept; other headers and footers hold bylines, tags, links."""
    for el in list(body.iter("header", "footer")):
        if el.getparent() is not None and (
            el.tag == "footer" or (el.find(".//h1") is None and el.find(".//h2") is None)
        ):
            el.drop_tree()


def _pieces(body: HtmlElement) -> list[str]:
    """The text of `body` in document order, a newline at each block's edges and `_BR` for each
    <br>; iterative, so deeply nested markup cannot exhaust the recursion limit."""
    parts: list[str] = []
    for event, el in etree.iterwalk(body, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag == "br":
                parts.append(_BR)
            elif tag in _BLOCK:
                parts.append("\n")
            if el.text and tag:
                parts.append(el.text)
        else:
            if tag in _BLOCK:
                parts.append("\n")
            if el.tail and el is not body:
                parts.append(el.tail)
    return parts


def _paragraphs(parts: list[str]) -> str:
    """One paragraph per line, separated by blank lines; a <br> after sentence punctuation or
    beside another break ends a line, else it is a space."""
    text = _BR_END.sub("\n", "".join(parts).replace("\xa0", " ")).replace(_BR, " ")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n\n".join(line for line in lines if line)
