"""The problems each operation documents in OpenAPI: derived from what it runs, never listed by hand.

An operation may answer with
- the errors declared (`raises`) by every class its handler takes from the container; the values a use case
  resolves for handlers (`LinkedCustomer`, `ActiveSession`, `RequestAuth`) count as that use case (`RESOLVED_BY`);
- what the HTTP layer itself refuses: no session (`require_session`), a failed CSRF check (every unsafe method
  not marked `csrf_exempt`), a request that does not validate (a body or parameters), a body over the limit, a
  JSON body or parameter the input rules refuse (`input_rules`), a body beyond the process's bound (`admission`);
- the Litestar exceptions a handler names in its own `raises=[...]`.
Statuses come from the one table in `problems.py`; each documented status lists its stable codes. Responses a
handler writes itself (a 304, a success with another status) are kept as written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from inspect import signature
from typing import Any, get_type_hints

from dishka.integrations.base import default_parse_dependency
from litestar.constants import RESERVED_KWARGS
from litestar.exceptions import HTTPException, ValidationException
from litestar.handlers import HTTPRouteHandler
from litestar.openapi import ResponseSpec

from application.capacity import CapacityExhaustedError
from application.errors import AuthenticationRequiredError, Raises
from application.identity.errors import CsrfTokenError
from application.identity.linked_customer import LinkedCustomer, ResolveLinkedCustomer
from application.identity.resolve_caller import ResolveCaller
from application.identity.sessions import ActiveSession, SessionManager
from application.ports.sessions import Caller
from entrypoints.http.access_rules import AccessRules, needs_session
from entrypoints.http.auth.cookies import SessionCookie
from entrypoints.http.auth.csrf import UNSAFE_METHODS
from entrypoints.http.auth.request_auth import RequestAuth
from entrypoints.http.client_ip import ClientIpResolver
from entrypoints.http.input_rules import ControlCharactersError, JsonTooDeepError, JsonTooManyValuesError
from entrypoints.http.problems import (
    HTTP_CODES,
    MEDIA_TYPE,
    PROBLEM_LINKS,
    RETRY_AFTER_ERRORS,
    VALIDATION_FAILED,
    Problem,
    status_for,
)

_SESSION: Raises = (AuthenticationRequiredError, *SessionManager.raises)
# What resolving a request's value may raise, for the values handlers take that are not use cases themselves.
RESOLVED_BY: Mapping[object, Raises] = {
    RequestAuth: SessionManager.raises,
    ActiveSession: _SESSION,
    Caller: (*_SESSION, *ResolveCaller.raises),
    LinkedCustomer: (*_SESSION, *ResolveCaller.raises, *ResolveLinkedCustomer.raises),
    SessionCookie: (),
    ClientIpResolver: (),
}
MALFORMED_BODY, PAYLOAD_TOO_LARGE = HTTP_CODES[400], HTTP_CODES[413]
JSON_BODY_RULES: Raises = (JsonTooDeepError, JsonTooManyValuesError, ControlCharactersError)  # every JSON body


def injected(handler: HTTPRouteHandler) -> list[Any]:
    """The types the handler takes from the container (its `FromDishka[...]` parameters)."""
    function = getattr(handler.fn, "__dishka_orig_func__", handler.fn)  # dishka's @inject keeps the original
    hints = get_type_hints(function, include_extras=True)
    keys = (default_parse_dependency(p, hints.get(name, Any)) for name, p in signature(function).parameters.items())
    return [key.type_hint for key in keys if key is not None]


def declared(dependency: Any) -> Raises | None:
    """What a dependency declares it may raise; None when it declares nothing (a test insists on a declaration)."""
    found: Raises | None = getattr(dependency, "raises", None)
    return found if found is not None else RESOLVED_BY.get(dependency)


def errors_of(handler: HTTPRouteHandler) -> list[type[Exception]]:
    errors: list[type[Exception]] = []
    for dependency in injected(handler):
        errors += declared(dependency) or ()
    checked_by_access_rules = isinstance(handler.resolve_before_request(), AccessRules)
    if checked_by_access_rules and needs_session(handler.opt):
        errors += _SESSION
    unsafe = bool(handler.http_methods & UNSAFE_METHODS) and not handler.opt.get("csrf_exempt")
    if unsafe and checked_by_access_rules:
        errors += (CsrfTokenError, *SessionManager.raises)
    return errors


def documented_codes(handler: HTTPRouteHandler) -> dict[int, set[str]]:
    """Status → the stable codes this operation may answer with (each noting a Retry-After or links it carries)."""
    codes: dict[int, set[str]] = defaultdict(set)
    for error in errors_of(handler):
        codes[status_for(error)[0]].add(_noted(error))
    parameters = set(handler.parsed_fn_signature.parameters)
    rules: list[type[Exception]] = []
    if "data" in parameters:
        codes[400] |= {VALIDATION_FAILED, MALFORMED_BODY}
        rules += JSON_BODY_RULES
    elif parameters - RESERVED_KWARGS:
        codes[400].add(VALIDATION_FAILED)
    if parameters - RESERVED_KWARGS - {"data"}:
        rules.append(ControlCharactersError)  # path and query parameters
    if "data" in parameters or isinstance(handler.request_max_body_size, int):
        codes[413].add(PAYLOAD_TOO_LARGE)
        rules.append(CapacityExhaustedError)  # more requests with bodies at once than the process admits
    for rule in rules:
        codes[status_for(rule)[0]].add(_noted(rule))
    for exception in _http_exceptions(handler.raises or ()):
        codes[exception.status_code].add(
            VALIDATION_FAILED if issubclass(exception, ValidationException) else HTTP_CODES[exception.status_code]
        )
    return dict(codes)


def _noted(error: type[Exception]) -> str:
    code = str(getattr(error, "code", ""))
    notes = ["Retry-After"] if issubclass(error, RETRY_AFTER_ERRORS) else []
    notes += [f"links.{relation}" for relation in PROBLEM_LINKS.get(code, {})]
    return f"{code} ({', '.join(notes)})" if notes else code


def _http_exceptions(kinds: Iterable[type[Exception]]) -> list[type[HTTPException]]:
    return [kind for kind in kinds if issubclass(kind, HTTPException)]


def problem_specs(codes: Mapping[int, set[str]]) -> dict[int, ResponseSpec]:
    return {
        status: ResponseSpec(
            data_container=Problem,
            media_type=MEDIA_TYPE,
            description=f"Problem ({status}): {', '.join(sorted(found))}",
            generate_examples=False,
        )
        for status, found in sorted(codes.items())
    }
