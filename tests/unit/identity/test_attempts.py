"""Attempt limits: what is counted, under which counters, for how long, and what is given back."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.memory.attempt_counter import InMemoryAttemptCounter
from adapters.memory.clock import FrozenClock
from application.errors import UpstreamUnavailableError
from application.identity.attempts import AttemptGuard, email_key
from application.identity.errors import InvalidCredentialsError, RateLimitedError
from application.identity.policy import IdentityPolicy
from domain.identity.email import EmailAddress

LIMIT = 3
WINDOW = 600
POLICY = IdentityPolicy(attempts_per_window=LIMIT, attempt_window_seconds=WINDOW)
ADDRESS = "hanako.tanaka@example.jp"
LOOK_ALIKES = ["Hanako.Tanaka@EXAMPLE.jp", "  hanako.tanaka@example.jp ", "ｈａｎａｋｏ.tanaka@example.jp"]


def guard() -> tuple[AttemptGuard, FrozenClock]:
    clock = FrozenClock()
    return AttemptGuard(InMemoryAttemptCounter(clock), POLICY), clock


async def fail(attempts: AttemptGuard, action: str = "login", **counters: object) -> None:
    """One attempt that ends in a refusal, so it stays counted."""
    with pytest.raises(InvalidCredentialsError):
        async with attempts.attempt(action, **counters):  # type: ignore[arg-type]
            raise InvalidCredentialsError()


async def exhaust(attempts: AttemptGuard, **counters: object) -> None:
    for _ in range(LIMIT):
        await fail(attempts, **counters)


@pytest.mark.parametrize("spelling", LOOK_ALIKES)
async def test_a_look_alike_spelling_of_an_address_shares_its_counter(spelling: str) -> None:
    attempts, _ = guard()
    for n in range(LIMIT):
        await fail(attempts, client_ip=f"198.51.100.{n}", email=ADDRESS)
    with pytest.raises(RateLimitedError):
        await attempts.begin("login", client_ip="198.51.100.200", email=spelling)


@given(address=st.emails())
def test_the_counter_key_is_a_hash_of_the_normalised_address_never_the_address(address: str) -> None:
    key = email_key(address)
    assert key == email_key(f"  {address.upper()} ") == email_key(EmailAddress.normalise(address))
    assert len(key) == 32
    assert set(key) <= set("0123456789abcdef")


async def test_another_address_has_its_own_counter() -> None:
    attempts, _ = guard()
    for n in range(LIMIT):
        await fail(attempts, client_ip=f"198.51.100.{n}", email=ADDRESS)
    await attempts.begin("login", client_ip="198.51.100.200", email="taro.yamada@example.jp")


async def test_one_ip_is_limited_across_addresses() -> None:
    attempts, _ = guard()
    for n in range(LIMIT):
        await fail(attempts, client_ip="203.0.113.7", email=f"user{n}@example.jp")
    with pytest.raises(RateLimitedError):
        await attempts.begin("login", client_ip="203.0.113.7", email="someone.else@example.jp")
    await attempts.begin("login", client_ip="203.0.113.8", email="someone.else@example.jp")


async def test_a_signed_in_user_is_limited_across_ips() -> None:
    attempts, _ = guard()
    user = uuid.uuid4()
    for n in range(LIMIT):
        await fail(attempts, "change_password", client_ip=f"198.51.100.{n}", user_id=user)
    with pytest.raises(RateLimitedError):
        await attempts.begin("change_password", client_ip="198.51.100.200", user_id=user)
    await attempts.begin("change_password", client_ip="198.51.100.201", user_id=uuid.uuid4())


async def test_each_action_counts_on_its_own() -> None:
    attempts, _ = guard()
    await exhaust(attempts, client_ip="203.0.113.7", email=ADDRESS)
    await attempts.begin("request_reset", client_ip="203.0.113.7", email=ADDRESS)


async def test_the_window_is_in_seconds_and_the_attempts_age_out_of_it() -> None:
    attempts, clock = guard()
    await exhaust(attempts, client_ip="203.0.113.7")
    clock.advance(WINDOW - 1)
    with pytest.raises(RateLimitedError) as refused:
        await attempts.begin("login", client_ip="203.0.113.7")
    assert refused.value.retry_after_seconds == 1
    clock.advance(1)
    await attempts.begin("login", client_ip="203.0.113.7")


async def test_the_refusal_says_when_to_come_back() -> None:
    attempts, clock = guard()
    await exhaust(attempts, client_ip="203.0.113.7")
    clock.advance(100)
    with pytest.raises(RateLimitedError) as refused:
        await attempts.begin("login", client_ip="203.0.113.7")
    assert refused.value.retry_after_seconds == WINDOW - 100


async def test_the_limit_is_the_number_of_attempts_allowed() -> None:
    attempts, _ = guard()
    for _ in range(LIMIT - 1):
        await fail(attempts, client_ip="203.0.113.7")
    await fail(attempts, client_ip="203.0.113.7")  # the last one allowed
    with pytest.raises(RateLimitedError):
        await attempts.begin("login", client_ip="203.0.113.7")


async def test_a_success_is_given_back_unless_successes_count() -> None:
    attempts, _ = guard()
    for _ in range(LIMIT + 2):
        async with attempts.attempt("login", client_ip="203.0.113.7", email=ADDRESS):
            pass
    for _ in range(LIMIT):
        async with attempts.attempt("signup", client_ip="203.0.113.7", email=ADDRESS, success_counts=True):
            pass
    with pytest.raises(RateLimitedError):
        await attempts.begin("signup", client_ip="203.0.113.7", email=ADDRESS)


async def test_an_outage_during_the_attempt_is_given_back_and_raised() -> None:
    attempts, _ = guard()
    for _ in range(LIMIT + 2):
        with pytest.raises(UpstreamUnavailableError):
            async with attempts.attempt("login", client_ip="203.0.113.7", email=ADDRESS, success_counts=True):
                raise UpstreamUnavailableError("identity store")
    await attempts.begin("login", client_ip="203.0.113.7", email=ADDRESS)


async def test_a_given_back_attempt_frees_every_counter_it_took() -> None:
    attempts, _ = guard()
    user = uuid.uuid4()
    for _ in range(LIMIT + 1):
        taken = await attempts.begin("login", client_ip="203.0.113.7", email=ADDRESS, user_id=user)
        await taken.give_back()
    await attempts.begin("login", client_ip="203.0.113.7", email=ADDRESS, user_id=user)
