from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.identity.email import EmailAddress


class UserStatus(StrEnum):
    ACTIVE = "active"
    PENDING = "pending"  # sign-up saga not finished yet
    DISABLED = "disabled"


@dataclass(slots=True)
class User:
    """A portal login. Holds no WHMCS or Salesforce credentials: only our own password hash."""

    id: UUID
    email: EmailAddress
    password_hash: str | None  # None until a linked customer sets a portal password
    status: UserStatus
    created_at: datetime
    updated_at: datetime

    @property
    def can_log_in(self) -> bool:
        return self.status is UserStatus.ACTIVE and self.password_hash is not None
