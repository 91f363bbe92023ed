"""Idempotency keys: the first answer is kept and replayed; another body is refused; a running one is not run
twice; an outage leaves nothing behind; keys live at least 24 h, then the reaper takes them."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given
from hypothesis import strategies as st

from application.errors import (
    ContractViolationError,
    IdempotencyKeyMissingError,
    IdempotencyKeyReusedError,
    InvalidInputError,
    RequestInProgressError,
)
from application.idempotent_requests import IdempotencyPolicy, fingerprint
from application.orders.purge_idempotency_keys import PurgeIdempotencyKeys
from application.ports.idempotency import RecordedResponse
from tests.unit.orders.world import OrdersWorld

CREATED = RecordedResponse(status=201, body=b'{"id":"801"}', media_type="application/json")
REFUSED = RecordedResponse(status=409, body=b'{"code":"PAYMENT_METHOD_MISSING"}', media_type="application/problem+json")


async def test_the_same_key_and_body_get_the_first_answer_back(world: OrdersWorld) -> None:
    requests = world.idempotent_requests()
    scope = requests.scope("user:1", "key-1", b"body")
    assert await requests.begin(scope) is None
    await requests.finish(scope, CREATED)

    assert await requests.begin(requests.scope("user:1", "key-1", b"body")) == CREATED


async def test_a_definite_error_is_the_first_answer_too(world: OrdersWorld) -> None:
    requests = world.idempotent_requests()
    scope = requests.scope("user:1", "key-1", b"body")
    await requests.begin(scope)
    await requests.finish(scope, REFUSED)

    assert await requests.begin(scope) == REFUSED


async def test_the_same_key_with_another_body_is_refused(world: OrdersWorld) -> None:
    requests = world.idempotent_requests()
    await requests.begin(requests.scope("user:1", "key-1", b"body"))

    with pytest.raises(IdempotencyKeyReusedError):
        await requests.begin(requests.scope("user:1", "key-1", b"another body"))


async def test_keys_belong_to_their_user(world: OrdersWorld) -> None:
    requests = world.idempotent_requests()
    await requests.begin(requests.scope("user:1", "key-1", b"body"))

    assert await requests.begin(requests.scope("user:2", "key-1", b"body")) is None


async def test_a_retry_while_the_first_runs_is_told_to_wait(world: OrdersWorld) -> None:
    requests = world.idempotent_requests()
    scope = requests.scope("user:1", "key-1", b"body")
    await requests.begin(scope)

    with pytest.raises(RequestInProgressError):
        await requests.begin(scope)


async def test_concurrent_requests_with_one_key_run_once(world: OrdersWorld) -> None:
    requests = world.idempotent_requests()
    scope = requests.scope("user:1", "key-1", b"body")

    outcomes = await asyncio.gather(*(requests.begin(scope) for _ in range(8)), return_exceptions=True)

    assert sum(1 for o in outcomes if o is None) == 1
    assert all(isinstance(o, RequestInProgressError) for o in outcomes if o is not None)


async def test_an_abandoned_request_frees_its_key_for_the_retry(world: OrdersWorld) -> None:
    requests = world.idempotent_requests()
    scope = requests.scope("user:1", "key-1", b"body")
    await requests.begin(scope)
    await requests.abandon(scope)  # an outage: nothing was decided

    assert await requests.begin(scope) is None


async def test_a_request_that_died_is_taken_over_after_its_lease(world: OrdersWorld) -> None:
    requests = world.idempotent_requests(IdempotencyPolicy(lease_seconds=60))
    scope = requests.scope("user:1", "key-1", b"body")
    await requests.begin(scope)
    world.clock.advance(59)
    with pytest.raises(RequestInProgressError):
        await requests.begin(scope)

    world.clock.advance(2)
    assert await requests.begin(scope) is None
    with pytest.raises(IdempotencyKeyReusedError):  # but never by another body
        await requests.begin(requests.scope("user:1", "key-1", b"other"))


async def test_answers_are_kept_24_hours_then_reaped(world: OrdersWorld) -> None:
    requests = world.idempotent_requests()
    scope = requests.scope("user:1", "key-1", b"body")
    await requests.begin(scope)
    await requests.finish(scope, CREATED)
    reaper = PurgeIdempotencyKeys(world.idempotency_store, world.clock)

    world.clock.advance(24 * 3600 - 1)
    assert await reaper.execute() == 0
    assert await requests.begin(scope) == CREATED
    world.clock.advance(1)
    assert await reaper.execute() == 1
    assert await requests.begin(scope) is None  # a new request by now


@pytest.mark.parametrize("key", [None, "", "   ", "x" * 256, "tab\there"])
def test_a_missing_or_unusable_key_is_refused(key: str | None) -> None:
    world = OrdersWorld()
    with pytest.raises(InvalidInputError) as refused:
        world.idempotent_requests().scope("user:1", key, b"body")
    assert isinstance(refused.value, IdempotencyKeyMissingError) == (not key or not key.strip())


@given(st.binary(), st.binary())
def test_fingerprints_differ_for_different_bodies(first: bytes, second: bytes) -> None:
    assert (fingerprint(first) == fingerprint(second)) == (first == second)
    assert fingerprint(first, second) != fingerprint(first + second, b"") or second == b""


def test_a_key_of_up_to_255_printable_characters_is_accepted_and_kept_as_sent() -> None:
    requests = OrdersWorld().idempotent_requests()
    key = "k" * 255
    scope = requests.scope("user:1", key, b"body")
    assert (scope.scope, scope.key, scope.request_hash) == ("user:1", key, fingerprint(b"body"))
    with pytest.raises(ContractViolationError) as refused:
        requests.scope("user:1", key + "k", b"body")
    assert refused.value.fields == {"Idempotency-Key": "invalid"}
    assert "255 printable characters" in refused.value.message


async def test_two_keys_of_one_customer_are_two_requests(world: OrdersWorld) -> None:
    requests = world.idempotent_requests()
    first = requests.scope("user:1", "key-1", b"body")
    assert await requests.begin(first) is None
    await requests.finish(first, CREATED)
    assert await requests.begin(requests.scope("user:1", "key-2", b"body")) is None
