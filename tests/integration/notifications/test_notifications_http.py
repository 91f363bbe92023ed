"""`/api/account/notifications` over HTTP with the real stores: pages by cursor, unread count, marking read, and
another customer's notification answered exactly like one that does not exist (404)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text

from adapters.postgres.notifications import PostgresNotifications
from adapters.system_clock import SystemClock
from application.ports.notifications import NotificationDraft, NotificationKind
from tests.integration.billing.portal import crm_records
from tests.integration.conftest import disposable_engine
from tests.integration.orders.portal import forget_everything, orders_app, sign_in
from tests.support.sandbox import RunningSandbox

pytestmark = pytest.mark.integration


@pytest.fixture
async def store(database_url: str, sandbox: RunningSandbox) -> AsyncIterator[PostgresNotifications]:
    sandbox.reset()
    await forget_everything(database_url)
    async with disposable_engine(database_url) as engine:
        async with engine.begin() as connection:  # what other tests' apps told the demo customers
            await connection.execute(text("DELETE FROM notifications"))
        yield PostgresNotifications(engine, SystemClock())


def account_of(sandbox: RunningSandbox, number: str) -> str:
    return str(next(a["Id"] for a in crm_records(sandbox, "Account") if a.get("SF_Account_No__c") == number))


async def test_the_customer_reads_pages_and_marks_only_their_own_notifications(
    database_url: str, sandbox: RunningSandbox, store: PostgresNotifications
) -> None:
    hanako, mei = account_of(sandbox, "SH-100001"), account_of(sandbox, "SH-100005")
    approved, decided = NotificationKind.ORDER_APPROVED, NotificationKind.ELIGIBILITY_DECIDED
    for n in range(5):
        await store.record(
            NotificationDraft(sf_account_id=hanako, kind=approved, source_id=f"801{n}", title=f"#{n}", body="")
        )
    await store.record(NotificationDraft(sf_account_id=mei, kind=decided, source_id="x", title="M", body=""))
    meis = (await store.page(mei, before=None, limit=1)).items[0].id
    app: Litestar = orders_app(database_url, sandbox)
    async with AsyncTestClient(app) as client:
        await sign_in(client, "Hanako")
        first = await client.get("/api/account/notifications", params={"limit": 2})
        assert first.status_code == 200, first.text
        assert "no-store" in first.headers["cache-control"]
        page = first.json()
        # The demo world's start-up told each demo customer their eligibility decision (newest).
        assert [n["title"] for n in page["items"]] == ["You can order fibre Internet", "#4"]
        assert page["items"][0]["read"] is False
        rest = await client.get("/api/account/notifications", params={"before": page["nextBefore"], "limit": 10})
        assert [n["title"] for n in rest.json()["items"]] == ["#3", "#2", "#1", "#0"]
        assert rest.json()["nextBefore"] is None

        assert (await client.get("/api/account/notifications/unread-count")).json() == {"unreadCount": 6}
        newest = page["items"][0]["id"]
        assert (await client.post(f"/api/account/notifications/{newest}/read")).status_code == 204
        theirs = await client.post(f"/api/account/notifications/{meis}/read")
        assert theirs.status_code == 404
        assert theirs.json()["code"] == "NOT_FOUND"
        missing = await client.post("/api/account/notifications/999999999/read")
        assert (missing.status_code, missing.json()["title"]) == (404, theirs.json()["title"])
        assert (await client.get("/api/account/notifications/unread-count")).json() == {"unreadCount": 5}
        assert (await client.post("/api/account/notifications/read-all")).json() == {"marked": 5}
        assert (await client.get("/api/account/notifications/unread-count")).json() == {"unreadCount": 0}
    assert await store.unread_count(mei) == 2  # hers untouched (ours and the demo's)
