"""Domain errors raised by services; create_app() turns them into pages and flashes in one place."""

from __future__ import annotations


class DomainError(Exception):
    """A request the domain refuses; the message is shown to the user as is."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PermissionDenied(DomainError):
    status = 403


class ConflictError(DomainError):
    """Someone else changed the object since the form was loaded."""

    status = 409

    def __init__(self, message: str, current=None) -> None:
        super().__init__(message)
        self.current = current


class ValidationError(DomainError):
    status = 422


class NotFound(DomainError):
    """What the action needs no longer exists (deleted meanwhile)."""

    status = 404
