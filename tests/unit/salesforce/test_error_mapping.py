from __future__ import annotations

from typing import Any, cast

import pytest
import requests
from simple_salesforce.exceptions import (
    SalesforceExpiredSession,
    SalesforceGeneralError,
    SalesforceMalformedRequest,
    SalesforceMoreThanOneRecord,
    SalesforceRefusedRequest,
    SalesforceResourceNotFound,
)

from adapters.salesforce.errors import map_salesforce_error
from application.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    UpstreamConfigurationError,
    UpstreamUnavailableError,
)


def body(code: str, fields: list[str] | None = None) -> Any:
    """What simple-salesforce stores as `content`: the parsed JSON error array (its annotation says bytes)."""
    return [{"message": f"{code} happened", "errorCode": code, "fields": fields or []}]


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (SalesforceResourceNotFound("u", 404, "r", body("NOT_FOUND")), NotFoundError),
        (SalesforceMoreThanOneRecord("u", 300, "r", cast(Any, ["/a", "/b"])), ConflictError),
        (SalesforceMalformedRequest("u", 400, "r", body("REQUIRED_FIELD_MISSING", ["Status"])), InvalidInputError),
        (SalesforceMalformedRequest("u", 400, "r", body("STRING_TOO_LONG", ["Subject"])), InvalidInputError),
        (SalesforceMalformedRequest("u", 400, "r", body("MALFORMED_QUERY")), UpstreamConfigurationError),
        (SalesforceMalformedRequest("u", 400, "r", body("INVALID_FIELD")), UpstreamConfigurationError),
        (SalesforceMalformedRequest("u", 400, "r", body("QUERY_TIMEOUT")), UpstreamUnavailableError),
        (SalesforceExpiredSession("u", 401, "r", body("INVALID_SESSION_ID")), UpstreamConfigurationError),
        (SalesforceRefusedRequest("u", 403, "r", body("REQUEST_LIMIT_EXCEEDED")), UpstreamUnavailableError),
        (SalesforceRefusedRequest("u", 403, "r", body("INSUFFICIENT_ACCESS")), UpstreamConfigurationError),
        (SalesforceGeneralError("u", 500, "r", body("UNKNOWN_EXCEPTION")), UpstreamUnavailableError),
        (SalesforceGeneralError("u", 503, "r", cast(Any, "<html>down</html>")), UpstreamUnavailableError),
        (SalesforceGeneralError("u", 410, "r", body("API_RETIRED")), UpstreamConfigurationError),
        (requests.exceptions.ReadTimeout(), UpstreamUnavailableError),
        (requests.exceptions.ConnectionError(), UpstreamUnavailableError),
        (requests.exceptions.SSLError(), UpstreamConfigurationError),
        (ValueError("Expecting value"), UpstreamUnavailableError),
    ],
)
def test_maps_every_failure(exc: Exception, expected: type[Exception]) -> None:
    assert type(map_salesforce_error(exc)) is expected


def test_field_errors_name_their_fields() -> None:
    exc = SalesforceMalformedRequest("u", 400, "r", body("REQUIRED_FIELD_MISSING", ["Status", "EffectiveDate"]))

    mapped = map_salesforce_error(exc)

    assert isinstance(mapped, InvalidInputError)
    assert set(mapped.fields) == {"Status", "EffectiveDate"}


def test_unknown_exceptions_are_not_disguised() -> None:
    with pytest.raises(KeyError):
        map_salesforce_error(KeyError("bug"))
