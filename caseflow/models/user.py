"""Officials, their roles and their API tokens."""

from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.models.base import Base, intpk
from caseflow.models.enums import Role
from caseflow.models.unit import Unit


class User(UserMixin, Base):
    """An official who logs in; belongs to one unit and may hold several roles."""

    __tablename__ = "users"

    id: Mapped[intpk]
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    full_name: Mapped[str] = mapped_column(sa.String(200))
    email: Mapped[str | None] = mapped_column(sa.String(200))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    is_active_user: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until_dt: Mapped[datetime | None]
    # Bumped at logout, password reset, role change and deactivation: older sessions and tokens stop working.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    wants_digest: Mapped[bool] = mapped_column(default=False)
    last_digest_dt: Mapped[datetime | None]
    created_dt: Mapped[datetime]

    unit: Mapped[Unit] = relationship(lazy="joined")
    role_rows: Mapped[list["UserRole"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", back_populates="user"
    )

    def __repr__(self) -> str:
        return f"<User {self.username}>"

    @property
    def roles(self) -> frozenset[Role]:
        """The roles this user holds."""
        return frozenset(Role(row.role) for row in self.role_rows)

    def has_role(self, *roles: Role) -> bool:
        """True when the user holds any of `roles`."""
        return bool(self.roles.intersection(roles))

    @property
    def is_active(self) -> bool:
        """Flask-Login: disabled users cannot log in."""
        return self.is_active_user

    def get_id(self) -> str:
        """Flask-Login: the session names the user and the session version it was opened under."""
        return f"{self.id}.{self.session_version}"

    @property
    def actor_label(self) -> str:
        """How the audit trail names this user."""
        return f"user:{self.username}"


class UserRole(Base):
    """One role held by one user."""

    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[Role] = mapped_column(primary_key=True, index=True)

    user: Mapped[User] = relationship(back_populates="role_rows")


class ApiToken(Base):
    """A bearer token for the API; only its SHA-256 digest is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[intpk]
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    label: Mapped[str] = mapped_column(sa.String(100), default="")
    created_dt: Mapped[datetime]
    expires_dt: Mapped[datetime]
    revoked_dt: Mapped[datetime | None]
    last_used_dt: Mapped[datetime | None]
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")  # the user's, when issued

    user: Mapped[User] = relationship()
