"""Every error leaves as `application/problem+json` (RFC 9457) with a stable machine `code`.

`PROBLEM_STATUSES` is the one table from domain/application errors to HTTP; an error class not in it inherits its
nearest listed ancestor's status and keeps its own `code`. The code decides the rest (`problem_types`): the `type`
URI that describes it, its stable `title`, and for our own failures (5xx) the words customers see — the error's own
message, which may name a system or its state, goes to the log and `GET /api/health/upstreams` instead. Anything
unknown becomes a logged 500 that reveals nothing but the request id (`problem_handlers`).

Statuses follow one rule: **400** for a request that breaks the published contract (its schema, a required header,
the edge's input rules) — a client bug, found without looking anything up; **422** for a well-formed request a
business rule refuses (a weak password, an unknown customer number, a cart that cannot be sold) — something to
show the person. Every 401 carries a `WWW-Authenticate` challenge.
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Response
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from application.errors import (
    AuthenticationRequiredError,
    ConflictError,
    ContractViolationError,
    InvalidInputError,
    NotFoundError,
    RequestInProgressError,
    UpstreamConfigurationError,
    UpstreamUnavailableError,
)
from application.identity.errors import AccountNotLinkedError, CsrfTokenError, RateLimitedError
from application.orders.errors import PaymentMethodMissingError
from domain.errors import DomainError
from entrypoints.http.problem_types import type_of, type_uri
from entrypoints.http.webhooks.signature import WebhookSignatureError

MEDIA_TYPE = "application/problem+json"


class Problem(msgspec.Struct, kw_only=True, omit_defaults=True, rename="camel"):
    type: str = "about:blank"
    title: str
    status: int
    code: str
    detail: str | None = None
    request_id: str | None = None
    errors: dict[str, str] | None = None  # field name → what is wrong with it
    links: dict[str, str] | None = None  # what the client can do about it: relation → API path


PROBLEM_STATUSES: dict[type[Exception], tuple[int, str]] = {
    DomainError: (422, "Invalid value"),
    InvalidInputError: (422, "Invalid input"),
    ContractViolationError: (400, "Bad request"),
    NotFoundError: (404, "Not found"),
    ConflictError: (409, "Conflict"),
    AuthenticationRequiredError: (401, "Authentication required"),
    UpstreamUnavailableError: (503, "Service temporarily unavailable"),
    UpstreamConfigurationError: (502, "Upstream misconfigured"),
    CsrfTokenError: (403, "CSRF check failed"),
    AccountNotLinkedError: (403, "Account not linked"),
    RateLimitedError: (429, "Too many requests"),
    RequestInProgressError: (409, "Request in progress"),
    PaymentMethodMissingError: (409, "Payment method missing"),
}

# Problems the client can fix by following a link (the link mints what is needed, e.g. a single-use SSO URL).
PROBLEM_LINKS: dict[str, dict[str, str]] = {
    "PAYMENT_METHOD_MISSING": {"addPaymentMethod": "/api/billing/payment-methods/manage-link"},
}

# Litestar's own errors, by status, so routing and validation failures carry stable codes too.
HTTP_CODES = {
    400: "BAD_REQUEST",
    401: "AUTHENTICATION_REQUIRED",
    403: "FORBIDDEN",
    404: "ROUTE_NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    429: "RATE_LIMITED",
}
VALIDATION_FAILED = "VALIDATION_FAILED"  # a request its schema refuses (Litestar's ValidationException)
DEFAULT_RETRY_AFTER_SECONDS = 5
# Problems that tell the client when to try again (a `Retry-After` header).
RETRY_AFTER_ERRORS = (RateLimitedError, RequestInProgressError, UpstreamUnavailableError)
# How to authenticate, on every 401 (RFC 9110 §11.6.1). Sessions are cookies: the challenge is the "Cookie" scheme
# of draft-broyer-http-cookie-auth, naming where to sign in.
SESSION_CHALLENGE = 'Cookie realm="customer-portal", form-action="/api/auth/login"'
SIGNATURE_CHALLENGE = 'Signature realm="whmcs-webhooks", headers="webhook-id webhook-timestamp webhook-signature"'
CHALLENGES: dict[type[Exception], str] = {
    WebhookSignatureError: SIGNATURE_CHALLENGE,
    AuthenticationRequiredError: SESSION_CHALLENGE,
}


def new_problem(status: int, code: str, fallback_title: str, **fields: Any) -> Problem:
    """A problem with its code's `type` and stable title (a code without a row: about:blank and the status's)."""
    row = type_of(code)
    if row is None:
        return Problem(title=fallback_title, status=status, code=code, **fields)
    if status >= HTTP_500_INTERNAL_SERVER_ERROR and row.customer_detail:
        fields["detail"] = row.customer_detail  # our own failure: never the error's own words
    return Problem(type=type_uri(code), title=row.title, status=status, code=code, **fields)


def problem_response(problem: Problem, headers: dict[str, str] | None = None) -> Response[bytes]:
    return Response(msgspec.json.encode(problem), status_code=problem.status, media_type=MEDIA_TYPE, headers=headers)


def _nearest(kind: type[Exception], table: dict[type[Exception], Any]) -> Any:
    for ancestor in kind.__mro__:
        if ancestor in table:
            return table[ancestor]
    return None


def status_for(kind: type[Exception]) -> tuple[int, str]:
    """The status and title of an error class: its own row, or its nearest listed ancestor's."""
    found: tuple[int, str] | None = _nearest(kind, PROBLEM_STATUSES)
    if found is None:
        raise LookupError(kind.__name__)
    return found


def challenge_for(kind: type[Exception]) -> str | None:
    """The `WWW-Authenticate` challenge a 401 of this error class carries."""
    found: str | None = _nearest(kind, CHALLENGES)
    return found
