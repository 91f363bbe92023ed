"""Support cases, read and written live in the CRM (never cached), always scoped to the caller's account.

Errors: NotFoundError (no such case, or another account's: the two look the same), InvalidInputError (the
CRM refused the values, e.g. a subject too long), UpstreamConfigurationError, UpstreamUnavailableError.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Protocol

import msgspec

CasePriority = Literal["Low", "Medium", "High", "Critical"]
PORTAL_CASE_ORIGIN = "Portal Website"
NEW_CASE_STATUS = "New"


class SupportCase(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    case_number: str
    subject: str | None
    description: str | None
    status: str
    priority: str | None
    type: str | None
    origin: str | None
    is_closed: bool
    created_at: dt.datetime
    last_modified_at: dt.datetime
    closed_at: dt.datetime | None


class CaseComment(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    body: str
    published: bool
    created_at: dt.datetime
    created_by_portal: bool  # written through the portal (by this integration) rather than by an agent


class SupportCaseDetail(msgspec.Struct, frozen=True, kw_only=True):
    case: SupportCase
    comments: tuple[CaseComment, ...]  # oldest first


class NewCase(msgspec.Struct, frozen=True, kw_only=True):
    account_id: str
    # Who asked and with which Idempotency-Key (see `application.support.open_case.case_key`): kept on the case,
    # so a retry of the same request finds the case it opened instead of opening a second.
    request_key: str
    subject: str
    description: str
    contact_id: str | None = None
    type: str | None = None
    priority: CasePriority = "Medium"


class CaseDesk(Protocol):
    async def list_cases(self, account_id: str) -> tuple[SupportCase, ...]:
        """Newest first."""
        ...

    async def get_case(self, account_id: str, case_id: str) -> SupportCaseDetail: ...

    async def create_case(self, new_case: NewCase) -> SupportCase:
        """Filed with Origin "Portal Website" and Status "New".

        At most one case per request key: if the account already has the key's case, that case is returned. An
        answer lost on the way (a timeout) is looked up by the key before anyone sends again; only when that
        look-up fails too is the outcome unknown (UpstreamUnavailableError), and a retry with the same key is
        still safe.
        """
        ...

    async def add_comment(self, account_id: str, case_id: str, body: str) -> CaseComment:
        """A lost answer is looked for among the case's comments before the error is raised.

        A case comment can hold no key of ours, so when that look-up fails too a retry may post the text again.
        """
        ...
