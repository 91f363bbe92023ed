"""Which account an operator means: a Salesforce account id, checked before anything is touched."""

from __future__ import annotations

from application.errors import InvalidInputError
from domain.errors import DomainError
from domain.identity.salesforce_id import SalesforceId


def account_id(raw: str) -> str:
    try:
        return SalesforceId.parse(raw.strip()).value
    except DomainError as error:
        raise InvalidInputError(f"Not a Salesforce account id: {error}") from None
