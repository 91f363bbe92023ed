"""The verification status read model: filled from the CRM on a miss, served from the store after, a 503 only when
the CRM is down and nothing is stored, live reads when the store is down, and a window by status."""

from __future__ import annotations

import asyncio

import msgspec
import pytest

from adapters.memory.crm_data import InMemoryCrmData
from adapters.memory.read_model_store import InMemoryReadModelStore
from application.errors import UpstreamUnavailableError
from application.verification.verification_read_model import SETTLED_TTL_SECONDS, UNDER_REVIEW_TTL_SECONDS
from tests.unit.verification.conftest import TtlRecordingStore, verification_model
from tests.unit.verification.test_submit_documents import FRESH_ACCOUNT, set_status


async def test_a_miss_is_filled_once_and_then_served_without_the_crm(crm: InMemoryCrmData) -> None:
    model = verification_model(crm)
    assert (await model.get(FRESH_ACCOUNT)).status == "Not Submitted"
    crm.fail_next(UpstreamUnavailableError("salesforce"), times=3)
    assert (await model.get(FRESH_ACCOUNT)).status == "Not Submitted"
    assert (model.stats.fills, model.stats.hits) == (1, 1)


async def test_concurrent_misses_ask_the_crm_once(crm: InMemoryCrmData) -> None:
    model = verification_model(crm)
    states = await asyncio.gather(*(model.get(FRESH_ACCOUNT) for _ in range(10)))
    assert {s.status for s in states} == {"Not Submitted"}
    assert model.stats.fills == 1


async def test_a_crm_outage_with_nothing_stored_is_an_outage_not_a_guess(crm: InMemoryCrmData) -> None:
    model = verification_model(crm)
    crm.fail_next(UpstreamUnavailableError("salesforce"))
    with pytest.raises(UpstreamUnavailableError):
        await model.get(FRESH_ACCOUNT)
    assert (await model.get(FRESH_ACCOUNT)).status == "Not Submitted"  # failures are never stored


async def test_a_store_outage_reads_live(crm: InMemoryCrmData) -> None:
    store = InMemoryReadModelStore()
    model = verification_model(crm, store)
    store.fail_with = "redis down"
    set_status(crm, "Verified")
    assert (await model.get(FRESH_ACCOUNT)).status == "Verified"
    assert model.stats.live_reads == 1


@pytest.mark.parametrize(
    ("status", "window"),
    [
        ("Pending", UNDER_REVIEW_TTL_SECONDS),
        ("Not Submitted", SETTLED_TTL_SECONDS),
        ("Verified", SETTLED_TTL_SECONDS),
        ("Rejected", SETTLED_TTL_SECONDS),
    ],
)
async def test_each_status_is_kept_for_its_window(crm: InMemoryCrmData, status: str, window: int) -> None:
    store = TtlRecordingStore()
    set_status(crm, status)
    await verification_model(crm, store).get(FRESH_ACCOUNT)
    assert store.ttls == [window]
    assert UNDER_REVIEW_TTL_SECONDS < SETTLED_TTL_SECONDS


async def test_an_own_write_with_the_store_down_is_logged_not_raised(
    crm: InMemoryCrmData, caplog: pytest.LogCaptureFixture
) -> None:
    store = InMemoryReadModelStore()
    model = verification_model(crm, store)
    store.fail_with = "redis down"
    await model.forget_after_own_write(FRESH_ACCOUNT)
    assert "verification_invalidation_failed" in caplog.text
    assert msgspec.json.encode(await model.get(FRESH_ACCOUNT))
