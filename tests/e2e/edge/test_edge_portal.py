"""nginx with the shipped configuration in front of two real `portal serve` processes:

- 10,000 public catalog requests, every one with its own cookies (and some with Authorization), reach the portal
  at most once per max-age window for each document and encoding (the edge's log and the portal's agree);
- HEAD, If-None-Match (strong, and the weak tag a compressed copy carries) answered 304, gzip on the way out;
- a body above the largest cap is refused at the edge; one under it but above its route's cap by the portal;
- the portal's attempt limits count the client's address the edge passes on, not the edge's, and a forged
  X-Forwarded-For changes nothing.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.edge.deployment import Deployment, deployed
from tests.e2e.edge.raw_client import Answer, send_all
from tests.support.redis_server import redis_url
from tests.support.sandbox import running_sandbox

pytestmark = pytest.mark.e2e
MAX_AGE = 2
PUBLIC = "/api/public/services"
DOCUMENTS = (f"{PUBLIC}/", f"{PUBLIC}/internet", f"{PUBLIC}/sim", f"{PUBLIC}/vpn")
ENCODINGS = ("gzip, deflate, br", "gzip", "identity")  # normalised by the edge to br, gzip and ""


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    with (
        running_sandbox(Path(tmp_path_factory.mktemp("sandbox"))) as sandbox,
        deployed(
            sandbox, tmp_path_factory.mktemp("edge"), redis_url=redis_url(7),
            PORTAL_PUBLIC_CATALOG_MAX_AGE_SECONDS=str(MAX_AGE), PORTAL_PUBLIC_RATE_LIMIT_REQUESTS="100000",
        ) as deployment,
    ):  # fmt: skip
        yield deployment


def upstream_fetches(portal: Deployment) -> dict[tuple[str, str], list[float]]:
    """When the edge went to the portal for each (document, encoding): its own log, one line per request."""
    fetches: dict[tuple[str, str], list[float]] = defaultdict(list)
    assert portal.nginx is not None
    for line in portal.nginx.log_lines():
        entry = edge_log_entry(line)
        if entry["uri"].startswith(PUBLIC) and entry["upstream"] != "-":
            fetches[(entry["uri"], entry["enc"])].append(float(entry["msec"]))
    return fetches


def edge_log_entry(line: str) -> dict[str, str]:
    """A `portal_edge` log line: msec, address, "METHOD uri", status, bytes, then key=value pairs."""
    msec, _, rest = line.partition(" ")
    request = rest.split('"')[1]
    pairs = dict(re.findall(r'(\w+)=("[^"]*"|\S*)', rest.split('"', 2)[2]))
    return {"msec": msec, "uri": request.split(" ", 1)[1], **{k: v.strip('"') for k, v in pairs.items()}}


def _requests(total: int) -> list[tuple[str, str, dict[str, str]]]:
    requests = []
    for n in range(total):
        headers = {"Cookie": f"__Host-portal_session=s{n}; _ga=GA1.{n}", "Accept-Encoding": ENCODINGS[n % 3]}
        if n % 5 == 0:
            headers["Authorization"] = f"Bearer token-{n}"
        requests.append(("GET", DOCUMENTS[n % len(DOCUMENTS)], headers))
    return requests


async def _spread(port: int, requests: list[tuple[str, str, dict[str, str]]], seconds: float) -> list[Answer]:
    """In batches over `seconds`, so the cached copies expire (several max-age windows) while requests arrive."""
    batches, answers = 20, []
    size = len(requests) // batches
    for batch in range(batches):
        answers += await send_all(port, requests[batch * size : (batch + 1) * size])
        await asyncio.sleep(seconds / batches)
    return answers


def test_ten_thousand_requests_with_varied_cookies_reach_the_portal_at_most_once_per_max_age(
    portal: Deployment,
) -> None:
    before_portal = portal.requests_reaching(PUBLIC)
    before_edge = sum(len(times) for times in upstream_fetches(portal).values())
    started = time.time()

    assert portal.nginx is not None
    requests = _requests(10_000)
    answers = asyncio.run(_spread(portal.nginx.port, requests, seconds=3 * MAX_AGE))

    took = time.time() - started
    assert len(answers) == 10_000
    assert {a.status for a in answers} == {200}
    by_variant = defaultdict(set)
    for (_, path, headers), answer in zip(requests, answers, strict=True):
        by_variant[(path, headers["Accept-Encoding"])].add(answer.body)
    assert all(len(bodies) == 1 for bodies in by_variant.values())  # one document for everyone
    time.sleep(1)  # the portal writes its access log line after the answer
    fetches = upstream_fetches(portal)
    reached_portal = portal.requests_reaching(PUBLIC) - before_portal
    fetched = sum(len(times) for times in fetches.values()) - before_edge
    windows = int(took // MAX_AGE) + 1
    print(
        f"\n10,000 requests in {took:.1f} s through the edge; {reached_portal} reached the portal "
        f"({len(DOCUMENTS)} documents x {len(ENCODINGS)} encodings, {windows} max-age windows of {MAX_AGE} s)"
    )
    assert reached_portal == fetched  # the edge's log and the portal's agree on what got through
    assert 0 < reached_portal <= len(DOCUMENTS) * len(ENCODINGS) * windows
    for key, times in fetches.items():
        recent = [t for t in times if t >= started - 1]
        gaps = [later - earlier for earlier, later in itertools.pairwise(recent)]
        assert all(gap >= MAX_AGE - 0.05 for gap in gaps), (key, gaps)  # once per window at most


def test_head_and_revalidation_are_answered_from_the_edge_and_compressed_copies_revalidate_too(
    portal: Deployment,
) -> None:
    with httpx.Client(base_url=portal.edge) as client:
        plain = client.get(f"{PUBLIC}/internet", headers={"Accept-Encoding": "identity"})
        packed = client.get(f"{PUBLIC}/internet", headers={"Accept-Encoding": "gzip"})
        head = client.head(f"{PUBLIC}/internet", headers={"Accept-Encoding": "identity"})
        strong = plain.headers["etag"]
        assert plain.headers["cache-control"] == f"public, max-age={MAX_AGE}, s-maxage={MAX_AGE}"
        assert packed.headers["content-encoding"] == "gzip"  # by the portal or by nginx: either is fine
        assert "accept-encoding" in packed.headers["vary"].lower()
        assert packed.content == plain.content  # (httpx decompressed it)
        assert (head.status_code, head.content, head.headers["etag"]) == (200, b"", strong)
        # Each copy revalidates with its own tag: the strong one, and whatever the compressed copy carries (nginx
        # weakens the tag of what it compresses; a portal compressing itself tags each coding of its own).
        for tag, encoding in ((strong, "identity"), (packed.headers["etag"], "gzip")):
            again = client.get(f"{PUBLIC}/internet", headers={"If-None-Match": tag, "Accept-Encoding": encoding})
            assert (again.status_code, again.content) == (304, b""), tag
        time.sleep(MAX_AGE + 0.5)  # expired at the edge: the next request revalidates with the portal
        after = client.get(f"{PUBLIC}/internet", headers={"Accept-Encoding": "identity", "If-None-Match": strong})
    assert after.status_code == 304
    assert portal.nginx is not None
    assert any(f"{PUBLIC}/internet" in line and "cache=REVALIDATED" in line and 'upstream_status="304"' in line
               for line in portal.nginx.log_lines())  # fmt: skip


def test_bodies_are_capped_at_the_edge_and_per_route_by_the_portal(portal: Deployment) -> None:
    with httpx.Client(base_url=portal.edge) as client:
        too_large = client.post("/api/support/cases", content=b"{" + b" " * (128 * 1024))
        assert too_large.status_code == 413
        assert "problem" not in too_large.headers.get("content-type", "")  # nginx's refusal: the portal never saw it
        over_route_cap = client.post(
            "/api/auth/login", content=b'{"email": "a@example.jp", "password": "' + b"x" * 7000 + b'"}',
            headers={"Content-Type": "application/json"},
        )  # fmt: skip
    assert over_route_cap.status_code == 413
    assert over_route_cap.json()["code"] == "PAYLOAD_TOO_LARGE"


def test_attempt_limits_count_the_clients_address_the_edge_passes_on(portal: Deployment) -> None:
    def login_from(address: str, n: int, forged: str | None = None) -> int:
        transport = httpx.HTTPTransport(local_address=address)
        headers = {"X-Forwarded-For": forged} if forged else {}
        with httpx.Client(base_url=portal.edge, transport=transport, timeout=30) as client:
            body = {"email": f"nobody-{n}@example.jp", "password": "wrong password"}
            return client.post("/api/auth/login", json=body, headers=headers).status_code

    assert [login_from("127.0.0.2", n) for n in range(5)] == [401] * 5
    assert login_from("127.0.0.2", 5) == 429  # five attempts from this address: the sixth is refused
    assert login_from("127.0.0.2", 6, forged="198.51.100.23") == 429  # what the client writes is not trusted
    assert login_from("127.0.0.3", 7) == 401  # another address has its own count
