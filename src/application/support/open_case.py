"""File a support case for the linked account: Origin "Portal Website", Status "New", under the contact if known."""

from __future__ import annotations

import msgspec

from application.errors import InvalidInputError
from application.identity.linked_customer import LinkedCustomer
from application.outages import SupportUnavailableError, reported_as
from application.ports.case_desk import CaseDesk, CasePriority, NewCase, SupportCase

SUBJECT_MAX = 255  # Case.Subject
DESCRIPTION_MAX = 32_000  # Case.Description is a 32 KB long text area


class OpenCaseCommand(msgspec.Struct, frozen=True, kw_only=True):
    subject: str
    description: str
    category: str | None = None  # Case.Type
    priority: CasePriority = "Medium"


def _required(field: str, value: str, limit: int) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise InvalidInputError(f"Enter a {field}.", fields={field: "This field is required."})
    if len(cleaned) > limit:
        raise InvalidInputError(f"The {field} is too long.", fields={field: f"Use at most {limit} characters."})
    return cleaned


class OpenCase:
    def __init__(self, desk: CaseDesk) -> None:
        self._desk = desk

    async def execute(self, customer: LinkedCustomer, command: OpenCaseCommand) -> SupportCase:
        new_case = NewCase(
            account_id=customer.sf_account_id,
            contact_id=customer.sf_contact_id,
            subject=_required("subject", command.subject, SUBJECT_MAX),
            description=_required("description", command.description, DESCRIPTION_MAX),
            type=command.category,
            priority=command.priority,
        )
        # A create is never retried blindly (a lost answer would mean two cases): the customer sees a 503.
        with reported_as(SupportUnavailableError):
            return await self._desk.create_case(new_case)
