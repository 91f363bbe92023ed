from __future__ import annotations

import pytest

from application.identity.errors import InvalidCredentialsError, RateLimitedError
from application.identity.log_in import LogIn, LogInCommand
from domain.identity.user import UserStatus
from tests.unit.identity.conftest import IdentityWorld


def log_in(world: IdentityWorld) -> LogIn:
    return LogIn(world.uow(), world.hasher, world.sessions, world.attempts, world.clock)


def command(
    email: str = "hanako.tanaka@example.jp", password: str = "correct horse battery", **kw: str
) -> LogInCommand:
    return LogInCommand(
        email=email, password=password, client_ip=kw.get("ip", "203.0.113.7"), current_session_id=kw.get("previous")
    )


async def test_right_password_starts_a_session(world: IdentityWorld) -> None:
    user = await world.add_user()
    session = await log_in(world).execute(command(email="Hanako.Tanaka@EXAMPLE.jp"))
    assert session.user_id == user.id
    assert await world.sessions.resolve(session.session_id) == session


@pytest.mark.parametrize("case", ["wrong password", "unknown email", "disabled", "no password yet", "malformed email"])
async def test_every_refusal_looks_the_same(world: IdentityWorld, case: str) -> None:
    await world.add_user()
    await world.add_user("disabled@example.jp", status=UserStatus.DISABLED)
    await world.add_user("linked@example.jp", password=None)
    attempt = {
        "wrong password": command(password="not the password"),
        "unknown email": command(email="nobody@example.jp"),
        "disabled": command(email="disabled@example.jp"),
        "no password yet": command(email="linked@example.jp"),
        "malformed email": command(email="not-an-email"),
    }[case]
    with pytest.raises(InvalidCredentialsError) as raised:
        await log_in(world).execute(attempt)
    assert raised.value.message == "The email or password is incorrect."


async def test_logging_in_again_replaces_the_session_it_arrived_with(world: IdentityWorld) -> None:
    await world.add_user()
    first = await log_in(world).execute(command())
    second = await log_in(world).execute(command(previous=first.session_id))
    assert second.session_id != first.session_id
    assert await world.sessions.resolve(first.session_id) is None


async def test_five_failures_per_email_lock_further_attempts_even_with_the_right_password(world: IdentityWorld) -> None:
    await world.add_user()
    for n in range(5):
        with pytest.raises(InvalidCredentialsError):
            await log_in(world).execute(command(password="wrong", ip=f"198.51.100.{n}"))
    with pytest.raises(RateLimitedError) as raised:
        await log_in(world).execute(command(ip="198.51.100.99"))
    assert raised.value.retry_after_seconds > 0


async def test_five_failures_from_one_ip_lock_that_ip_for_every_email(world: IdentityWorld) -> None:
    for n in range(5):
        with pytest.raises(InvalidCredentialsError):
            await log_in(world).execute(command(email=f"guess{n}@example.jp", password="wrong"))
    with pytest.raises(RateLimitedError):
        await log_in(world).execute(command(email="someone-else@example.jp"))


async def test_successful_logins_do_not_use_up_the_allowance(world: IdentityWorld) -> None:
    await world.add_user()
    for _ in range(8):
        await log_in(world).execute(command())


async def test_hashes_made_with_old_parameters_are_upgraded_at_login(world: IdentityWorld) -> None:
    user = await world.add_user(password=None, password_hash="legacy$")
    world.hasher.verify = _accept_anything  # type: ignore[method-assign]
    await log_in(world).execute(command())
    stored = await world.uow().users.get(user.id)
    assert stored is not None
    assert stored.password_hash is not None
    assert stored.password_hash.startswith(world.hasher.PREFIX)


async def _accept_anything(password_hash: str, password: str) -> bool:
    return True
