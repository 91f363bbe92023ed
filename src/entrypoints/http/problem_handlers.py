"""The exception handlers of the app: every error becomes its problem (`problems`), our outages are noted for
operators (`upstream_problems`), and anything unknown is a logged 500 that reveals only the request id."""

from __future__ import annotations

from typing import Any

import structlog
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_401_UNAUTHORIZED, HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ExceptionHandlersMap

from application.errors import RequestInProgressError, UpstreamConfigurationError, UpstreamUnavailableError
from application.identity.errors import RateLimitedError
from domain.errors import DomainError
from entrypoints.http.method_semantics import allowed_methods
from entrypoints.http.problems import (
    DEFAULT_RETRY_AFTER_SECONDS,
    HTTP_CODES,
    PROBLEM_LINKS,
    PROBLEM_STATUSES,
    RETRY_AFTER_ERRORS,
    SESSION_CHALLENGE,
    VALIDATION_FAILED,
    challenge_for,
    new_problem,
    problem_response,
    status_for,
)
from entrypoints.http.request_id import current_request_id
from entrypoints.http.upstream_problems import APP_STATE_KEY, UpstreamProblems

log = structlog.get_logger(__name__)


def known_error_handler(request: Request[Any, Any, Any], error: Exception) -> Response[bytes]:
    status, title = status_for(type(error))
    code = str(getattr(error, "code", "ERROR"))
    detail = getattr(error, "message", str(error))
    fields = getattr(error, "fields", None) or None
    if isinstance(error, DomainError) and error.field:
        fields = {error.field: error.message}
    headers = {"Retry-After": _retry_after(error)} if isinstance(error, RETRY_AFTER_ERRORS) else {}
    if challenge := challenge_for(type(error)):
        headers["WWW-Authenticate"] = challenge
    if isinstance(error, UpstreamUnavailableError | UpstreamConfigurationError):
        _note_upstream_problem(request, error, code, detail)
    problem = new_problem(
        status,
        code,
        title,
        detail=detail,
        errors=fields,
        request_id=current_request_id(request.scope),
        links=PROBLEM_LINKS.get(code),
    )
    return problem_response(problem, headers or None)


def _note_upstream_problem(
    request: Request[Any, Any, Any],
    error: UpstreamUnavailableError | UpstreamConfigurationError,
    code: str,
    detail: str,
) -> None:
    if isinstance(error, UpstreamUnavailableError):
        log.warning("upstream_unavailable", system=error.system, detail=detail, path=request.url.path)
    else:
        log.error("upstream_misconfigured", system=error.system, detail=detail, path=request.url.path)
    problems: UpstreamProblems | None = getattr(request.app.state, APP_STATE_KEY, None)
    if problems is not None:
        problems.record(error.system, code, detail)


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
    title = error.__class__.__name__.replace("Exception", "").replace("Error", "") or "Error"
    headers = dict(error.headers) if error.headers else {}
    if error.status_code == HTTP_401_UNAUTHORIZED:
        headers.setdefault("WWW-Authenticate", SESSION_CHALLENGE)
    allow = next((name for name in headers if name.lower() == "allow"), None)
    if allow is not None:  # 405: HEAD is answered wherever GET is (`method_semantics`)
        headers[allow] = allowed_methods(method.strip() for method in headers[allow].split(","))
    problem = new_problem(
        error.status_code,
        code,
        title,
        detail=error.detail,
        errors=fields,
        request_id=current_request_id(request.scope),
    )
    return problem_response(problem, headers or None)


def unexpected_error_handler(request: Request[Any, Any, Any], error: Exception) -> Response[bytes]:
    request_id = current_request_id(request.scope)
    log.exception("unhandled_error", path=request.url.path, method=request.method)
    problem = new_problem(
        HTTP_500_INTERNAL_SERVER_ERROR,
        "INTERNAL_ERROR",
        "Internal server error",
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
