"""Flask plumbing the feature blueprints share: the guard, inputs, forms, error pages,
template helpers and how a form post ends. Nothing here knows about a particular feature."""

from __future__ import annotations

from flask import Flask

from . import errors, guard, templating


def init_app(app: Flask) -> None:
    """The guard first: deny-by-default must run before the CSRF check."""
    guard.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
