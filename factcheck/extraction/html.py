"""Reduce an HTML page to the article's plain text (scripts, styles and page chrome never kept).

The article is the first <article>, else <main>, else <body>; a headline (<h1>) outside it is
kept in front. Navigation, headers and footers outside the article, asides, forms, figure captions
and hidden elements are dropped, and so is any small element whose class or id names page chrome
("share", "related", "newsletter", "byline", "ad", ...). Block elements become paragraphs, one per
line, separated by blank lines.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

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
_BR_END = re.compile(r"(?<=[.!?:;\"”’)])[ \t]*\ue000|\ue000(?=[ \t]*(?:\ue000|\n|$))")


def _chrome(el) -> bool:
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    if (el.get("role") or "").lower() in _ROLES:
        return True
    if "display:none" in (el.get("style") or "").replace(" ", "").lower():
        return True
    if not names.strip() or not _CHROME.intersection(_WORDS.findall(names)):
        return False
    # "comments-enabled story-body": a container that holds the article is never chrome.
    return len(el.findall(".//p")) <= 3


def html_to_text(markup: str) -> str:
    """Return the readable text of `markup`, one paragraph per line; never raises on bad HTML."""
    markup = _NOT_XML.sub("", _XML_DECL.sub("", markup, count=1)).replace(_BR, "")
    if not markup.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return ""
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction, *_DROP)):
        el.drop_tree()
    body = next(
        (
            el
            for el in (root.find(".//article"), root.find(".//main"), root.find("body"))
            if el is not None
        ),
        root,
    )
    for el in list(body.iter()):
        if (
            isinstance(el.tag, str)
            and el is not body
            and el.getparent() is not None
            and _chrome(el)
        ):
            el.drop_tree()
    parts: list[str] = []
    if body.tag != "body" and body.find(".//h1") is None:
        headline = root.find(".//h1")
        if headline is not None:
            parts += ["\n", headline.text_content(), "\n"]
    for el in list(body.iter("header", "footer")):
        # A header with a headline is kept; other headers and footers hold bylines, tags, links.
        if el.getparent() is not None and (
            el.tag == "footer" or el.find(".//h1") is None and el.find(".//h2") is None
        ):
            el.drop_tree()
    # Iterative, so deeply nested markup cannot exhaust the recursion limit.
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
    # A <br> after sentence punctuation or beside another break ends a line; else it is a space.
    text = _BR_END.sub("\n", "".join(parts).replace("\xa0", " ")).replace(_BR, " ")
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    return "\n\n".join(line for line in lines if line)
