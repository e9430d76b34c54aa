"""Reduce an HTML page to the article's plain text (scripts, styles and chrome never kept)."""
from __future__ import annotations

import re

import lxml.html
from lxml import etree

# Elements whose content is never article text.
_DROP = ("script", "style", "noscript", "template", "iframe", "svg", "canvas", "object",
         "embed", "head", "nav", "header", "footer", "aside", "form", "button", "select")
_BLOCK = {"p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3", "h4",
          "h5", "h6", "blockquote", "pre", "tr", "table", "figure", "figcaption", "dd", "dt", "br",
          "hr", "address"}


def html_to_text(markup: str) -> str:
    """Return the readable text of `markup`, one paragraph per line; never raises on bad HTML."""
    if not markup.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return ""
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction, *_DROP)):
        el.drop_tree()
    body = next((el for el in (root.find(".//article"), root.find(".//main"), root.find("body"))
                 if el is not None), root)
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _BLOCK:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCK:
            parts.append("\n")

    walk(body)
    text = "".join(parts).replace("\xa0", " ")
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    return "\n\n".join(line for line in lines if line)
