"""Login, sessions, CSRF and rate limits through HTTP, on the real Postgres and Redis."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from domain.identity.user import UserStatus
from entrypoints.http.app import create_app
from tests.integration.conftest import disposable_engine
from tests.support.app import CheapArgon2, create_user, flush_redis, real_app, settings_for_tests

pytestmark = pytest.mark.integration
PASSWORD = "correct horse battery"
COOKIE = "portal_session"


@pytest.fixture
async def client(database_url: str) -> AsyncIterator[AsyncTestClient]:  # type: ignore[type-arg]
    await flush_redis()
    async with disposable_engine(database_url):
        await create_user(database_url, "hanako.tanaka@example.jp", PASSWORD)
        async with AsyncTestClient(real_app(database_url)) as client:
            yield client
    await flush_redis()


async def log_in(client: AsyncTestClient, email: str = "hanako.tanaka@example.jp", password: str = PASSWORD):  # type: ignore[type-arg,no-untyped-def]
    return await client.post("/api/auth/login", json={"email": email, "password": password})


async def test_login_sets_a_hardened_cookie_and_returns_a_csrf_token(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    response = await log_in(client)
    assert response.status_code == 200
    body = response.json()
    assert body["authenticated"] is True
    assert len(body["csrfToken"]) >= 32
    set_cookie = response.headers["set-cookie"].lower()
    assert "httponly" in set_cookie
    assert "samesite=lax" in set_cookie
    assert "path=/" in set_cookie
    assert "domain=" not in set_cookie
    me = await client.get("/api/me")
    assert me.status_code == 200
    assert me.json()["email"] == "hanako.tanaka@example.jp"
    assert "password" not in me.text.lower()


async def test_secure_deployments_use_a_host_prefixed_secure_cookie(database_url: str) -> None:
    await flush_redis()
    async with disposable_engine(database_url):
        await create_user(database_url, "secure@example.jp", PASSWORD)
        app = create_app(settings_for_tests(database_url, session_cookie_secure=True), CheapArgon2())
        async with AsyncTestClient(app, base_url="https://testserver.local") as client:
            response = await log_in(client, "secure@example.jp")
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("__Host-portal_session=")
    assert "Secure" in cookie


async def test_session_fixation_is_impossible(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    client.cookies.set(COOKIE, "attacker-chosen-session-id", domain="testserver.local")
    await log_in(client)
    first = client.cookies.get(COOKIE)
    assert first
    assert first != "attacker-chosen-session-id"
    csrf = (await client.get("/api/auth/session")).json()["csrfToken"]
    await client.post(
        "/api/auth/login",
        json={"email": "hanako.tanaka@example.jp", "password": PASSWORD},
        headers={"X-CSRF-Token": csrf},
    )
    second = client.cookies.get(COOKIE)
    assert second != first
    client.cookies.set(COOKIE, first, domain="testserver.local")
    assert (await client.get("/api/me")).status_code == 401  # the pre-login id is dead


async def test_unsafe_requests_with_a_session_need_the_csrf_token(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    csrf = (await log_in(client)).json()["csrfToken"]
    assert (await client.post("/api/auth/logout")).status_code == 403
    assert (await client.post("/api/auth/logout", headers={"X-CSRF-Token": "forged"})).status_code == 403
    assert (await client.get("/api/me")).status_code == 200  # safe methods need no token
    assert (await client.post("/api/auth/logout", headers={"X-CSRF-Token": csrf})).status_code == 204
    assert (await client.get("/api/me")).status_code == 401


async def test_requests_without_a_session_must_be_json_and_same_origin(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    form = await client.post("/api/auth/login", data={"email": "hanako.tanaka@example.jp", "password": PASSWORD})
    assert form.status_code == 403
    assert form.json()["code"] == "CSRF_TOKEN_INVALID"
    foreign = await client.post(
        "/api/auth/login",
        json={"email": "hanako.tanaka@example.jp", "password": PASSWORD},
        headers={"Origin": "https://evil.example"},
    )
    assert foreign.status_code == 403
    same = await client.post(
        "/api/auth/login",
        json={"email": "hanako.tanaka@example.jp", "password": PASSWORD},
        headers={"Origin": "http://testserver.local"},
    )
    assert same.status_code == 200


async def test_logout_everywhere_ends_other_devices(client: AsyncTestClient, database_url: str) -> None:  # type: ignore[type-arg]
    async with AsyncTestClient(real_app(database_url)) as phone:
        await log_in(phone)
        csrf = (await log_in(client)).json()["csrfToken"]
        assert (await phone.get("/api/me")).status_code == 200
        response = await client.post("/api/auth/logout-everywhere", headers={"X-CSRF-Token": csrf})
        assert response.status_code == 204
        assert (await phone.get("/api/me")).status_code == 401
        assert (await client.get("/api/me")).status_code == 401


async def test_no_account_enumeration_by_status_or_body(client: AsyncTestClient, database_url: str) -> None:  # type: ignore[type-arg]
    await create_user(database_url, "disabled@example.jp", PASSWORD, status=UserStatus.DISABLED)
    answers = [
        await log_in(client, "hanako.tanaka@example.jp", "wrong password"),
        await log_in(client, "nobody@example.jp", "wrong password"),
        await log_in(client, "disabled@example.jp", PASSWORD),
    ]
    assert {a.status_code for a in answers} == {401}
    bodies = [{k: v for k, v in a.json().items() if k != "requestId"} for a in answers]
    assert bodies[0] == bodies[1] == bodies[2]
    resets = [
        await client.post("/api/auth/password-reset", json={"email": email})
        for email in ("hanako.tanaka@example.jp", "nobody@example.jp")
    ]
    assert resets[0].status_code == resets[1].status_code == 202
    assert resets[0].json() == resets[1].json()


async def test_rate_limit_holds_across_two_app_instances(client: AsyncTestClient, database_url: str) -> None:  # type: ignore[type-arg]
    async with AsyncTestClient(real_app(database_url)) as other_instance:
        for n in range(5):
            instance = client if n % 2 else other_instance
            assert (await log_in(instance, password=f"wrong {n}")).status_code == 401
        refused = await log_in(other_instance)
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) > 0
        assert refused.json()["code"] == "RATE_LIMITED"
        assert (await log_in(client)).status_code == 429


async def test_password_reset_through_the_mail_outbox(client: AsyncTestClient, database_url: str) -> None:  # type: ignore[type-arg]
    """The reset link reaches the customer through the outbox (delivered by the worker), one mail per request."""
    await client.post("/api/auth/password-reset", json={"email": "Hanako.Tanaka@example.jp"})
    engine = create_async_engine(database_url, poolclass=NullPool)
    async with engine.begin() as connection:
        rows = (await connection.execute(text("SELECT recipient, template, mail_values FROM mail_outbox"))).all()
    await engine.dispose()
    assert [(row.recipient, row.template) for row in rows] == [("hanako.tanaka@example.jp", "password_reset")]
    token = rows[0].mail_values["reset_url"].split("token=")[1]
    confirmed = await client.post(
        "/api/auth/password-reset/confirm", json={"token": token, "newPassword": "a brand new passphrase"}
    )
    assert confirmed.status_code == 200
    client.cookies.clear()
    again = await client.post(
        "/api/auth/password-reset/confirm", json={"token": token, "newPassword": "another passphrase!"}
    )
    assert again.status_code == 422
    assert again.json()["code"] == "INVALID_RESET_TOKEN"
    assert (await log_in(client, password="a brand new passphrase")).status_code == 200
