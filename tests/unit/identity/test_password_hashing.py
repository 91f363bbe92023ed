"""The production password hasher (Argon2id): its cost floor, its verdicts, and its bound on concurrent hashes.

The floor is OWASP's Password Storage Cheat Sheet minimum for Argon2id (19 MiB, 2 iterations, 1 lane); the
hasher the composition root builds (`Argon2PasswordHasher()` with library defaults) is well above it, and a
stored hash below the hasher's own parameters is reported for rehashing so logins upgrade it.
"""

from __future__ import annotations

import asyncio
import threading

import argon2
import pytest

from adapters.argon2.password_hasher import Argon2PasswordHasher
from application.capacity import CapacityExhaustedError

FLOOR_MEMORY_KIB = 19 * 1024
FLOOR_TIME_COST = 2
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def hasher() -> Argon2PasswordHasher:
    return Argon2PasswordHasher()


@pytest.fixture(scope="module")
def stored(hasher: Argon2PasswordHasher) -> str:
    return asyncio.run(hasher.hash(PASSWORD))


def test_hash_parameters_meet_the_policy_floor(stored: str) -> None:
    parameters = argon2.extract_parameters(stored)
    assert parameters.type is argon2.Type.ID
    assert parameters.memory_cost >= FLOOR_MEMORY_KIB
    assert parameters.time_cost >= FLOOR_TIME_COST
    assert parameters.parallelism >= 1
    assert parameters.salt_len >= 16


async def test_the_right_password_verifies_and_a_wrong_one_does_not(hasher: Argon2PasswordHasher, stored: str) -> None:
    assert await hasher.verify(stored, PASSWORD) is True
    assert await hasher.verify(stored, PASSWORD + " ") is False


async def test_each_hash_has_its_own_salt(hasher: Argon2PasswordHasher, stored: str) -> None:
    again = await hasher.hash(PASSWORD)
    assert again != stored
    assert await hasher.verify(again, PASSWORD) is True


@pytest.mark.parametrize("garbage", ["", "not a hash", "$argon2id$v=19$m=65536,t=3,p=4$broken", "$2b$12$bcryptish"])
async def test_a_stored_value_that_is_no_hash_verifies_nothing_and_raises_nothing(
    hasher: Argon2PasswordHasher, garbage: str
) -> None:
    assert await hasher.verify(garbage, PASSWORD) is False


def test_a_hash_weaker_than_the_hashers_own_parameters_is_marked_for_rehash(
    hasher: Argon2PasswordHasher, stored: str
) -> None:
    weak = argon2.PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(PASSWORD)
    assert hasher.needs_rehash(weak) is True
    assert hasher.needs_rehash(stored) is False


async def test_an_unknown_users_login_spends_a_real_verification(stored: str) -> None:
    """`verify_dummy` checks against a real hash of the hasher's parameters, so it costs what a real login costs."""
    hasher = Argon2PasswordHasher()  # its own: the dummy hash is made when a hasher is built
    seen: list[tuple[str, str]] = []
    real_verify = hasher.verify

    async def spy(password_hash: str, password: str) -> bool:
        seen.append((password_hash, password))
        return await real_verify(password_hash, password)

    hasher.verify = spy  # type: ignore[method-assign]
    try:
        await hasher.verify_dummy(PASSWORD)
    finally:
        del hasher.verify
    [(dummy, password)] = seen
    assert password == PASSWORD
    assert argon2.extract_parameters(dummy) == argon2.extract_parameters(stored)  # as costly as a real one


class _Blocking(argon2.PasswordHasher):
    """A cheap Argon2 whose hashes of HELD wait until released: a hash that holds its slot for as long as needed."""

    HELD = "held in its slot"

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.release = threading.Event()

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        if password == self.HELD:
            self.release.wait(5)
        return super().hash(password, salt=salt)


async def holding(concurrency: int, held: int) -> tuple[Argon2PasswordHasher, _Blocking, list[asyncio.Task[str]]]:
    inner = _Blocking()
    bounded = Argon2PasswordHasher(inner, concurrency=concurrency, wait_seconds=0.05)
    tasks = [asyncio.create_task(bounded.hash(_Blocking.HELD)) for _ in range(held)]
    await asyncio.sleep(0.01)  # the held hashes take their slots
    return bounded, inner, tasks


@pytest.mark.parametrize("operation", ["hash", "verify"])
async def test_a_caller_that_finds_every_slot_taken_past_the_wait_is_refused_not_queued(operation: str) -> None:
    bounded, inner, held = await holding(concurrency=1, held=1)
    with pytest.raises(CapacityExhaustedError):
        await (bounded.hash(PASSWORD) if operation == "hash" else bounded.verify("not a hash", PASSWORD))
    inner.release.set()
    await asyncio.gather(*held)
    assert await bounded.verify(await bounded.hash(PASSWORD), PASSWORD) is True  # the slot was given back


async def test_concurrency_allows_that_many_hashes_at_once() -> None:
    bounded, inner, held = await holding(concurrency=3, held=2)
    assert await bounded.verify(await bounded.hash(PASSWORD), PASSWORD) is True
    held.append(asyncio.create_task(bounded.hash(_Blocking.HELD)))
    await asyncio.sleep(0.01)
    with pytest.raises(CapacityExhaustedError):
        await bounded.hash(PASSWORD)
    inner.release.set()
    await asyncio.gather(*held)


async def test_slots_are_given_back_after_a_failed_verification() -> None:
    bounded, _, _ = await holding(concurrency=1, held=0)
    for _ in range(3):
        assert await bounded.verify("not a hash", PASSWORD) is False
    assert await bounded.verify(await bounded.hash(PASSWORD), PASSWORD) is True
