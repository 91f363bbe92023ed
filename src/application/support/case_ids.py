"""A case id from a URL: anything that cannot be a Salesforce id is a case that does not exist."""

from __future__ import annotations

from application.errors import NotFoundError
from domain.errors import DomainError
from domain.identity.salesforce_id import SalesforceId

CASE_NOT_FOUND = "Case not found."


def parse_case_id(raw: str) -> str:
    try:
        return SalesforceId.parse(raw).value
    except DomainError as error:
        raise NotFoundError(CASE_NOT_FOUND) from error
