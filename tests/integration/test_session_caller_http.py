"""Who the caller is travels with the session (real Postgres, Redis and emulators, through HTTP):

- a warm account read asks Postgres nothing (no connection checked out, no statement);
- a revoked session, a logout everywhere, a password change and a changed link take effect on the very next
  request, although the session had its caller cached.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
import stamina
from litestar import Litestar
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from adapters.postgres.engine import create_session_factory
from adapters.postgres.unit_of_work import PostgresUnitOfWork
from adapters.redis.sessions import RedisSessionStore
from adapters.system_clock import SystemClock
from application.identity.policy import IdentityPolicy
from application.identity.sessions import SessionManager
from domain.identity.account_link import AccountLink
from domain.identity.salesforce_id import SalesforceId
from domain.identity.whmcs_client_id import WhmcsClientId
from entrypoints.secret import Secret
from tests.integration.billing.portal import (
    BILLING_REDIS_URL,
    HANAKO,
    PASSWORD,
    crm_ids,
    flush_billing_redis,
    link_in_database,
    sign_in,
)
from tests.integration.conftest import disposable_engine
from tests.support.app import create_user, real_app
from tests.support.sandbox import RunningSandbox

pytestmark = pytest.mark.integration
WARM_READS = ("/api/me", "/api/billing/invoices", "/api/subscriptions", "/api/orders", "/api/account/services/sim")


@pytest.fixture
async def app(database_url: str, sandbox: RunningSandbox) -> AsyncIterator[Litestar]:
    stamina.set_testing(True, attempts=3)
    sandbox.reset()
    await flush_billing_redis()
    async with disposable_engine(database_url):
        yield same_app(database_url, sandbox)
    await flush_billing_redis()
    stamina.set_testing(False)


class DatabaseUse:
    """Every connection checkout and every statement of the app's engine (a pre-ping, BEGIN or ROLLBACK is one)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.events: list[str] = []
        event.listen(engine.sync_engine.pool, "checkout", lambda *_: self.events.append("checkout"))
        event.listen(engine.sync_engine, "before_cursor_execute", lambda *a: self.events.append(str(a[2])))


def same_app(database_url: str, sandbox: RunningSandbox) -> Litestar:
    """Another process of the same deployment (each test client runs its app on its own event loop)."""
    return real_app(database_url, redis_url=Secret(BILLING_REDIS_URL), **sandbox.portal_settings())


async def test_a_warm_account_read_makes_no_postgres_round_trip(
    app: Litestar, database_url: str, sandbox: RunningSandbox
) -> None:
    await link_in_database(database_url, sandbox, HANAKO)
    async with AsyncTestClient(app) as client:
        await sign_in(client, HANAKO)  # type: ignore[arg-type]
        for path in WARM_READS:  # cold: the caller is read once, read models and caches filled
            assert (await client.get(path)).status_code == 200, path
        use = DatabaseUse(await app.state.dishka_container.get(AsyncEngine))
        for _ in range(3):
            for path in WARM_READS:
                assert (await client.get(path)).status_code == 200, path
        assert use.events == []


async def test_a_revoked_session_is_refused_on_the_very_next_request(
    app: Litestar, database_url: str, sandbox: RunningSandbox
) -> None:
    """Even replayed from a copy of the cookie, and although its caller was cached."""
    await link_in_database(database_url, sandbox, HANAKO)
    async with AsyncTestClient(app) as client:
        await sign_in(client, HANAKO)  # type: ignore[arg-type]
        cookies = dict(client.cookies)
        assert (await client.get("/api/me")).status_code == 200
        assert (await client.post("/api/auth/logout")).status_code == 204
        client.cookies.update(cookies)
        for path in WARM_READS:
            assert (await client.get(path)).status_code == 401, path


async def test_logout_everywhere_is_seen_by_every_device_on_its_very_next_request(
    app: Litestar, database_url: str, sandbox: RunningSandbox
) -> None:
    await link_in_database(database_url, sandbox, HANAKO)
    async with AsyncTestClient(app) as phone, AsyncTestClient(same_app(database_url, sandbox)) as laptop:
        for device in (phone, laptop):
            await sign_in(device, HANAKO)  # type: ignore[arg-type]
            assert (await device.get("/api/billing/invoices")).status_code == 200
        assert (await laptop.post("/api/auth/logout-everywhere")).status_code == 204
        assert (await phone.get("/api/billing/invoices")).status_code == 401
        assert (await phone.get("/api/me")).status_code == 401


async def test_a_password_change_is_seen_by_every_other_device_on_its_very_next_request(
    app: Litestar, database_url: str, sandbox: RunningSandbox
) -> None:
    await link_in_database(database_url, sandbox, HANAKO)
    async with AsyncTestClient(app) as phone, AsyncTestClient(same_app(database_url, sandbox)) as laptop:
        for device in (phone, laptop):
            await sign_in(device, HANAKO)  # type: ignore[arg-type]
            assert (await device.get("/api/me")).status_code == 200
        changed = await laptop.post(
            "/api/auth/password",
            json={"currentPassword": PASSWORD, "newPassword": "another long passphrase for tests"},
        )
        assert changed.status_code == 200, changed.text
        laptop.headers["X-CSRF-Token"] = changed.json()["csrfToken"]
        assert (await phone.get("/api/me")).status_code == 401
        assert (await phone.get("/api/billing/invoices")).status_code == 401
        assert (await laptop.get("/api/billing/invoices")).status_code == 200


async def test_a_changed_link_is_seen_on_the_very_next_request(
    app: Litestar, database_url: str, sandbox: RunningSandbox
) -> None:
    """Rule: whoever writes a link calls `SessionManager.forget_callers`; the signed-in user's next request, in
    every session, sees the link (here: a user signed in before being linked)."""
    user = await create_user(database_url, HANAKO.email, PASSWORD)
    async with AsyncTestClient(app) as client:
        await sign_in(client, HANAKO)  # type: ignore[arg-type]
        assert (await client.get("/api/me")).json()["linked"] is None
        assert (await client.get("/api/billing/invoices")).status_code == 403  # not linked
        account_id, contact_id = crm_ids(sandbox, HANAKO)
        await _link(database_url, user.id, account_id, contact_id)
        redis = Redis.from_url(BILLING_REDIS_URL)  # the app's client lives on the test client's loop
        await SessionManager(RedisSessionStore(redis), SystemClock(), IdentityPolicy()).forget_callers(user.id)
        await redis.aclose()
        me = (await client.get("/api/me")).json()
        assert me["linked"]["whmcsClientId"] == HANAKO.whmcs_client_id
        assert (await client.get("/api/billing/invoices")).status_code == 200


async def _link(database_url: str, user_id: Any, account_id: str, contact_id: str) -> None:
    engine = create_async_engine(database_url, poolclass=NullPool)
    async with create_session_factory(engine)() as session:
        uow = PostgresUnitOfWork(session)
        await uow.links.add(
            AccountLink(
                user_id=user_id,
                whmcs_client_id=WhmcsClientId(HANAKO.whmcs_client_id),
                sf_account_id=SalesforceId.parse(account_id),
                sf_contact_id=SalesforceId.parse(contact_id),
                created_at=datetime.now(UTC),
            )
        )
        await uow.commit()
    await engine.dispose()
