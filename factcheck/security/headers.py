"""Response headers on every page (ASVS V14.4) and cookie settings (V3.4)."""

from __future__ import annotations

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface

# A 'self' allow-list: no inline script or style anywhere (templates keep to that; the semgrep
# rules in .ci/semgrep.yml check it), no plugins, no <base>, forms post only here, no framing.
CSP = (
    "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HSTS = "max-age=31536000; includeSubDomains"


def uses_https(app: Flask) -> bool:
    return app.config.get("PREFERRED_URL_SCHEME") == "https"


def configure_cookies(app: Flask) -> None:
    """Secure, host-only cookies when the site is served over HTTPS; always HttpOnly and
    SameSite=Lax (the session must survive following a link into the desk)."""
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    if app.config.get("SESSION_COOKIE_SAMESITE") not in ("Lax", "Strict"):
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    if uses_https(app):
        app.config["SESSION_COOKIE_SECURE"] = True
        # __Host- cookies must be Secure, Path=/ and carry no Domain: the browser then refuses
        # them from any other host or over plain HTTP.
        app.config["SESSION_COOKIE_NAME"] = "__Host-session"
        app.config["SESSION_COOKIE_PATH"] = "/"
        app.config["SESSION_COOKIE_DOMAIN"] = None
        app.config["REMEMBER_COOKIE_SECURE"] = True
    app.config["REMEMBER_COOKIE_HTTPONLY"] = True


class PublicAwareSessions(SecureCookieSessionInterface):
    """Flask adds `Vary: Cookie` whenever anything looked at the session, and Flask-Login
    looks on every response. A public page or a static file never depends on the session, so
    unless it was changed, its response does not vary on the cookie and one cached copy
    serves everyone."""

    def open_session(self, app, request):
        # Most public requests carry no cookie: skip building the signing serializer for
        # them (create_app refuses to start without a secret key, so Flask would not
        # return its null session here either). Issue 14's web benchmark.
        if app.secret_key and not request.cookies.get(self.get_cookie_name(app)):
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app, session, response) -> None:
        super().save_session(app, session, response)
        from ..web.guard import PUBLIC_BLUEPRINTS

        endpoint = request.endpoint or ""
        if not session.modified and (
            endpoint == "static" or endpoint.split(".", 1)[0] in PUBLIC_BLUEPRINTS
        ):
            response.vary.discard("Cookie")


def init_app(app: Flask) -> None:
    configure_cookies(app)
    app.session_interface = PublicAwareSessions()
    https = uses_https(app)

    from ..web.guard import PUBLIC_BLUEPRINTS

    @app.after_request
    def _headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # same-origin, not no-referrer: Flask-WTF checks the Referer of posts made over HTTPS.
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if https or request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        endpoint = request.endpoint
        if endpoint and endpoint != "static" and endpoint.split(".", 1)[0] not in PUBLIC_BLUEPRINTS:
            # What a staff page shows depends on who is signed in: caches must key on the
            # cookie (and, with no-store, not keep it at all). That includes the staff pages
            # anyone may open (sign-in, setup): they carry a form with a session-bound token.
            # Public pages and the API are the same for every reader and never read the
            # session, so they leave Vary alone and a CDN can serve one copy to everyone.
            response.vary.add("Cookie")
            response.headers["Cache-Control"] = "no-store"
        return response
