"""Domain rule violations. Each has a stable `code`; the HTTP status is decided by the entrypoints."""

from __future__ import annotations

from typing import ClassVar


class DomainError(Exception):
    code: ClassVar[str] = "DOMAIN_ERROR"
    field: ClassVar[str | None] = None

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class InvalidEmailError(DomainError):
    code = "INVALID_EMAIL"
    field = "email"


class InvalidSalesforceIdError(DomainError):
    code = "INVALID_SALESFORCE_ID"


class InvalidCustomerNumberError(DomainError):
    code = "INVALID_CUSTOMER_NUMBER"
    field = "customerNumber"


class InvalidWhmcsClientIdError(DomainError):
    code = "INVALID_WHMCS_CLIENT_ID"
