"""Identity documents in the CRM: the files (Salesforce Files linked to the Account) and the Account's verification
status, which staff set to Verified or Rejected (with a reason) after looking at them.

Errors: NotFoundError (no such account), InvalidInputError, UpstreamConfigurationError, UpstreamUnavailableError.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

import msgspec

from application.ports.crm_models import IdVerificationStatus


class VerificationState(msgspec.Struct, frozen=True, kw_only=True):
    status: IdVerificationStatus
    rejection_reason: str | None = None
    submitted_at: dt.datetime | None = None
    contact_email: str | None = None  # the Account's first Contact's: where the outcome is mailed


class DocumentFile(msgspec.Struct, frozen=True, kw_only=True):
    title: str  # e.g. "Residence card (front)"
    file_name: str  # e.g. "residence-card-front.jpg": the extension is the kind found in the bytes
    content: bytes


class IdentityDocuments(Protocol):
    async def state(self, account_id: str) -> VerificationState: ...

    async def submit(self, account_id: str, files: list[DocumentFile], *, submission: str) -> None:
        """Store the files on the Account, then mark it submitted ("Pending", reason cleared). `submission` names
        this submission: files already stored under it are not stored again (a retry after a lost answer)."""
        ...
