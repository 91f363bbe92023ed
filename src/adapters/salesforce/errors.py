"""Salesforce REST failures → application errors (one table, shared by every Salesforce adapter)."""

from __future__ import annotations

from typing import Any

import requests
from simple_salesforce.exceptions import (
    SalesforceError,
    SalesforceMalformedRequest,
    SalesforceMoreThanOneRecord,
    SalesforceRefusedRequest,
    SalesforceResourceNotFound,
)

from application.errors import (
    ApplicationError,
    ConflictError,
    InvalidInputError,
    NotFoundError,
    UpstreamConfigurationError,
    UpstreamUnavailableError,
)

SYSTEM = "Salesforce"
# 400s that mean our query or our idea of the org's schema is wrong, not the user's input.
_OUR_MISTAKES = frozenset({"MALFORMED_QUERY", "INVALID_FIELD", "INVALID_TYPE", "INVALID_QUERY_FILTER_OPERATOR"})
_TRANSIENT_400 = frozenset({"QUERY_TIMEOUT", "UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE"})
# A Unique field's value is already on another record: a conflict with what exists, not a bad value.
_CONFLICTS_400 = frozenset({"DUPLICATE_VALUE"})
_LIMIT_BACKOFF_SECONDS = 60.0


def first_error(content: Any) -> tuple[str, str, list[str]]:
    """(errorCode, message, fields) of Salesforce's error array, tolerating other shapes."""
    if isinstance(content, list) and content and isinstance(content[0], dict):
        entry = content[0]
        fields = entry.get("fields") or []
        return str(entry.get("errorCode", "")), str(entry.get("message", "")), [str(f) for f in fields]
    return "", str(content)[:200], []


def map_salesforce_error(exc: Exception) -> ApplicationError:
    if isinstance(exc, SalesforceError):
        return _map_http_error(exc)
    if isinstance(exc, requests.exceptions.SSLError):
        return UpstreamConfigurationError(SYSTEM, "The Salesforce TLS certificate is not trusted.")
    if isinstance(exc, requests.exceptions.Timeout):
        return UpstreamUnavailableError(SYSTEM, "Salesforce did not answer in time.")
    if isinstance(exc, requests.exceptions.RequestException):
        return UpstreamUnavailableError(SYSTEM, "Salesforce is unreachable.")
    if isinstance(exc, ValueError):  # a 2xx whose body is not JSON (a proxy's error page)
        return UpstreamUnavailableError(SYSTEM, "Salesforce sent an unreadable reply.")
    raise exc


def _map_http_error(exc: SalesforceError) -> ApplicationError:
    code, message, fields = first_error(exc.content)
    if isinstance(exc, SalesforceResourceNotFound):
        return NotFoundError()
    if isinstance(exc, SalesforceMoreThanOneRecord):
        return ConflictError("Several records match where one was expected.")
    if isinstance(exc, SalesforceRefusedRequest) and code == "REQUEST_LIMIT_EXCEEDED":
        return UpstreamUnavailableError(SYSTEM, "Salesforce API quota exhausted.", retry_after=_LIMIT_BACKOFF_SECONDS)
    if isinstance(exc, SalesforceMalformedRequest):
        return map_bad_request(code, message, fields)
    if exc.status >= 500:
        return UpstreamUnavailableError(SYSTEM, f"Salesforce answered {exc.status}.")
    # 401 after a fresh token, other 403s (permissions), 405/410/414/415: our configuration is wrong.
    return UpstreamConfigurationError(SYSTEM, f"Salesforce answered {exc.status}: {code or message}")


def map_bad_request(code: str, message: str, fields: list[str]) -> ApplicationError:
    if code in _TRANSIENT_400:
        return UpstreamUnavailableError(SYSTEM, f"Salesforce is busy: {code}")
    if code in _CONFLICTS_400:
        return ConflictError(message or "A record with this unique value already exists.")
    if code in _OUR_MISTAKES:
        return UpstreamConfigurationError(SYSTEM, f"Salesforce rejected our request: {code}: {message}")
    return InvalidInputError(message or "These values were refused.", fields=dict.fromkeys(fields, message))
