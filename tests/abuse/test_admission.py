"""Requests carrying a body are admitted up to a bound per process; beyond it the answer is an immediate 503 with
Retry-After, so concurrent senders cannot grow the process without limit. Requests without a body pass freely."""

from __future__ import annotations

import asyncio
from typing import Any

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.abuse.routes import memory_app

LIMIT = 3


async def call(
    app: Any, method: str, path: str, body: bytes | None, released: asyncio.Event
) -> tuple[int, dict[str, str], bytes]:
    """An ASGI request whose body (if any) arrives only once `released` is set: a slow sender."""
    headers = [(b"host", b"testserver"), (b"content-type", b"application/json")]
    if body is not None:
        headers.append((b"content-length", b"%d" % len(body)))
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "", "headers": headers,
        "client": ("203.0.113.9", 50000), "server": ("testserver", 80), "state": {},
    }  # fmt: skip
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        await released.wait()
        return {"type": "http.request", "body": body or b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    await app(scope, receive, send)
    start = next(m for m in messages if m["type"] == "http.response.start")
    answer = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, answer


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(extra=st.integers(1, 20))
async def test_bodies_beyond_the_bound_are_refused_at_once_and_bodiless_requests_still_pass(extra: int) -> None:
    app = memory_app(http_max_requests_with_body=LIMIT)
    body = msgspec.json.encode({"email": "nobody@example.jp", "password": "whatever"})
    async with app.lifespan():
        slow = asyncio.Event()
        held = [asyncio.create_task(call(app, "POST", "/api/auth/login", body, slow)) for _ in range(LIMIT)]
        await asyncio.sleep(0.01)  # the held requests are in, waiting for their bodies
        now = asyncio.Event()
        now.set()
        refused = await asyncio.gather(*(call(app, "POST", "/api/auth/login", body, now) for _ in range(extra)))
        free = await call(app, "GET", "/api/health", None, now)
        slow.set()
        admitted = await asyncio.gather(*held)
        after = await call(app, "POST", "/api/auth/login", body, now)
    assert {status for status, _, _ in refused} == {503}
    assert all(headers["retry-after"] == "1" for _, headers, _ in refused)
    assert {msgspec.json.decode(answer)["code"] for _, _, answer in refused} == {"OVERLOADED"}
    assert free[0] == 200
    assert [status for status, _, _ in admitted] == [401] * LIMIT  # the held ones were answered on their merits
    assert after[0] == 401  # and the slots were given back
