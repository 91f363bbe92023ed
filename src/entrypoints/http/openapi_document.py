"""The OpenAPI document's frame: what the API promises everywhere, its tags and how callers authenticate."""

from __future__ import annotations

from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import ScalarRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme, Tag

from entrypoints.http.openapi_contract import SESSION_SCHEME, SIGNATURE_SCHEME

DESCRIPTION = """The customer portal's backend for its web frontend (same origin; CORS only for listed origins).

- **Sessions** are the HttpOnly cookie set by signing in (`__Host-portal_session`). Unsafe requests with a session
  send its `csrfToken` as `X-CSRF-Token`.
- **Money** is `{"amount": "4800.00", "currency": "JPY"}` everywhere: a decimal string with two decimals in every
  currency (as the billing system keeps amounts) and an ISO 4217 code. Rates are percentages in `...Percent` fields
  (`"10"` is 10 %). Prices exclude consumption tax unless `pricesIncludeTax` says otherwise.
- **Errors** are `application/problem+json` (RFC 9457) with a stable `code`; `type` links to the code's
  description. 400: the request breaks this document (schema, required header, input rules). 422: a business rule
  refuses a well-formed request (show `detail` and `errors` to the person). 401 carries `WWW-Authenticate`; 429 and
  503 carry `Retry-After`.
- **Creating requests** (orders, cases, comments) take an `Idempotency-Key`: retry with the same key, never twice.
- **Caching**: `Cache-Control: no-store` except the public catalog (public, with a strong `ETag`; send
  `If-None-Match` for a 304) and health. Every GET also answers HEAD; OPTIONS lists a path's methods.
- **Compression**: brotli or gzip for bodies of 1 kB or more, as `Accept-Encoding` asks.
"""

TAGS = [
    Tag(name="auth", description="Signing in and out, sign-up, linking a billing login, passwords, the current user."),
    Tag(name="catalog", description="Plans, add-ons and fees: public (cacheable) and for the signed-in account."),
    Tag(name="billing", description="Invoices, single-use payment links, payment methods and the billing profile."),
    Tag(name="subscriptions", description="The customer's services and the invoices that billed them."),
    Tag(name="sims", description="The customer's own SIMs: details, usage and data top-ups."),
    Tag(name="verification", description="Identity verification: its status and the document upload (SIM needs it)."),
    Tag(name="orders", description="Checkout (idempotent) and the customer's orders with their activation status."),
    Tag(name="dashboard", description="The customer's dashboard: each part current or unavailable, and tasks."),
    Tag(name="live", description="Server-Sent Events: the customer's and an order's live updates, resumable."),
    Tag(name="notifications", description="What happened to the customer's orders and account; read state."),
    Tag(name="support", description="Support cases and their comments, read and written live."),
    Tag(name="webhooks", description="Signed notifications from the billing system (not for browsers)."),
    Tag(name="health", description="Liveness, readiness, read models and upstream problems (for operators)."),
]

SECURITY_SCHEMES = {
    SESSION_SCHEME: SecurityScheme(
        type="apiKey",
        name="__Host-portal_session",
        security_scheme_in="cookie",
        description="The session cookie set by signing in (`portal_session` on plain-HTTP development hosts).",
    ),
    SIGNATURE_SCHEME: SecurityScheme(
        type="apiKey",
        name="webhook-signature",
        security_scheme_in="header",
        description="Standard Webhooks signature (with `webhook-id` and `webhook-timestamp`) by the shared secret.",
    ),
}


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Customer portal BFF",
        version="0.1.0",
        description=DESCRIPTION,
        path="/schema",
        render_plugins=[ScalarRenderPlugin()],
        use_handler_docstrings=True,
        tags=TAGS,
        components=Components(security_schemes=SECURITY_SCHEMES),  # type: ignore[arg-type]
    )
