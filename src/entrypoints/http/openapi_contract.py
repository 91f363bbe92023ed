"""What each operation's OpenAPI entry says beyond its schemas, derived from the route so it cannot drift:

- **security**: the session cookie where a session is required (`[{}, sessionCookie]` where one is only read), the
  webhook signature on the signed webhook, `[]` (anonymous) elsewhere;
- **parameters**: `X-CSRF-Token` on every unsafe operation the CSRF guard covers (required with a session);
  `Idempotency-Key` required where the handler takes one;
- **response headers**: Cache-Control, Vary and X-Request-ID on every answer; WWW-Authenticate on 401; Retry-After
  where a listed code carries one; ETag where the operation sends one (`opt={"etag": True}`); Idempotent-Replayed
  on idempotent operations; Content-Encoding where a body may be compressed.

Litestar builds each operation with the handler's `operation_class`; `ContractDocs` gives every handler a subclass
of `ContractOperation` that knows its handler, and `to_schema` adds the above.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from litestar.handlers import HTTPRouteHandler
from litestar.openapi.spec import Operation
from litestar.plugins import ReceiveRoutePlugin
from litestar.routes import BaseRoute, HTTPRoute

from application.errors import AuthenticationRequiredError
from application.idempotent_requests import MAX_KEY_LENGTH
from entrypoints.http.access_rules import AccessRules
from entrypoints.http.auth.cookies import SessionCookie
from entrypoints.http.auth.csrf import UNSAFE_METHODS
from entrypoints.http.auth.request_auth import RequestAuth
from entrypoints.http.problem_docs import documented_codes, errors_of, injected, problem_specs

EXAMPLES: dict[str, dict[str, Any]] = json.loads(Path(__file__).with_name("openapi_examples.json").read_text())
SESSION_SCHEME = "sessionCookie"
SIGNATURE_SCHEME = "webhookSignature"
CSRF_HEADER = "X-CSRF-Token"
IDEMPOTENCY_HEADER = "Idempotency-Key"
_STRING = {"type": "string"}


def _header(description: str, *, required: bool = False) -> dict[str, Any]:
    return {"description": description, "required": required, "schema": _STRING}


EVERY_ANSWER = {
    "Cache-Control": _header(
        "`no-store` unless stated: only the public catalog may be cached (and health revalidated)."
    ),
    "Vary": _header("The request headers the answer depends on (Accept-Encoding, Cookie, Origin)."),
    "X-Request-ID": _header("This request's id, also in every log line about it: quote it to support.", required=True),
}
_EVERY_ANSWER_NAMES = {name.lower() for name in EVERY_ANSWER}
RETRY_AFTER = _header("Seconds to wait before retrying.", required=True)
WWW_AUTHENTICATE = _header("How to authenticate (RFC 9110 §11.6.1).", required=True)
ETAG = _header('Strong validator of this representation (a compressed copy has its own: `"<tag>-br"`).', required=True)
REPLAYED = _header("`true` when this is the recorded answer to an earlier request with the same Idempotency-Key.")
CONTENT_ENCODING = _header("`br` or `gzip` when the body is compressed (Accept-Encoding; bodies of 1 kB or more).")


def session_use(handler: HTTPRouteHandler) -> str:
    """ "required", "optional" (read when present: signing in, CSRF of anonymous forms), "signature" or "none"."""
    if AuthenticationRequiredError in errors_of(handler) and not handler.opt.get("csrf_exempt"):
        return "required"
    if handler.opt.get("csrf_exempt"):
        return "signature"
    if _csrf_checked(handler) or {RequestAuth, SessionCookie} & set(injected(handler)):
        return "optional"
    return "none"


def _csrf_checked(handler: HTTPRouteHandler) -> bool:
    unsafe = bool(handler.http_methods & UNSAFE_METHODS) and not handler.opt.get("csrf_exempt")
    return unsafe and isinstance(handler.resolve_before_request(), AccessRules)


def security(use: str) -> list[dict[str, list[str]]]:
    requirements: dict[str, list[dict[str, list[str]]]] = {
        "required": [{SESSION_SCHEME: []}],
        "optional": [{}, {SESSION_SCHEME: []}],
        "signature": [{SIGNATURE_SCHEME: []}],
    }
    return requirements.get(use, [])


def csrf_parameter(required: bool) -> dict[str, Any]:
    when = "Required." if required else "Required when the browser holds a session."
    return {
        "name": CSRF_HEADER,
        "in": "header",
        "required": required,
        "description": f"{when} The `csrfToken` of the session (from signing in or GET /api/auth/session).",
        "schema": {"type": "string", "minLength": 1, "maxLength": 128},
    }


def _examples(operation: dict[str, Any]) -> None:
    """Realistic examples, recorded from the demo world by `scripts/record_openapi_examples.py`."""
    recorded = EXAMPLES.get(str(operation.get("operationId")), {})
    if "request" in recorded:
        for content in operation.get("requestBody", {}).get("content", {}).values():
            content["example"] = recorded["request"]
    for status, example in recorded.get("responses", {}).items():
        for content in operation.get("responses", {}).get(status, {}).get("content", {}).values():
            content["example"] = example


def amend(operation: dict[str, Any], handler: HTTPRouteHandler) -> dict[str, Any]:
    _examples(operation)
    use = session_use(handler)
    operation["security"] = security(use)
    parameters: list[dict[str, Any]] = operation.setdefault("parameters", [])
    for parameter in parameters:
        if parameter.get("name") == IDEMPOTENCY_HEADER:  # required, though checked by the handler (its own code)
            parameter.update(required=True, schema={"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH})
    idempotent = any(p.get("name") == IDEMPOTENCY_HEADER for p in parameters)
    if _csrf_checked(handler):
        parameters.append(csrf_parameter(required=use == "required"))
    if not parameters:
        del operation["parameters"]
    codes_by_status = documented_codes(handler).items()
    retrying = {str(status) for status, codes in codes_by_status if any("Retry-After" in code for code in codes)}
    for status, response in operation.get("responses", {}).items():
        headers = {k: v for k, v in response.get("headers", {}).items() if k.lower() not in _EVERY_ANSWER_NAMES}
        response["headers"] = headers
        headers.update(EVERY_ANSWER)
        if status == "401":
            headers["WWW-Authenticate"] = WWW_AUTHENTICATE
        if status in retrying or status in ("429", "503"):
            headers["Retry-After"] = RETRY_AFTER
        if handler.opt.get("etag") and status in ("200", "304"):
            headers["ETag"] = ETAG
        if idempotent and not status.startswith("5"):
            headers["Idempotent-Replayed"] = REPLAYED
        if response.get("content"):
            headers["Content-Encoding"] = CONTENT_ENCODING
    return operation


class ContractDocs(ReceiveRoutePlugin):
    """Gives every operation its derived problem responses and its `ContractOperation` as its route is registered."""

    def receive_route(self, route: BaseRoute) -> None:
        if not isinstance(route, HTTPRoute):
            return
        for handler in route.route_handlers:
            if handler.resolve_include_in_schema():
                own = {
                    status: replace(spec, generate_examples=False) for status, spec in (handler.responses or {}).items()
                }
                handler.responses = {**problem_specs(documented_codes(handler)), **own}  # no generated noise
                handler.operation_class = operation_class_for(handler)


class ContractOperation(Operation):
    handler: ClassVar[HTTPRouteHandler]

    def to_schema(self) -> dict[str, Any]:
        return amend(super().to_schema(), self.handler)


def operation_class_for(handler: HTTPRouteHandler) -> type[ContractOperation]:
    return type(f"{handler.handler_name}Operation", (ContractOperation,), {"handler": handler})
