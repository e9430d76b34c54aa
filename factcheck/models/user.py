from __future__ import annotations

import datetime as dt
import secrets
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from ._types import UTCDateTime, str_enum, utcnow


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


class Role(StrEnum):
    CHECKER = "checker"
    EDITOR = "editor"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)


class User(UserMixin, Model):
    __tablename__ = "users"
    NAME_MAX = 120
    EMAIL_MAX = 254
    PASSWORD_MIN = 8
    PASSWORD_MAX = 128

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(EMAIL_MAX), unique=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"), default=Role.CHECKER)
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Carried in the login id; a new value ends every session of the user (security/sessions).
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    # Two-factor sign-in (security/totp): the base32 secret, and the time step of the last code
    # accepted, so a code works once.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users at login and on load.
        return self.active

    def has_role(self, role: Role) -> bool:
        """True if the user's role is `role` or above it (checker < editor < admin)."""
        return self.role.rank >= role.rank

    def get_id(self) -> str:
        """The login id sessions carry: the user's id and current session token."""
        return f"{self.id}:{self.session_token}"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role}>"
