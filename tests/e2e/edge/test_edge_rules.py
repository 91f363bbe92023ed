"""The shipped nginx configuration, run by the real nginx in front of stand-in upstreams that show what it sends:

- the public catalog: cached once for everyone; Cookie and Authorization neither in the key nor sent on; the
  query string dropped; Accept-Encoding normalised; Set-Cookie never passed out of the shared cache;
- account routes: passed through with the caller's cookies, never cached;
- the client's address appended to X-Forwarded-For (the portal trusts the right-most hop);
- server-sent events passed on as they come (unbuffered);
- a request to an API process that dies without answering: a safe one is sent to the other process, an unsafe one
  (POST, PUT, PATCH, DELETE) never is — the client gets 502 and the write happened at most once;
- bodies above the largest cap the portal accepts are refused at the edge, before the portal sees a byte; the
  identity documents' upload has its own, larger cap (and is never sent twice either).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.edge.nginx import RunningNginx, running_nginx
from tests.e2e.edge.stand_ins import EVENT_GAP_SECONDS, EVENTS, DyingUpstream, Echo, echo_upstream

pytestmark = pytest.mark.e2e
LARGEST_BODY = 128 * 1024  # entrypoints/http/body_limits.NEW_CASE
UPLOAD_CAP = 10_304 * 1024  # entrypoints/http/body_limits.ID_DOCUMENTS
UPLOAD_PATH = "/api/account/verification/documents"


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunningNginx, Echo]]:
    with echo_upstream() as (address, echo), running_nginx(tmp_path_factory.mktemp("nginx"), [address]) as nginx:
        yield nginx, echo


def test_the_public_catalog_is_cached_once_for_everyone_and_no_credential_reaches_the_portal(
    edge: tuple[RunningNginx, Echo],
) -> None:
    nginx, echo = edge
    before = len(echo.seen)
    with httpx.Client(base_url=nginx.url) as client:
        answers = [
            client.get(
                "/api/public/services/sim?utm_source=mail",
                headers={
                    "Cookie": f"__Host-portal_session=s{n}; tracking={n}",
                    "Authorization": f"Bearer t{n}",
                    "Accept-Encoding": "gzip, deflate",
                    "X-Forwarded-For": "203.0.113.66",
                },
            )
            for n in range(20)
        ]
    assert {a.status_code for a in answers} == {200}
    [sent] = echo.seen[before:]  # 20 callers, one request to the portal
    assert (sent["path"], sent["query"]) == ("/api/public/services/sim", "")
    assert "cookie" not in sent["headers"]
    assert "authorization" not in sent["headers"]
    assert sent["headers"]["accept-encoding"] == "gzip"
    assert sent["headers"]["x-forwarded-for"] == "203.0.113.66, 127.0.0.1"  # the right-most hop is the client
    assert [a.headers["x-cache-status"] for a in answers][:2] == ["MISS", "HIT"]
    assert all("set-cookie" not in a.headers for a in answers)


def test_account_routes_carry_the_callers_cookies_and_are_never_cached(edge: tuple[RunningNginx, Echo]) -> None:
    nginx, echo = edge
    before = len(echo.seen)
    with httpx.Client(base_url=nginx.url) as client:
        for _ in range(2):
            answer = client.get("/api/orders", headers={"Cookie": "__Host-portal_session=abc", "Authorization": "x"})
            assert answer.status_code == 200
            assert answer.headers["set-cookie"] == "tracking=1"
    sent = echo.seen[before:]
    assert len(sent) == 2
    assert {(s["headers"]["cookie"], s["headers"]["authorization"]) for s in sent} == {
        ("__Host-portal_session=abc", "x")
    }


def test_server_sent_events_arrive_as_they_are_sent(edge: tuple[RunningNginx, Echo]) -> None:
    nginx, _ = edge
    arrivals: list[float] = []
    with httpx.Client(base_url=nginx.url, timeout=10) as client:
        started = time.monotonic()
        with client.stream("GET", "/api/live/events", headers={"Accept-Encoding": "gzip"}) as stream:
            assert stream.headers["content-type"] == "text/event-stream"
            assert "content-encoding" not in stream.headers
            for line in stream.iter_lines():
                if line.startswith("data:"):
                    arrivals.append(time.monotonic() - started)
    assert len(arrivals) == EVENTS
    whole_stream = EVENTS * EVENT_GAP_SECONDS
    assert arrivals[0] < whole_stream / 2  # not held back until the stream ended
    assert arrivals[-1] - arrivals[0] > (EVENTS - 2) * EVENT_GAP_SECONDS


def test_bodies_above_the_largest_cap_are_refused_before_the_portal_sees_them(
    edge: tuple[RunningNginx, Echo],
) -> None:
    nginx, echo = edge
    with httpx.Client(base_url=nginx.url) as client:
        before = len(echo.seen)
        refused = client.post("/api/support/cases", content=b"x" * (LARGEST_BODY + 1))
        assert refused.status_code == 413
        assert len(echo.seen) == before
        accepted = client.post("/api/support/cases", content=b"x" * LARGEST_BODY)
        assert accepted.status_code == 200
        assert echo.seen[-1]["body_bytes"] == LARGEST_BODY


def test_the_identity_documents_upload_alone_takes_bodies_up_to_its_own_cap(edge: tuple[RunningNginx, Echo]) -> None:
    nginx, echo = edge
    with httpx.Client(base_url=nginx.url, timeout=30) as client:
        before = len(echo.seen)
        assert client.post(UPLOAD_PATH, content=b"x" * (UPLOAD_CAP + 1)).status_code == 413
        assert client.post("/api/support/cases", content=b"x" * (6 * 1024 * 1024)).status_code == 413
        assert len(echo.seen) == before
        accepted = client.post(UPLOAD_PATH, content=b"x" * UPLOAD_CAP)
        assert accepted.status_code == 200
        assert echo.seen[-1]["body_bytes"] == UPLOAD_CAP
        assert client.put(UPLOAD_PATH, content=b"x").status_code == 405


def test_an_unsafe_request_is_never_sent_to_a_second_api_process_a_safe_one_is(tmp_path: Path) -> None:
    with (
        DyingUpstream() as dying,
        echo_upstream() as (address, echo),
        # max_fails=0: the dying process is never taken out of rotation, so every other request meets it
        running_nginx(tmp_path, [f"127.0.0.1:{dying.port}", address], server_options="max_fails=0") as nginx,
        httpx.Client(base_url=nginx.url) as client,
    ):
        safe = [client.get("/api/orders", headers={"X-Test-Id": f"get-{n}"}) for n in range(8)]
        methods = ("POST", "PUT", "PATCH", "DELETE")
        unsafe = [  # rotated each round, so every method meets both processes
            client.request(method, "/api/orders", headers={"X-Test-Id": f"{method}-{n}"}, json={"n": n})
            for n in range(4)
            for method in methods[n:] + methods[:n]
        ]

    assert [a.status_code for a in safe] == [200] * 8  # retried on the living process where they met the dead
    assert any(b"get-" in head for head in dying.requests)  # so these were retried
    heads = [head for head in dying.requests if head]  # (an empty one: the test's own check that it listens)
    met_death = {_test_id(head) for head in heads if b"get-" not in head}
    answered = {s["headers"]["x-test-id"] for s in echo.seen if s["method"] != "GET"}
    assert met_death  # some writes met the dying process ...
    assert met_death.isdisjoint(answered)  # ... and none of them was sent again to the living one
    assert sorted(a.request.headers["x-test-id"] for a in unsafe if a.status_code == 502) == sorted(met_death)
    assert {a.request.method for a in unsafe if a.status_code == 502} == set(methods)
    tried = [line.split('upstream="')[1].split('"')[0] for line in nginx.log_lines() if '"GET ' not in line]
    assert len(tried) == len(unsafe)
    assert all(", " not in upstreams for upstreams in tried)  # one API process each, never a second


def _test_id(head: bytes) -> str:
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"x-test-id":
            return value.strip().decode()
    return f"unknown-{uuid.uuid4()}"
