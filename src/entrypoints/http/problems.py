"""Every error leaves as `application/problem+json` (RFC 9457) with a stable machine `code`.

`PROBLEM_STATUSES` is the one table from domain/application errors to HTTP; an error class not in it inherits its
nearest listed ancestor's status and keeps its own `code`. Anything unknown becomes a logged 500 that reveals
nothing but the request id.
"""

from __future__ import annotations

from typing import Any

import msgspec
import structlog
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ExceptionHandlersMap

from application.errors import (
    AuthenticationRequiredError,
    ConflictError,
    IdempotencyKeyMissingError,
    IdempotencyKeyReusedError,
    InvalidInputError,
    NotFoundError,
    RequestInProgressError,
    UpstreamConfigurationError,
    UpstreamUnavailableError,
)
from application.identity.errors import AccountNotLinkedError, CsrfTokenError, RateLimitedError
from application.orders.errors import PaymentMethodMissingError
from domain.errors import DomainError
from entrypoints.http.request_id import current_request_id

MEDIA_TYPE = "application/problem+json"
log = structlog.get_logger(__name__)


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
    NotFoundError: (404, "Not found"),
    ConflictError: (409, "Conflict"),
    AuthenticationRequiredError: (401, "Authentication required"),
    UpstreamUnavailableError: (503, "Service temporarily unavailable"),
    UpstreamConfigurationError: (502, "Upstream misconfigured"),
    CsrfTokenError: (403, "CSRF check failed"),
    AccountNotLinkedError: (403, "Account not linked"),
    RateLimitedError: (429, "Too many requests"),
    IdempotencyKeyMissingError: (400, "Idempotency-Key required"),
    IdempotencyKeyReusedError: (422, "Idempotency-Key reused"),
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


def problem_response(problem: Problem, headers: dict[str, str] | None = None) -> Response[bytes]:
    return Response(msgspec.json.encode(problem), status_code=problem.status, media_type=MEDIA_TYPE, headers=headers)


def status_for(kind: type[Exception]) -> tuple[int, str]:
    """The status and title of an error class: its own row, or its nearest listed ancestor's."""
    for ancestor in kind.__mro__:
        if ancestor in PROBLEM_STATUSES:
            return PROBLEM_STATUSES[ancestor]
    raise LookupError(kind.__name__)


def known_error_handler(request: Request[Any, Any, Any], error: Exception) -> Response[bytes]:
    status, title = status_for(type(error))
    code = str(getattr(error, "code", "ERROR"))
    detail = getattr(error, "message", str(error))
    fields = getattr(error, "fields", None) or None
    if isinstance(error, DomainError) and error.field:
        fields = {error.field: error.message}
    headers = {"Retry-After": _retry_after(error)} if isinstance(error, RETRY_AFTER_ERRORS) else None
    if isinstance(error, UpstreamUnavailableError):
        log.warning("upstream_unavailable", system=error.system, path=request.url.path)
    elif isinstance(error, UpstreamConfigurationError):
        log.error("upstream_misconfigured", system=error.system, detail=detail)
    problem = Problem(
        title=title,
        status=status,
        code=code,
        detail=detail,
        errors=fields,
        request_id=current_request_id(request.scope),
        links=PROBLEM_LINKS.get(code),
    )
    return problem_response(problem, headers)


def _retry_after(error: RateLimitedError | RequestInProgressError | UpstreamUnavailableError) -> str:
    if isinstance(error, UpstreamUnavailableError):
        return str(max(1, round(error.retry_after or DEFAULT_RETRY_AFTER_SECONDS)))
    return str(error.retry_after_seconds)


def http_error_handler(request: Request[Any, Any, Any], error: HTTPException) -> Response[bytes]:
    fields = None
    if isinstance(error, ValidationException) and isinstance(error.extra, list):
        fields = {
            str(item.get("key") or item.get("source") or "body"): str(item.get("message")) for item in error.extra
        }
    code = VALIDATION_FAILED if isinstance(error, ValidationException) else HTTP_CODES.get(error.status_code, "ERROR")
    problem = Problem(
        title=error.__class__.__name__.replace("Exception", "").replace("Error", "") or "Error",
        status=error.status_code,
        code=code,
        detail=error.detail,
        errors=fields,
        request_id=current_request_id(request.scope),
    )
    return problem_response(problem, dict(error.headers) if error.headers else None)


def unexpected_error_handler(request: Request[Any, Any, Any], error: Exception) -> Response[bytes]:
    request_id = current_request_id(request.scope)
    log.exception("unhandled_error", path=request.url.path, method=request.method)
    problem = Problem(
        title="Internal server error",
        status=HTTP_500_INTERNAL_SERVER_ERROR,
        code="INTERNAL_ERROR",
        detail=f"Something went wrong on our side. Quote request id {request_id} to support.",
        request_id=request_id,
    )
    return problem_response(problem)


def exception_handlers() -> ExceptionHandlersMap:
    return {
        **dict.fromkeys(PROBLEM_STATUSES, known_error_handler),
        HTTPException: http_error_handler,
        Exception: unexpected_error_handler,
    }
