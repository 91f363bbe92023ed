"""The authKey cache, the casing-tolerant decoder and the config's secrecy."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from adapters.freebit import FreebitConfig, build_freebit_http_client
from adapters.freebit.auth import AuthKeyCache
from adapters.freebit.decode import UnexpectedAnswerError, account, traffic
from adapters.memory.clock import FrozenClock
from application.ports.sim_models import ContractLine, SimAccountState, SimKind, SimOperation


class CountingFetch:
    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        await asyncio.sleep(0)
        return f"key-{self.calls}"


async def test_concurrent_callers_share_one_fetch() -> None:
    fetch = CountingFetch()
    cache = AuthKeyCache(fetch, clock=FrozenClock(), ttl_seconds=60)

    keys = await asyncio.gather(*(cache.current() for _ in range(10)))

    assert set(keys) == {"key-1"}
    assert fetch.calls == 1


async def test_the_key_is_renewed_after_its_age() -> None:
    fetch, clock = CountingFetch(), FrozenClock()
    cache = AuthKeyCache(fetch, clock=clock, ttl_seconds=60)
    await cache.current()

    clock.advance(59)
    assert await cache.current() == "key-1"
    clock.advance(1)
    assert await cache.current() == "key-2"


async def test_a_refused_key_is_replaced_once_for_all_who_saw_it_refused() -> None:
    fetch = CountingFetch()
    cache = AuthKeyCache(fetch, clock=FrozenClock(), ttl_seconds=60)
    refused = await cache.current()

    replacements = await asyncio.gather(*(cache.replace(refused) for _ in range(5)))

    assert set(replacements) == {"key-2"}
    assert fetch.calls == 2


async def test_a_failed_fetch_leaves_no_key_behind() -> None:
    calls = 0

    async def failing() -> str:
        nonlocal calls
        calls += 1
        raise RuntimeError("down")

    cache = AuthKeyCache(failing, clock=FrozenClock(), ttl_seconds=60)
    for _ in range(2):
        with pytest.raises(RuntimeError):
            await cache.current()
    assert calls == 2


LOWER = {
    "account": "07055550001",
    "state": "activating",
    "planCode": "PNEW_20G",
    "networkType": "5G",
    "voicemail": "10",
    "callwaiting": "20",
    "worldwing": "10",
    "eid": "8" * 32,
    "simKind": "E3",
    "productNumber": "",
    "startDate": "",
    "pendingOrders": [
        {"orderKind": "esimAddAcnt", "runDate": "20261101"},
        {"orderKind": "lineChg", "runDate": "20261102"},
    ],
}
CAMEL = {
    "account": "07055550001",
    "status": "activating",
    "planCode": "PNEW_20G",
    "contractLine": "5G",
    "voiceMail": "10",
    "callWaiting": "20",
    "worldWing": "10",
    "eid": "8" * 32,
    "simKind": "E3",
    "pendingOrders": [
        {"orderKind": "esimAddAcnt", "runDate": "20261101"},
        {"orderKind": "lineChg", "runDate": "20261102"},
    ],
}


@pytest.mark.parametrize("item", [LOWER, CAMEL], ids=["lower", "camel"])
def test_both_spellings_decode_to_the_same_account(item: dict[str, object]) -> None:
    decoded = account({"resultCode": "100", "responseDatas": [item]})

    assert decoded.state is SimAccountState.ACTIVATING
    assert decoded.contract_line is ContractLine.FIVE_G
    assert (decoded.voice_options.voice_mail, decoded.voice_options.call_waiting) == (True, False)
    assert decoded.voice_options.international_roaming
    assert decoded.sim_kind is SimKind.DATA_SMS
    assert decoded.product_number is None
    assert [p.operation for p in decoded.pending] == [SimOperation.ACTIVATE_ESIM, SimOperation.OTHER]
    assert decoded.pending[0].run_on == date(2026, 11, 1)


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"responseDatas": []},
        {"responseDatas": [{**LOWER, "state": "frozen"}]},
        {"responseDatas": [{**LOWER, "startDate": "2026-11-01"}]},
        {"responseDatas": [{**LOWER, "pendingOrders": [{"orderKind": "addAcnt"}]}]},
    ],
)
def test_an_unreadable_detail_is_an_unexpected_answer(payload: dict[str, object]) -> None:
    with pytest.raises(UnexpectedAnswerError):
        account(payload)


def test_an_unreadable_traffic_answer_is_an_unexpected_answer() -> None:
    with pytest.raises(UnexpectedAnswerError):
        traffic({"traffic": {"account": "08012345678", "remainingQuota": "lots", "todayTraffic": "1"}})


def test_the_config_never_shows_the_oem_key() -> None:
    config = FreebitConfig(oem_id="P123", oem_key="very-secret")
    assert "very-secret" not in repr(config)
    assert "very-secret" not in str(config)


async def test_the_http_client_has_explicit_timeouts_and_limits() -> None:
    config = FreebitConfig(base_url="https://freebit.test/emptool/api", read_timeout_seconds=12.0)
    async with build_freebit_http_client(config) as client:
        assert str(client.base_url) == "https://freebit.test/emptool/api/"
        assert client.timeout.read == 12.0
        assert client.timeout.connect == config.connect_timeout_seconds
        assert client.timeout.pool == config.pool_timeout_seconds
