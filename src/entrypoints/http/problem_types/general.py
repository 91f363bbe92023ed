"""Codes any operation may answer with: the HTTP layer's own refusals, our outages, generic application errors."""

from __future__ import annotations

from entrypoints.http.problem_types.row import ProblemType

_TRY_LATER = "Something we rely on is not answering right now. Nothing was changed; please try again in a moment."

GENERAL: dict[str, ProblemType] = {
    "BAD_REQUEST": ProblemType(
        "Malformed request",
        "The request could not be read: the body is not the JSON the operation documents, or a header is malformed. "
        "A client bug: fix the request rather than retrying it. Answered with 400, like every request that breaks "
        "the published contract.",
    ),
    "VALIDATION_FAILED": ProblemType(
        "Request does not match its schema",
        "A parameter or a body member breaks the operation's schema (a type, a length, a pattern, a bound, a required "
        "member). `errors` names each member at fault. Answered with 400: whatever the OpenAPI document can express "
        "is checked at the edge, before anything is looked up.",
    ),
    "CONTROL_CHARACTERS": ProblemType(
        "Control characters are not accepted",
        "Text may not contain control characters (NUL, ESC, DEL, C1 controls; line breaks and tabs are fine in "
        "bodies, not in path or query parameters). `errors` names the member. 400, like any contract violation.",
    ),
    "JSON_TOO_DEEP": ProblemType(
        "JSON nests too deeply",
        "The body nests more than 32 levels of arrays and objects; no operation needs more than 4. 400.",
    ),
    "JSON_TOO_MANY_VALUES": ProblemType(
        "JSON holds too many values",
        "The body holds more than 1,000 values; the largest valid body (an order of 24 items) holds about 100. 400.",
    ),
    "PAYLOAD_TOO_LARGE": ProblemType(
        "Request body too large",
        "The body is larger than the operation accepts (each operation's cap sits just above its largest valid "
        "body). Nothing of it was processed.",
    ),
    "UNSUPPORTED_MEDIA_TYPE": ProblemType("Unsupported media type", "Send request bodies as application/json."),
    "ROUTE_NOT_FOUND": ProblemType("No such endpoint", "No operation answers at this path. See /schema/openapi.json."),
    "METHOD_NOT_ALLOWED": ProblemType(
        "Method not allowed", "The path exists, but not with this method; `Allow` lists the methods it takes."
    ),
    "FORBIDDEN": ProblemType("Forbidden", "The request is not allowed."),
    "NOT_FOUND": ProblemType(
        "Not found",
        "The resource does not exist, or it is not yours: the two look the same on purpose, so ids cannot be probed.",
    ),
    "CONFLICT": ProblemType("Conflict", "The request conflicts with the resource's current state."),
    "INVALID_INPUT": ProblemType(
        "Request refused by a business rule",
        "The request is well-formed but a rule refuses it; `detail` says which, `errors` names the members at fault. "
        "422: show it to the person, who can change what they entered.",
    ),
    "DOMAIN_ERROR": ProblemType("Invalid value", "A value breaks one of the portal's rules; `detail` says which. 422."),
    "RATE_LIMITED": ProblemType(
        "Too many requests",
        "This client (or this account) made more attempts than allowed in the window. Wait for `Retry-After` "
        "seconds. Attempts at secrets are counted before they are checked.",
    ),
    "LIVE_STREAMS_EXHAUSTED": ProblemType(
        "Too many live streams",
        "This account already holds as many live streams (Server-Sent Events) as allowed, or this server does. "
        "Close a tab's stream, or retry after `Retry-After` seconds (another server may have room).",
    ),
    "OVERLOADED": ProblemType(
        "Busy",
        "This server is handling as many requests of this kind as it safely can. Nothing was done; retry after "
        "`Retry-After` seconds.",
        customer_detail="We are busy right now; please try again in a moment.",
    ),
    "UPSTREAM_UNAVAILABLE": ProblemType(
        "Temporarily unavailable",
        "A system the portal depends on did not answer, or refused the load. Nothing partial was returned and nothing "
        "was changed; retry after `Retry-After` seconds (with the same Idempotency-Key where the operation takes one).",
        customer_detail=_TRY_LATER,
    ),
    "BILLING_UNAVAILABLE": ProblemType(
        "Billing temporarily unavailable",
        "Billing information cannot be reached right now. Nothing was changed; retry after `Retry-After` seconds.",
        customer_detail="Billing information is not available right now. Nothing was changed; please try again soon.",
    ),
    "SUPPORT_UNAVAILABLE": ProblemType(
        "Support temporarily unavailable",
        "Support cases cannot be reached right now. Nothing was changed; retry after `Retry-After` seconds.",
        customer_detail="Support cases are not available right now. Nothing was changed; please try again soon.",
    ),
    "UPSTREAM_CONFIGURATION": ProblemType(
        "Temporarily unavailable (our side)",
        "The portal's connection to a system it depends on is misconfigured. Operators see which system and why in "
        "the log and at GET /api/health/upstreams; retrying will not help until they fix it.",
        customer_detail="This part of the portal is not working right now. We have been alerted; please try later.",
    ),
    "NOT_READY": ProblemType(
        "Not ready",
        "This process cannot serve yet (readiness probe): `checks` lists each dependency check and what failed.",
        customer_detail="This service is starting or recovering; please try again in a moment.",
    ),
    "INTERNAL_ERROR": ProblemType(
        "Internal server error",
        "Something failed on our side. Quote the request id (`requestId`, also the X-Request-ID header) to support.",
    ),
    "IDEMPOTENCY_KEY_MISSING": ProblemType(
        "Idempotency-Key required",
        "This operation creates something and must be safe to retry: send an `Idempotency-Key` header with a fresh "
        "UUID per submission. 400, like any request that breaks the published contract.",
    ),
    "IDEMPOTENCY_KEY_REUSED": ProblemType(
        "Idempotency-Key reused",
        "This Idempotency-Key was already used with a different body. Use a fresh key for a new submission.",
    ),
    "IDEMPOTENCY_REQUEST_IN_PROGRESS": ProblemType(
        "Request in progress",
        "The first request with this Idempotency-Key is still running. Retry after `Retry-After` seconds with the "
        "same key to get its answer.",
    ),
    "REQUEST_IN_PROGRESS": ProblemType(
        "Request in progress",
        "The same request for this account is already running. Retry after `Retry-After` seconds.",
    ),
    "WEBHOOK_SIGNATURE_INVALID": ProblemType(
        "Webhook signature invalid",
        "The webhook's Standard Webhooks signature is missing, stale or does not match the shared secret.",
    ),
}
