"""One of the account's cases with its public comments; another account's case is simply not found."""

from __future__ import annotations

from typing import ClassVar

import msgspec

from application.errors import NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import SUPPORT_OUTAGES, SupportUnavailableError, reported_as
from application.ports.case_desk import CaseDesk, SupportCaseDetail
from application.support.case_ids import CASE_NOT_FOUND, parse_case_id


class GetCase:
    raises: ClassVar[Raises] = (NotFoundError, *SUPPORT_OUTAGES)

    def __init__(self, desk: CaseDesk) -> None:
        self._desk = desk

    async def execute(self, customer: LinkedCustomer, case_id: str) -> SupportCaseDetail:
        try:
            with reported_as(SupportUnavailableError):
                detail = await self._desk.get_case(customer.sf_account_id, parse_case_id(case_id))
        except NotFoundError as error:
            raise NotFoundError(CASE_NOT_FOUND) from error
        # Agents' internal notes are unpublished comments: never the customer's to read.
        public = tuple(comment for comment in detail.comments if comment.published)
        return msgspec.structs.replace(detail, comments=public)
