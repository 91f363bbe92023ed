"""File a support case for the linked account: Origin "Portal Website", Status "New", under the contact if known.

Once per request: the case carries a key made of the user and the request's Idempotency-Key, so a retry after a
lost answer finds the case instead of opening a second one.
"""

from __future__ import annotations

import hashlib
from typing import ClassVar
from uuid import UUID

import msgspec

from application.errors import InvalidInputError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import SUPPORT_OUTAGES, SupportUnavailableError, reported_as
from application.ports.case_desk import CaseDesk, CasePriority, NewCase, SupportCase

SUBJECT_MAX = 255  # Case.Subject
DESCRIPTION_MAX = 32_000  # Case.Description is a 32 KB long text area


class OpenCaseCommand(msgspec.Struct, frozen=True, kw_only=True):
    idempotency_key: str  # the client's, for this one request (a retry sends it again)
    subject: str
    description: str
    category: str | None = None  # Case.Type
    priority: CasePriority = "Medium"


def case_key(user_id: UUID, idempotency_key: str) -> str:
    """The case's request key: the same user's retry with the same Idempotency-Key finds the same case."""
    return "pc-" + hashlib.sha256(f"{user_id}:{idempotency_key}".encode()).hexdigest()[:40]


def _required(field: str, value: str, limit: int) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise InvalidInputError(f"Enter a {field}.", fields={field: "This field is required."})
    if len(cleaned) > limit:
        raise InvalidInputError(f"The {field} is too long.", fields={field: f"Use at most {limit} characters."})
    return cleaned


class OpenCase:
    raises: ClassVar[Raises] = (InvalidInputError, *SUPPORT_OUTAGES)

    def __init__(self, desk: CaseDesk) -> None:
        self._desk = desk

    async def execute(self, customer: LinkedCustomer, command: OpenCaseCommand) -> SupportCase:
        new_case = NewCase(
            account_id=customer.sf_account_id,
            request_key=case_key(customer.user_id, command.idempotency_key),
            contact_id=customer.sf_contact_id,
            subject=_required("subject", command.subject, SUBJECT_MAX),
            description=_required("description", command.description, DESCRIPTION_MAX),
            type=command.category,
            priority=command.priority,
        )
        # Never retried here: the desk looks a lost answer up by the key, and if it cannot the customer sees a
        # 503 and retries with the same key, which finds the case if it was made.
        with reported_as(SupportUnavailableError):
            return await self._desk.create_case(new_case)
