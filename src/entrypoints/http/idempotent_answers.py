"""A creating request answered once per `Idempotency-Key`: the first outcome is recorded and replayed.

The rules are `application.idempotent_requests` (the IETF draft, Stripe's semantics): the same key and
body get the first answer again (errors included, marked `Idempotent-Replayed: true`), another body is 422
IDEMPOTENCY_KEY_REUSED, a retry while the first still runs is 409 IDEMPOTENCY_REQUEST_IN_PROGRESS, and an outage
records nothing so that the client's retry with the same key runs again.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from litestar import Request, Response
from litestar.params import HeaderParameter, ParameterKwarg
from litestar.status_codes import HTTP_201_CREATED, HTTP_422_UNPROCESSABLE_ENTITY

from application.errors import ApplicationError, IdempotencyKeyMissingError
from application.idempotent_requests import IdempotencyPolicy, IdempotencyScope, IdempotentRequests, is_definite
from application.ports.idempotency import RecordedResponse
from domain.errors import DomainError
from entrypoints.http.problem_handlers import known_error_handler

JSON = "application/json"
KEPT_HOURS = IdempotencyPolicy().keep_seconds // 3600  # the policy the composition root provides
# What every idempotent operation's description starts with (its problem codes are documented per status).
IDEMPOTENCY_RULES = (
    "Idempotent by the `Idempotency-Key` header: the same key and body answer with the first result (errors "
    "included, with `Idempotent-Replayed: true`); the same key with another body is refused (422), and a retry "
    "while the first still runs is told to wait (409, with Retry-After). After an outage (503), retry with the "
    "same key: "
)


def key_header(per: str, *, never: str) -> ParameterKwarg:
    """The `Idempotency-Key` header of a creating operation: one fresh key `per` submission."""
    return HeaderParameter(
        name="Idempotency-Key",
        required=False,  # checked by the handler, so that its absence is a problem with its own code
        description=(
            f"Required. A fresh UUID per {per}; send the same one again to retry safely: it answers with the first "
            f"result and never {never} (kept {KEPT_HOURS} h)."
        ),
    )


def keyed_request(
    idempotency: IdempotentRequests, owner: str, key: str | None, request: bytes, *, missing: str
) -> IdempotencyScope:
    """The request's scope; `missing` tells the client what the key protects when it sent none."""
    if not key or not key.strip():
        raise IdempotencyKeyMissingError(missing)
    return idempotency.scope(owner, key, request)


def replayed(recorded: RecordedResponse) -> Response[bytes]:
    response = Response(recorded.body, status_code=recorded.status, media_type=recorded.media_type)
    response.headers["Idempotent-Replayed"] = "true"
    return response


async def answer_once(
    request: Request[Any, Any, Any],
    idempotency: IdempotentRequests,
    scope: IdempotencyScope,
    run: Callable[[], Awaitable[bytes]],
    *,
    status: int = HTTP_201_CREATED,
) -> Response[bytes]:
    """Run `run` (returning the JSON body of a success) unless this key already has an answer."""
    first = await idempotency.begin(scope)
    if first is not None:
        return replayed(first)
    try:
        body = await run()
    except (ApplicationError, DomainError) as error:
        if not is_definite(error):
            await idempotency.abandon(scope)
            raise
        answer = known_error_handler(request, error)
        recorded = RecordedResponse(
            status=answer.status_code or HTTP_422_UNPROCESSABLE_ENTITY,
            body=answer.content,
            media_type=str(answer.media_type),
        )
        await idempotency.finish(scope, recorded)
        return answer
    except BaseException:
        await idempotency.abandon(scope)
        raise
    await idempotency.finish(scope, RecordedResponse(status=status, body=body, media_type=JSON))
    return Response(body, status_code=status, media_type=JSON)
