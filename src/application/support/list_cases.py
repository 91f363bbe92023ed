"""The linked account's support cases, newest first, read live from the CRM (cases are never cached)."""

from __future__ import annotations

from typing import ClassVar

from application.errors import Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import SUPPORT_OUTAGES, SupportUnavailableError, reported_as
from application.ports.case_desk import CaseDesk, SupportCase


class ListCases:
    raises: ClassVar[Raises] = SUPPORT_OUTAGES

    def __init__(self, desk: CaseDesk) -> None:
        self._desk = desk

    async def execute(self, customer: LinkedCustomer) -> tuple[SupportCase, ...]:
        with reported_as(SupportUnavailableError):
            return await self._desk.list_cases(customer.sf_account_id)
