"""Add the customer's comment to one of the account's cases."""

from __future__ import annotations

from typing import ClassVar

from application.errors import InvalidInputError, NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import SUPPORT_OUTAGES, SupportUnavailableError, reported_as
from application.ports.case_desk import CaseComment, CaseDesk
from application.support.case_ids import CASE_NOT_FOUND, parse_case_id

COMMENT_MAX = 4_000  # CaseComment.CommentBody


class CommentOnCase:
    raises: ClassVar[Raises] = (InvalidInputError, NotFoundError, *SUPPORT_OUTAGES)

    def __init__(self, desk: CaseDesk) -> None:
        self._desk = desk

    async def execute(self, customer: LinkedCustomer, case_id: str, body: str) -> CaseComment:
        text = body.strip()
        if not text or len(text) > COMMENT_MAX:
            message = "This field is required." if not text else f"Use at most {COMMENT_MAX} characters."
            raise InvalidInputError("Enter a comment of at most 4,000 characters.", fields={"body": message})
        try:
            with reported_as(SupportUnavailableError):
                return await self._desk.add_comment(customer.sf_account_id, parse_case_id(case_id), text)
        except NotFoundError as error:
            raise NotFoundError(CASE_NOT_FOUND) from error
