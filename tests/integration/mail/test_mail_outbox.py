"""The outbox on Postgres and its twin keep one mail per event and settle it once; the job queue holds one waiting
delivery per mail."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from procrastinate import App
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.memory.mail_outbox import InMemoryMailOutbox
from adapters.postgres.mail_outbox import PostgresMailOutbox
from adapters.procrastinate.connector import procrastinate_connector
from adapters.procrastinate.mail_queue import ProcrastinateMailQueue
from application.ports.mail import Mail, MailOutbox, MailTemplate

pytestmark = pytest.mark.integration
NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


def mail(key: str) -> Mail:
    return Mail(
        event_key=key,
        to="hanako.tanaka@example.jp",
        template=MailTemplate.EMAIL_CODE,
        values={"code": "123456", "expires_in_minutes": "10", "purpose": "sign up"},
    )


@pytest.fixture(params=["postgres", "twin"])
async def outbox(request: pytest.FixtureRequest, engine: AsyncEngine) -> MailOutbox:
    return PostgresMailOutbox(engine) if request.param == "postgres" else InMemoryMailOutbox()


async def test_a_second_mail_for_one_event_is_not_kept(outbox: MailOutbox) -> None:
    assert await outbox.add(mail("e1"), now=NOW) is True
    assert await outbox.add(mail("e1"), now=NOW + timedelta(seconds=1)) is False
    entry = await outbox.get("e1")
    assert entry is not None
    assert entry.mail == mail("e1")
    assert entry.created_at == NOW
    assert not entry.settled


async def test_a_settled_mail_drops_its_values_and_stays_settled(outbox: MailOutbox) -> None:
    await outbox.add(mail("sent"), now=NOW)
    await outbox.add(mail("refused"), now=NOW)
    await outbox.mark_sent("sent", now=NOW + timedelta(seconds=3))
    await outbox.mark_refused("refused", "recipient refused (550)", now=NOW)
    await outbox.mark_refused("sent", "late", now=NOW)  # already sent: stays sent
    sent, refused = await outbox.get("sent"), await outbox.get("refused")
    assert sent is not None
    assert sent.sent_at == NOW + timedelta(seconds=3)
    assert sent.refused is None
    assert sent.mail.values == {}
    assert refused is not None
    assert refused.refused == "recipient refused (550)"
    assert refused.mail.values == {}


async def test_unsettled_mail_is_listed_oldest_first_within_the_window_and_purged_by_age(outbox: MailOutbox) -> None:
    for minute in (5, 1, 3):
        await outbox.add(mail(f"m{minute}"), now=NOW + timedelta(minutes=minute))
    await outbox.mark_sent("m3", now=NOW)
    found = await outbox.unsettled(created_after=NOW, created_before=NOW + timedelta(minutes=10), limit=10)
    assert found == ["m1", "m5"]
    assert await outbox.unsettled(created_after=NOW + timedelta(minutes=2), created_before=NOW + timedelta(hours=1),
                                  limit=10) == ["m5"]  # fmt: skip
    assert await outbox.purge(created_before=NOW + timedelta(minutes=4)) == 2
    assert await outbox.get("m1") is None
    assert await outbox.get("m5") is not None


async def test_one_mail_waits_in_the_job_queue_once(database_url: str, engine: AsyncEngine) -> None:
    app = App(connector=procrastinate_connector(database_url))
    async with app.open_async():
        queue = ProcrastinateMailQueue(app)
        await queue.enqueue("password-reset:one")
        await queue.enqueue("password-reset:one")
        await queue.enqueue("password-reset:two")
    async with engine.begin() as connection:
        rows = (
            await connection.execute(
                text("SELECT args->>'event_key', queue_name FROM procrastinate_jobs WHERE task_name = :task"),
                {"task": "portal:deliver_mail"},
            )
        ).all()
        await connection.execute(text("DELETE FROM procrastinate_jobs WHERE task_name = 'portal:deliver_mail'"))
    assert sorted(rows) == [("password-reset:one", "mail"), ("password-reset:two", "mail")]
