"""Memory stays bounded under a burst of large bodies, in a real `portal serve` process (RSS measured and printed).

Before the caps, thirty concurrent 10 MB bodies of many small strings grew one API process from 145 MB to 2.6 GB
and the memory was not returned. Now every route reads at most its cap (`entrypoints.http.body_limits`): a larger
declared length is refused before a byte is read, a chunked body is cut off at the cap, and a body at the cap is
small enough that decoding it costs little.

Repeat: `PORTAL_TEST_REDIS_SERVER=redis://127.0.0.1:<port> .venv/bin/pytest -s tests/abuse/test_memory.py`
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from entrypoints.http import body_limits
from entrypoints.http.input_rules import MAX_JSON_VALUES
from tests.abuse import raw_http
from tests.abuse.conftest import ABUSE_REDIS_URL
from tests.e2e.orders.processes import PortalProcess, environment, wait_until_answering
from tests.support.servers import free_port

pytestmark = pytest.mark.e2e
MB = 1024 * 1024
BURST = 30
ROUNDS = 3
# Python's allocator keeps some arenas after a burst; what must not happen is growth with the bodies' size.
ALLOWED_GROWTH_MB = 64


@pytest.fixture
def api(database_url: str, tmp_path: Path) -> Iterator[tuple[PortalProcess, int]]:
    port = free_port()
    env = environment(
        PORTAL_ADAPTERS="real",
        PORTAL_DATABASE_URL=database_url,
        PORTAL_REDIS_URL=ABUSE_REDIS_URL,
        PORTAL_HTTP_PORT=str(port),
        PORTAL_LOG_FORMAT="json",
        PORTAL_LOG_LEVEL="WARNING",
        PORTAL_SESSION_COOKIE_SECURE="false",
    )
    process = PortalProcess("api", ["serve"], env, tmp_path)
    process.start()
    try:
        wait_until_answering(f"http://127.0.0.1:{port}/api/health")
        yield process, port
    finally:
        process.stop()


def rss_mb(process: PortalProcess) -> float:
    assert process.process is not None
    status = Path(f"/proc/{process.process.pid}/status").read_text()
    kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
    return kib / 1024


def many_small_strings(size: int, count: int | None = None) -> bytes:
    """A login body of about `size` bytes that is mostly a list of strings: the costliest shape to decode (each
    string becomes a Python object), and invalid (email is a number) so no password is hashed. Without `count`, as
    many one-character strings as fit; with it, `count` strings sharing the space."""
    head, tail = b'{"email": 1, "password": "x", "padding": [', b"]}"
    room = size - len(head) - len(tail)
    count = count or room // 4
    item = b'"' + b"a" * max(1, room // count - 3) + b'"'
    return head + b",".join([item] * count) + tail


def ten_megabytes() -> Iterator[bytes]:
    chunk = json.dumps({"padding": "a" * (64 * 1024 - 20)}).encode()
    for _ in range(10 * MB // len(chunk)):
        yield chunk


async def burst(port: int) -> dict[str, int]:
    too_many = many_small_strings(body_limits.LOGIN - 16)  # refused before decoding: over the value limit
    decoded = many_small_strings(body_limits.LOGIN - 16, count=MAX_JSON_VALUES - 10)  # the most that is decoded
    requests = [
        *(raw_http.post(port, "/api/auth/login", ten_megabytes(), content_length=10 * MB) for _ in range(BURST)),
        *(raw_http.post(port, "/api/auth/login", ten_megabytes()) for _ in range(BURST)),  # chunked, no length
        *(raw_http.post(port, "/api/auth/login", [too_many], content_length=len(too_many)) for _ in range(BURST)),
        *(raw_http.post(port, "/api/auth/login", [decoded], content_length=len(decoded)) for _ in range(BURST)),
    ]
    answers = await asyncio.gather(*requests)
    statuses: dict[str, int] = {}
    for answer in answers:
        statuses[str(answer.status)] = statuses.get(str(answer.status), 0) + 1
    oversized = answers[: 2 * BURST]
    assert {a.status for a in oversized} == {413}, statuses
    assert {json.loads(a.body)["code"] for a in oversized} == {"PAYLOAD_TOO_LARGE"}
    assert {json.loads(a.body)["code"] for a in answers[2 * BURST : 3 * BURST]} == {"JSON_TOO_MANY_VALUES"}
    assert {a.status for a in answers[3 * BURST :]} == {400}, statuses  # decoded, then refused by the schema
    return statuses


async def test_a_burst_of_large_bodies_leaves_memory_bounded(api: tuple[PortalProcess, int]) -> None:
    process, port = api
    await burst(port)  # warm: first-use allocations (routes, schemas, pools) are not what we measure
    before = rss_mb(process)
    for _ in range(ROUNDS):
        statuses = await burst(port)
    await asyncio.sleep(0.5)  # let the process finish closing the refused connections
    after = rss_mb(process)
    print(
        f"\nRSS of the API process: {before:.1f} MB before, {after:.1f} MB after {ROUNDS} bursts of "
        f"{BURST}x10 MB (declared) + {BURST}x10 MB (chunked) + {2 * BURST} bodies of many strings at the login cap; "
        f"answers {statuses}"
    )
    assert after - before < ALLOWED_GROWTH_MB
