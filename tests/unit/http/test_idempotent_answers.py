"""One answer per Idempotency-Key on the wire: what is recorded, what is replayed, and what frees the key."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import msgspec
import pytest
from litestar import Litestar, Request, Response, post
from litestar.testing import TestClient, create_test_client

from adapters.memory.clock import FrozenClock
from adapters.memory.idempotency import InMemoryIdempotencyStore
from application.errors import (
    ApplicationError,
    ConflictError,
    IdempotencyKeyMissingError,
    UpstreamConfigurationError,
    UpstreamUnavailableError,
)
from application.idempotent_requests import IdempotencyPolicy, IdempotentRequests
from entrypoints.http.idempotent_answers import answer_once, key_header, keyed_request
from entrypoints.http.problem_handlers import known_error_handler


class Script:
    """What the handler's work does on each call, in order; the last step repeats."""

    def __init__(self) -> None:
        self.steps: list[Exception | None] = [None]
        self.calls = 0

    def next(self) -> None:
        step = self.steps[min(self.calls, len(self.steps) - 1)]
        self.calls += 1
        if step is not None:
            raise step


@pytest.fixture
def script() -> Script:
    return Script()


@pytest.fixture
def client(script: Script) -> Iterator[TestClient[Litestar]]:
    requests = IdempotentRequests(InMemoryIdempotencyStore(), FrozenClock(), IdempotencyPolicy())

    @post("/things", status_code=201)
    async def create(request: Request[Any, Any, Any]) -> Response[bytes]:
        body, owner = await request.body(), request.headers["x-owner"]
        scope = keyed_request(requests, owner, request.headers.get("idempotency-key"), body, missing="a key, please")

        async def run() -> bytes:
            script.next()
            return msgspec.json.encode({"call": script.calls})

        return await answer_once(request, requests, scope, run)

    @post("/accepted", status_code=200)  # the route's default is not what answer_once is told to answer
    async def accept(request: Request[Any, Any, Any]) -> Response[bytes]:
        scope = keyed_request(requests, "o", request.headers.get("idempotency-key"), b"", missing="a key, please")

        async def run() -> bytes:
            return b"{}"

        return await answer_once(request, requests, scope, run, status=202)

    with create_test_client(
        [create, accept], exception_handlers={ApplicationError: known_error_handler}
    ) as test_client:
        yield test_client


def send(client: TestClient[Litestar], key: str | None = "k1", *, owner: str = "me", body: bytes = b"{}") -> Any:
    headers = {"X-Owner": owner} | ({"Idempotency-Key": key} if key else {})
    return client.post("/things", content=body, headers=headers)


def test_the_first_answer_is_recorded_and_replayed_marked_as_such(client: TestClient[Litestar], script: Script) -> None:
    first, again = send(client), send(client)
    assert (first.status_code, first.json()) == (201, {"call": 1})
    assert "idempotent-replayed" not in first.headers
    assert first.headers["content-type"].startswith("application/json")
    assert (again.status_code, again.content) == (201, first.content)
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["content-type"].startswith("application/json")
    assert script.calls == 1


def test_a_creating_operation_may_answer_with_another_status(client: TestClient[Litestar]) -> None:
    first = client.post("/accepted", headers={"Idempotency-Key": "a"})
    again = client.post("/accepted", headers={"Idempotency-Key": "a"})
    assert (first.status_code, again.status_code) == (202, 202)
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["content-type"].startswith("application/json")


def test_a_definite_error_is_the_recorded_answer_too(client: TestClient[Litestar], script: Script) -> None:
    script.steps = [ConflictError("Already done."), None]
    first, again = send(client), send(client)
    assert (first.status_code, first.json()["code"]) == (409, "CONFLICT")
    assert first.headers["content-type"].startswith("application/problem+json")
    assert (again.status_code, again.content) == (409, first.content)
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["content-type"].startswith("application/problem+json")
    assert script.calls == 1


@pytest.mark.parametrize(
    "outage", [UpstreamUnavailableError("WHMCS"), UpstreamConfigurationError("WHMCS", "bad credentials")]
)
def test_after_an_outage_the_same_key_runs_again(
    client: TestClient[Litestar], script: Script, outage: Exception
) -> None:
    script.steps = [outage, None]
    first, retry = send(client), send(client)
    assert first.status_code >= 500
    assert (retry.status_code, retry.json()) == (201, {"call": 2})
    assert "idempotent-replayed" not in retry.headers


def test_after_an_unexpected_failure_the_same_key_runs_again(client: TestClient[Litestar], script: Script) -> None:
    script.steps = [RuntimeError("bug"), None]
    assert send(client).status_code == 500
    assert send(client).json() == {"call": 2}


def test_another_owners_key_is_their_own(client: TestClient[Litestar], script: Script) -> None:
    mine, theirs = send(client, owner="me"), send(client, owner="them")
    assert (mine.json(), theirs.json()) == ({"call": 1}, {"call": 2})
    assert "idempotent-replayed" not in theirs.headers


@pytest.mark.parametrize("key", [None, "", "   "])
def test_a_missing_key_is_refused_with_what_it_protects(client: TestClient[Litestar], key: str | None) -> None:
    answer = send(client, key)
    assert (answer.status_code, answer.json()["code"]) == (400, IdempotencyKeyMissingError.code)
    assert "a key, please" in answer.json()["detail"]


def test_the_key_header_is_documented_as_required_per_submission() -> None:
    header = key_header("order", never="orders twice")
    assert header.name == "Idempotency-Key"
    assert header.required is False  # its absence is the handler's problem (IDEMPOTENCY_KEY_MISSING), not a 400
    assert header.description is not None
    assert header.description.startswith("Required. A fresh UUID per order;")
    assert "never orders twice (kept 24 h)" in header.description
