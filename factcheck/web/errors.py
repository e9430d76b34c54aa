"""Error pages, and domain errors turned into answers in one place.

A DomainError's status is the answer's status: 400 for a rule the request broke, 403 for a
refusal, 409 for a change someone else made meanwhile, 422 for input the service refused.
Features that can show the refused page again (the claim page) register their own handler
for their blueprint; everywhere else the error page says what went wrong and links back.
"""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, SecurityError

from ..config import size_label
from ..errors import ConflictError, DomainError
from ..extensions import db
from .guard import answers_json, can_build_urls
from .respond import back

ERROR_TEXT = {
    400: ("Bad request", "The request could not be understood. Go back and try again."),
    403: ("Not allowed", "Your role does not allow this. Ask an editor or admin if you need it."),
    404: ("Not found", "There is nothing at this address. Check the link or use the menu."),
    405: ("Not allowed", "This address does not accept that kind of request."),
    409: (
        "Changed meanwhile",
        "Someone else changed this while you were working on it. "
        "Reload the page to see the current version.",
    ),
    410: ("Gone", "This page was withdrawn."),
    413: ("Too large", "The file or text is larger than this install accepts."),
    422: ("Cannot process", "Some of what you sent is not valid. Go back and check the form."),
    429: ("Too many requests", "Slow down and try again in a minute."),
    500: (
        "Something went wrong",
        "The error was logged. Try again; if it keeps happening, "
        "tell your admin what you were doing.",
    ),
}


# For a request no URL can be built for (a Host that is not ours): a whole page with relative
# links only, so that rendering the refusal cannot fail in turn.
BARE_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="/static/css/app.css"></head>
<body class="desk"><main><div class="card narrow">
<h1>{title}</h1>
<p>{text}</p>
<p class="muted">Error {code}.</p>
<p><a class="btn" href="/">Home</a></p>
</div></main></body>
</html>
"""


def error_page(
    code: int, text: str | None = None, title: str | None = None
) -> tuple[str | Response, int]:
    """The generic error page for `code`, with our wording unless `text` is given; for a
    @json_view, the same words as JSON."""
    default_title, default_text = ERROR_TEXT.get(code, ("Error", ""))
    if not can_build_urls():
        page = BARE_PAGE.format(
            title=escape(title or default_title), text=escape(text or default_text), code=code
        )
        return Response(page, mimetype="text/html"), code
    if answers_json():
        return jsonify(error=text or default_text), code
    return render_template(
        "errors.html",
        code=code,
        title=title or default_title,
        text=text or default_text,
        back=back(),
    ), code


def stale_conflict() -> ConflictError:
    """The conflict an optimistic-lock failure (two writers at once) is reported as."""
    return ConflictError(ERROR_TEXT[409][1])


def init_app(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def _domain_error(exc: DomainError):
        db.session.rollback()
        return error_page(exc.status, exc.message)

    @app.errorhandler(StaleDataError)
    def _stale(exc: StaleDataError):
        db.session.rollback()
        return error_page(409)

    @app.errorhandler(CSRFError)
    def _csrf(exc: CSRFError):
        return error_page(
            400,
            "The form was missing its security token or it expired. "
            "Go back, reload the page and submit again.",
            title="Form expired",
        )

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        if exc.code is None or exc.code < 400:
            return exc
        if isinstance(exc, SecurityError):
            # A Host header not in TRUSTED_HOSTS (or on a port not ours): the page names no
            # host, so nothing of the forged one is reflected.
            return error_page(
                400, "This site does not answer to that host name or port.", title="Unknown host"
            )
        # The exception's own headers (Allow on a 405, Retry-After on a 429) stay.
        headers = [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]
        body, code = _page_for(exc)
        return body, code, headers

    def _page_for(exc: HTTPException) -> tuple[str | Response, int]:
        assert exc.code is not None
        if exc.code == 413:
            sent = size_label(app.config["MAX_CONTENT_LENGTH"])
            text = size_label(app.config["ARTICLE_MAX_BYTES"])
            return error_page(
                413,
                f"Uploads and pasted articles can be at most {sent}, and an article's text at "
                f"most {text}. Split the article or remove material that is not part of it, "
                "then try again.",
            )
        if exc.code in ERROR_TEXT:
            return error_page(exc.code)
        return error_page(exc.code, exc.description, title=exc.name)

    @app.errorhandler(Exception)
    def _crash(exc: Exception):
        if isinstance(exc, HTTPException):
            return _http(exc)
        db.session.rollback()
        app.logger.error(
            "Unhandled error on %s %s",
            request.method,
            request.path.replace("\n", "\\n"),
            exc_info=exc,
        )
        return error_page(500)
