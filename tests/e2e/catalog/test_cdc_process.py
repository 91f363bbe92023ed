"""The real `portal cdc` process between the Salesforce emulator and the API (in process), over Redis and Postgres.

- An agent's price change reaches the public endpoint, with a new ETag, within a second.
- Changes the catalog does not show (another price book, a field we do not read) invalidate nothing.
- The consumer killed (SIGKILL) while changes happen, then restarted: every change arrives, none is applied
  twice — the catalog's generation grows by exactly the number of relevant changes.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import msgspec
import pytest
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis

from adapters.redis import keys
from adapters.redis.read_model_store import RedisReadModelStore
from adapters.salesforce.crm import SalesforceCrm
from application.eligibility.eligibility_read_model import EligibilityReadModel
from application.read_models.live_gate import LiveReadGate
from entrypoints.secret import Secret
from tests.e2e.catalog.salesforce import Salesforce, running_salesforce
from tests.integration.catalog.stores import CATALOG_REDIS_URL
from tests.integration.conftest import disposable_engine
from tests.support.app import real_app, settings_for_tests
from tests.support.postgres import create_migrated_database, drop

pytestmark = pytest.mark.integration
VPN = "/api/public/services/vpn"
CATALOG_REDIS_URL_SECRET = Secret(CATALOG_REDIS_URL)
ENTRY_CHANNEL = "/data/PricebookEntryChangeEvent"
ELIGIBILITY_CHANNEL = "/event/Account_Eligibility_Update__e"


@pytest.fixture(scope="module")
def database_url() -> Iterator[str]:
    dsn = create_migrated_database("cdc")
    yield dsn
    drop(dsn)


@pytest.fixture(scope="module")
def salesforce(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Salesforce]:
    with running_salesforce(Path(tmp_path_factory.mktemp("salesforce"))) as running:
        yield running


@pytest.fixture
async def redis(salesforce: Salesforce) -> AsyncIterator[Redis]:
    salesforce.call("POST", "/reset")  # the demo world afresh, streams included
    client = Redis.from_url(CATALOG_REDIS_URL)
    await client.flushdb()
    yield client
    await client.flushdb()
    await client.aclose()


class Consumer:
    """`python -m entrypoints.cli cdc` with the PORTAL_* environment pointing at the test stores."""

    def __init__(self, database_url: str, salesforce: Salesforce, log: Path) -> None:
        self.env = {
            **os.environ,
            "PORTAL_ADAPTERS": "real",
            "PORTAL_DATABASE_URL": database_url,
            "PORTAL_REDIS_URL": CATALOG_REDIS_URL,
            "PORTAL_LOG_FORMAT": "json",
            "PORTAL_CDC_LEASE_TTL_SECONDS": "2",
            "PORTAL_CDC_COLD_START_SETTLE_SECONDS": "1",
            **salesforce.environment(),
        }
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "entrypoints.cli", "cdc"], env=self.env, stdout=out, stderr=out
            )

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None


@pytest.fixture
def consumer(database_url: str, salesforce: Salesforce, tmp_path: Path) -> Iterator[Consumer]:
    running = Consumer(database_url, salesforce, tmp_path / "cdc.log")
    yield running
    running.stop()


def price_of(document: bytes, sku: str) -> str:
    plans = msgspec.json.decode(document)["plans"]
    amount = next(p["price"]["amount"] for p in plans if p["sku"] == sku)
    return str(int(Decimal(amount)))  # whole yen


async def wait_for(client: AsyncTestClient[Any], sku: str, price: int, within: float) -> tuple[float, str]:
    started = time.monotonic()
    while True:
        response = await client.get(VPN)
        if price_of(response.content, sku) == str(price):
            return time.monotonic() - started, response.headers["etag"]
        if time.monotonic() - started > within:
            raise AssertionError(f"{sku} still at {price_of(response.content, sku)}, not {price}")
        await asyncio.sleep(0.02)


async def until_consumed(client: AsyncTestClient[Any], salesforce: Salesforce, entry_id: str) -> None:
    """The stream has no "subscribed" signal: an event the consumer reports as applied proves it is live.

    (The catalog alone would not: the cold-start resync re-reads Salesforce, changes before the subscription
    included.)
    """
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        salesforce.call("PATCH", f"/records/PricebookEntry/{entry_id}", json={"UnitPrice": 1250})
        for _ in range(10):
            if await channel_applied(client, ENTRY_CHANNEL):
                return
            await asyncio.sleep(0.05)
    raise AssertionError("the consumer never applied a change")


async def generation(redis: Redis) -> int:
    return int(await redis.get(keys.read_model_generation("catalog", "portal")) or 0)


async def test_changes_flow_through_the_consumer_process(
    database_url: str, salesforce: Salesforce, consumer: Consumer, redis: Redis
) -> None:
    usa, uk = salesforce.entry("VPN-USA-SF"), salesforce.entry("VPN-UK-LONDON")
    app = real_app(database_url, redis_url=CATALOG_REDIS_URL_SECRET, **salesforce.portal_settings())
    async with disposable_engine(database_url), AsyncTestClient(app) as client:
        first = await client.get(VPN)
        assert price_of(first.content, "VPN-USA-SF") == "1200"
        consumer.start()
        await until_consumed(client, salesforce, usa["Id"])

        salesforce.call("PATCH", f"/records/PricebookEntry/{usa['Id']}", json={"UnitPrice": 1300})
        elapsed, etag = await wait_for(client, "VPN-USA-SF", 1300, within=5)
        assert elapsed < 1.0
        assert etag != first.headers["etag"]

        await asyncio.sleep(1.5)  # let the cold-start resync settle before counting
        before = await generation(redis)
        other_book = salesforce.entry("VPN-USA-SF", portal=False)
        salesforce.call("PATCH", f"/records/PricebookEntry/{other_book['Id']}", json={"UnitPrice": 999})
        salesforce.call("PATCH", f"/records/Product2/{usa['Product2Id']}", json={"Description": "Now with more"})
        salesforce.call("PATCH", f"/records/PricebookEntry/{uk['Id']}", json={"UnitPrice": 1210})  # a marker
        await wait_for(client, "VPN-UK-LONDON", 1210, within=5)
        assert await generation(redis) == before + 1  # only the marker invalidated
        unchanged = await client.get(VPN)
        assert price_of(unchanged.content, "VPN-USA-SF") == "1300"

        before = await generation(redis)
        consumer.stop(signal.SIGKILL)
        for price in (1401, 1402, 1403):  # nobody consumes these now
            salesforce.call("PATCH", f"/records/PricebookEntry/{usa['Id']}", json={"UnitPrice": price})
        consumer.start()
        for price in (1404, 1405):
            salesforce.call("PATCH", f"/records/PricebookEntry/{usa['Id']}", json={"UnitPrice": price})
        await wait_for(client, "VPN-USA-SF", 1405, within=20)
        await asyncio.sleep(0.5)
        assert await generation(redis) == before + 5


async def test_an_eligibility_decision_reaches_the_read_model_through_its_platform_event(
    database_url: str, salesforce: Salesforce, consumer: Consumer, redis: Redis
) -> None:
    accounts = salesforce.call("GET", "/seed")["accounts"]
    hanako, mei = accounts["SH-100001"], accounts["SH-100005"]
    app = real_app(database_url, redis_url=CATALOG_REDIS_URL_SECRET, **salesforce.portal_settings())
    # An API process's view of the read model, on this test's event loop (the app runs on the client's).
    crm = SalesforceCrm.from_config(settings_for_tests(database_url, **salesforce.portal_settings()).salesforce())
    gate = LiveReadGate("salesforce", limit=2, wait_seconds=5)
    eligibility = EligibilityReadModel(RedisReadModelStore(redis), crm.eligibility, gate)
    async with disposable_engine(database_url), AsyncTestClient(app) as client:
        assert (await eligibility.get(mei)).status == "Not Eligible"
        consumer.start()
        deadline = time.monotonic() + 30
        while not await channel_applied(client, ELIGIBILITY_CHANNEL):  # an event applied: the subscription is live
            assert time.monotonic() < deadline, "the consumer never applied an eligibility event"
            decide(salesforce, hanako, "Eligible", "Home 1G", publish=True)
            await asyncio.sleep(0.2)
        await asyncio.sleep(1.5)  # past the cold-start resync, which re-reads every account
        assert (await eligibility.get(mei)).status == "Not Eligible"
        decide(salesforce, mei, "Eligible", "Home 1G", publish=False)  # no event: the cache (no TTL) stands
        await asyncio.sleep(0.5)
        assert (await eligibility.get(mei)).status == "Not Eligible"
        decide(salesforce, mei, "Eligible", "Home 1G", publish=True)
        started = time.monotonic()
        while (await eligibility.get(mei)).status != "Eligible":
            assert time.monotonic() - started < 2, "the platform event did not invalidate the account"
            await asyncio.sleep(0.02)
        assert (await eligibility.get(mei)).offering_type == "Home 1G"
        # The read model is stale as soon as the first handler of the event ran; the event counts as applied once
        # every handler of the channel has, and the leader reports its counters after that: wait for the report.
        started = time.monotonic()
        while True:
            health = (await client.get("/api/health/services/cache")).json()
            channels = {c["channel"]: c for c in health["channels"]}
            if channels[ELIGIBILITY_CHANNEL]["applied"] >= 2 or time.monotonic() - started > 10:
                break
            await asyncio.sleep(0.1)
    await crm.aclose()
    assert {ENTRY_CHANNEL, ELIGIBILITY_CHANNEL, "/data/Product2ChangeEvent"} <= set(channels)
    assert all(c["connected"] and c["leader"] for c in channels.values())
    assert channels[ELIGIBILITY_CHANNEL]["applied"] >= 2


def decide(salesforce: Salesforce, account: str, status: str, offering: str, *, publish: bool) -> None:
    body = {"status": status, "offering": offering, "publish": publish}
    salesforce.call("POST", f"/accounts/{account}/eligibility", json=body)


async def channel_applied(client: AsyncTestClient[Any], channel: str) -> bool:
    channels = (await client.get("/api/health/services/cache")).json()["channels"]
    return any(c["channel"] == channel and c["lastReplayId"] is not None for c in channels)
