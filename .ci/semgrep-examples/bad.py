"""Examples each rule in ../semgrep.yml must flag; .ci/run checks that every rule fires here."""

# ruff: noqa (deliberately bad code: the examples semgrep must catch)
from flask import render_template_string
from markupsafe import Markup


def examples(text: str):
    a = Markup(text)
    b = Markup(f"<p>{text}</p>")
    c = Markup("<p>%s</p>" % text)
    d = render_template_string("<p>{{ x }}</p>", x=text)
    return a, b, c, d
