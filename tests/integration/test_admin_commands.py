"""`portal admin` as an operator runs it: a real process on the configured Postgres and Redis, its answer on
stdout, one JSON `admin_action` line per action on stderr, exit status 1 (and nothing done) on bad input."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from redis import Redis
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from adapters.memory.clock import FrozenClock
from adapters.postgres.sim_inventory import PostgresSimInventory
from adapters.redis import keys
from application.cdc.channels import ORDER
from domain.orders.fulfilment import SimCard
from tests.support.redis_server import redis_url

pytestmark = pytest.mark.integration
REDIS = redis_url(8)
ACCOUNT = "001RO0000000001YAA"


@pytest.fixture
def env(database_url: str) -> Iterator[dict[str, str]]:
    redis = Redis.from_url(REDIS)
    redis.flushdb()
    yield {**os.environ, "PORTAL_DATABASE_URL": database_url, "PORTAL_REDIS_URL": REDIS, "PORTAL_LOG_FORMAT": "json"}
    redis.flushdb()
    redis.close()


def admin(env: dict[str, str], *argv: str) -> tuple[int, str, list[dict[str, Any]]]:
    argv_ = [sys.executable, "-m", "entrypoints.cli", "admin", *argv]
    done = subprocess.run(argv_, env=env, capture_output=True, text=True, timeout=60, check=False)
    lines = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    audit = [line for line in lines if line.get("event") == "admin_action"]
    assert len(lines) == len(audit), done.stderr  # nothing but the audit trail (and warnings, of which none here)
    return done.returncode, done.stdout, audit or [{"stderr": done.stderr}]


async def test_a_quarantined_card_is_listed_and_restocked_once(env: dict[str, str], database_url: str) -> None:
    engine = create_async_engine(database_url, poolclass=NullPool)
    inventory = PostgresSimInventory(engine, FrozenClock(dt.datetime(2026, 12, 1, tzinfo=dt.UTC)))
    card = SimCard(kind="physical", msisdn="07099990042", product_number="PN0042")
    await inventory.add_stock([card])
    await inventory.assign("801RO0000000042YAA", "physical")
    await inventory.quarantine("801RO0000000042YAA", card.msisdn, "Freebit 300-302")
    try:
        status, out, _ = admin(env, "sims", "quarantined")
        assert status == 0
        assert card.msisdn in out
        assert "Freebit 300-302" in out

        status, out, [line] = admin(env, "--json", "sims", "restock", card.msisdn, "--reason", "reseated, tested")
        assert (status, json.loads(out)["outcome"]) == (0, "restocked")
        assert (line["action"], line["outcome"], line["msisdn"]) == ("sims.restock", "restocked", card.msisdn)
        assert line["reason"] == "reseated, tested"

        status, out, [line] = admin(env, "--json", "sims", "restock", card.msisdn, "--reason", "again")
        assert (status, json.loads(out)["outcome"], line["outcome"]) == (0, "not_quarantined", "not_quarantined")
    finally:
        await engine.dispose()


def test_a_purge_and_a_channel_reset_are_done_once_and_a_bad_account_is_refused(env: dict[str, str]) -> None:
    redis = Redis.from_url(REDIS)
    for key in (f"acct:{ACCOUNT}:billing:profile", f"acct:{ACCOUNT}:billing:invoice:7", "acct:001OTHER:billing:x"):
        redis.set(keys.cache(key), b"{}", ex=600)

    status, out, [line] = admin(env, "--json", "cache", "purge", ACCOUNT)
    assert (status, json.loads(out)["cache_entries"], line["cache_entries"]) == (0, 2, 2)
    assert redis.exists(keys.cache("acct:001OTHER:billing:x"))

    status, _, [line] = admin(env, "cdc", "reset", ORDER)
    assert (status, line["outcome"]) == (0, "requested")
    status, out, _ = admin(env, "--json", "cdc", "positions")
    shown = {row["channel"]: row for row in json.loads(out)}
    assert (shown[ORDER]["reset_pending"], shown[ORDER]["replay_id"]) == (True, None)

    status, _, [refused] = admin(env, "cache", "purge", "not-an-account")
    assert status == 1
    assert "INVALID_INPUT" in refused["stderr"]
    redis.close()
