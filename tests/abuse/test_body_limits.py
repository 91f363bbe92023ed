"""Request bodies are capped per route, near the largest body the route can validly receive, and an over-size body
is refused (413 PAYLOAD_TOO_LARGE, problem+json) before it is buffered."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import msgspec
import msgspec.inspect as mi
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entrypoints.http import body_limits
from tests.abuse.largest_body import largest_json
from tests.abuse.routes import BodyRoute, RunningApp, body_routes, memory_app, running

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()
INT64 = 2**63 - 1
ROUTES = body_routes(memory_app())
CHUNK = 4 * 1024


@pytest.fixture(scope="module")
def api() -> Iterator[RunningApp]:
    with running(memory_app()) as app:
        yield app


def test_every_body_route_is_found() -> None:
    assert len(ROUTES) >= 12  # auth (6), profile, eligibility, orders, cases, comments, webhook


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method} {r.path}")
def test_each_cap_sits_just_above_the_largest_valid_body(route: BodyRoute) -> None:
    """Never below the largest valid body (a real request refused), never far above it (memory for nothing)."""
    largest = largest_json(route.body_type)  # raises when a string or list has no max_length: unbounded input
    assert largest <= route.cap <= largest * 1.25 + 1024, (largest, route.cap)


def _integers(info: mi.Type, where: str) -> list[tuple[str, mi.IntType]]:
    if isinstance(info, mi.Metadata):
        return _integers(info.type, where)
    if isinstance(info, mi.StructType):
        return [i for f in info.fields for i in _integers(f.type, f"{where}.{f.encode_name}")]
    if isinstance(info, mi.UnionType):
        return [i for option in info.types for i in _integers(option, where)]
    if isinstance(info, mi.ListType):
        return _integers(info.item_type, f"{where}[]")
    return [(where, info)] if isinstance(info, mi.IntType) else []


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method} {r.path}")
def test_every_integer_in_a_body_is_range_checked(route: BodyRoute) -> None:
    """A number outside the column it may reach fails validation at the edge, never as an overflow in Postgres."""
    for where, info in _integers(mi.type_info(route.body_type), "body"):
        assert info.ge is not None or info.gt is not None, where
        assert info.le is not None or info.lt is not None, where
        assert all(abs(b) <= INT64 for b in (info.ge, info.gt, info.le, info.lt) if b is not None), where


def test_the_readme_lists_every_cap() -> None:
    rows = [f"| `{r.method} {r.path}` | {r.cap // 1024} KiB |" for r in ROUTES]
    assert [row for row in rows if row not in README] == []


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(route=st.sampled_from(ROUTES), excess=st.integers(1, 256 * 1024), declare_length=st.booleans())
def test_an_over_size_body_is_refused_before_it_is_read(
    api: RunningApp, route: BodyRoute, excess: int, declare_length: bool
) -> None:
    size = route.cap + excess
    chunks = [b"[" * min(CHUNK, size - i) for i in range(0, size, CHUNK)]
    headers = {**api.signed_in, "content-type": route.content_type}
    answer = api.send(route.method, route.example_path, chunks, declare_length=declare_length, headers=headers)
    assert (answer.status, answer.problem()["code"]) == (413, "PAYLOAD_TOO_LARGE")
    # A declared length over the cap is refused unread; a chunked body is cut off within one chunk of the cap.
    assert answer.pulled <= (0 if declare_length else route.cap + CHUNK)


def test_a_body_at_the_cap_is_read(api: RunningApp) -> None:
    body = msgspec.json.encode({"email": "hanako.tanaka@example.jp", "password": "x" * 16})
    padded = body[:-1] + b', "padding": "' + b"a" * (body_limits.LOGIN - len(body) - 16) + b'"}'
    assert len(padded) <= body_limits.LOGIN
    answer = api.send("POST", "/api/auth/login", [padded])
    assert (answer.status, answer.problem()["code"]) == (401, "INVALID_CREDENTIALS")  # read and answered on merit
