from __future__ import annotations

import pytest

from application.identity.change_password import ChangePassword
from application.identity.errors import InvalidCredentialsError, InvalidResetTokenError
from application.identity.request_password_reset import RequestPasswordReset
from application.identity.reset_password import ResetPassword
from domain.identity.password_policy import WeakPasswordError
from tests.unit.identity.conftest import IdentityWorld

IP = "203.0.113.7"


def request_reset(world: IdentityWorld) -> RequestPasswordReset:
    return RequestPasswordReset(world.uow(), world.reset_tokens, world.mailer, world.attempts, world.policy)


def reset(world: IdentityWorld) -> ResetPassword:
    return ResetPassword(world.uow(), world.reset_tokens, world.hasher, world.sessions, world.attempts, world.clock)


def emailed_token(world: IdentityWorld) -> str:
    return world.mail.sent[-1].values["reset_url"].split("token=")[1]


async def test_change_password_needs_the_current_one_and_ends_other_sessions(world: IdentityWorld) -> None:
    user = await world.add_user()
    here, elsewhere = await world.sessions.start(user.id), await world.sessions.start(user.id)
    change = ChangePassword(world.uow(), world.hasher, world.sessions, world.attempts, world.clock)
    with pytest.raises(InvalidCredentialsError):
        await change.execute(here, current_password="wrong", new_password="a brand new passphrase", client_ip=IP)
    renewed = await change.execute(
        here, current_password="correct horse battery", new_password="a brand new passphrase", client_ip=IP
    )
    assert await world.sessions.resolve(elsewhere.session_id) is None
    assert await world.sessions.resolve(here.session_id) is None
    assert await world.sessions.resolve(renewed.session_id) is not None


async def test_reset_link_is_single_use_and_signs_everyone_else_out(world: IdentityWorld) -> None:
    user = await world.add_user()
    stolen = await world.sessions.start(user.id)
    await request_reset(world).execute(email="hanako.tanaka@example.jp", client_ip="203.0.113.7")
    token = emailed_token(world)
    session = await reset(world).execute(token=token, new_password="a brand new passphrase", client_ip=IP)
    assert session.user_id == user.id
    assert await world.sessions.resolve(stolen.session_id) is None
    with pytest.raises(InvalidResetTokenError):
        await reset(world).execute(token=token, new_password="yet another passphrase", client_ip=IP)


async def test_reset_links_expire(world: IdentityWorld) -> None:
    await world.add_user()
    await request_reset(world).execute(email="hanako.tanaka@example.jp", client_ip="203.0.113.7")
    world.clock.advance(world.policy.reset_token_ttl_seconds)
    with pytest.raises(InvalidResetTokenError):
        await reset(world).execute(token=emailed_token(world), new_password="a brand new passphrase", client_ip=IP)


async def test_a_newer_link_replaces_the_older_one(world: IdentityWorld) -> None:
    await world.add_user()
    await request_reset(world).execute(email="hanako.tanaka@example.jp", client_ip="203.0.113.7")
    older = emailed_token(world)
    await request_reset(world).execute(email="hanako.tanaka@example.jp", client_ip="203.0.113.7")
    with pytest.raises(InvalidResetTokenError):
        await reset(world).execute(token=older, new_password="a brand new passphrase", client_ip=IP)


async def test_a_weak_password_does_not_burn_the_link(world: IdentityWorld) -> None:
    await world.add_user()
    await request_reset(world).execute(email="hanako.tanaka@example.jp", client_ip="203.0.113.7")
    with pytest.raises(WeakPasswordError):
        await reset(world).execute(token=emailed_token(world), new_password="short", client_ip=IP)
    await reset(world).execute(token=emailed_token(world), new_password="a brand new passphrase", client_ip=IP)


async def test_unknown_emails_get_no_message_and_no_different_answer(world: IdentityWorld) -> None:
    assert await request_reset(world).execute(email="nobody@example.jp", client_ip="203.0.113.7") is None
    assert world.mail.sent == []
