"""The real adapters against the emulator's failure modes: every error mapping, faults, expiry and refresh."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from adapters.resilience import UpstreamGuard
from adapters.salesforce.crm import SalesforceCrm
from adapters.salesforce.records import sobject
from application.errors import (
    ConflictError,
    NotFoundError,
    UpstreamConfigurationError,
    UpstreamUnavailableError,
)
from application.ports.case_desk import NewCase
from sandbox.faults import Fault, FaultKind
from sandbox.salesforce.ids import make_id
from tests.contract.salesforce.conftest import SESSION_TTL_SECONDS, Emulator

pytestmark = pytest.mark.integration


@pytest.fixture
async def salesforce(fresh_emulator: Emulator) -> AsyncIterator[SalesforceCrm]:
    config = fresh_emulator.adapter_config(read_timeout_seconds=0.5)
    crm = SalesforceCrm.from_config(config, guard=UpstreamGuard("salesforce-faults", failure_threshold=100))
    yield crm
    await crm.aclose()


def arm(emulator: Emulator, operation: str, kind: FaultKind, *, status: int = 503, times: int | None = 1) -> None:
    emulator.state.faults.arm(Fault(operation=operation, kind=kind, status=status, times=times))


def tokens_issued(emulator: Emulator) -> int:
    return len(emulator.state.tokens._issued)  # counting logins is the point


async def test_a_transient_5xx_on_a_read_is_retried(fresh_emulator: Emulator, salesforce: SalesforceCrm) -> None:
    arm(fresh_emulator, "query", FaultKind.HTTP_ERROR, status=503, times=2)

    assert await salesforce.accounts.find_by_customer_number("SH-100001") is not None


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_a_lasting_5xx_is_unavailable(fresh_emulator: Emulator, salesforce: SalesforceCrm, status: int) -> None:
    arm(fresh_emulator, "query", FaultKind.HTTP_ERROR, status=status, times=None)

    with pytest.raises(UpstreamUnavailableError):
        await salesforce.accounts.find_by_customer_number("SH-100001")


async def test_a_garbled_reply_is_unavailable(fresh_emulator: Emulator, salesforce: SalesforceCrm) -> None:
    arm(fresh_emulator, "query", FaultKind.NON_JSON, times=None)

    with pytest.raises(UpstreamUnavailableError):
        await salesforce.catalog.list_portal_entries()


async def test_a_slow_answer_is_a_timeout(fresh_emulator: Emulator, salesforce: SalesforceCrm) -> None:
    fresh_emulator.state.faults.arm(Fault(operation="query", kind=FaultKind.LATENCY, delay_ms=1500, times=None))

    with pytest.raises(UpstreamUnavailableError):
        await salesforce.accounts.find_by_customer_number("SH-100001")


async def test_latency_within_the_timeout_is_only_slow(fresh_emulator: Emulator, salesforce: SalesforceCrm) -> None:
    fresh_emulator.state.faults.arm(Fault(operation="query", kind=FaultKind.LATENCY, delay_ms=100))

    assert await salesforce.accounts.find_by_customer_number("SH-100001") is not None


async def test_the_request_limit_is_unavailable_with_a_back_off(
    fresh_emulator: Emulator, salesforce: SalesforceCrm
) -> None:
    fresh_emulator.state.daily_api_limit = 0

    with pytest.raises(UpstreamUnavailableError) as refused:
        await salesforce.accounts.find_by_customer_number("SH-100001")

    assert refused.value.retry_after == 60.0


async def test_an_injected_request_limit_error_is_mapped_the_same(
    fresh_emulator: Emulator, salesforce: SalesforceCrm
) -> None:
    arm(fresh_emulator, "sobject_update", FaultKind.HTTP_ERROR, status=403, times=None)

    with pytest.raises(UpstreamUnavailableError):
        await salesforce.accounts.update_portal_link(
            fresh_emulator.state.seed_ids.accounts["SH-100003"], status="Active"
        )


async def test_an_expired_session_is_refreshed_once_transparently(
    fresh_emulator: Emulator, salesforce: SalesforceCrm
) -> None:
    await salesforce.accounts.find_by_customer_number("SH-100001")
    before = tokens_issued(fresh_emulator)
    fresh_emulator.state.clock.advance(SESSION_TTL_SECONDS + 1)

    assert await salesforce.accounts.find_by_customer_number("SH-100002") is not None
    assert tokens_issued(fresh_emulator) == before + 1


async def test_a_revoked_session_is_refreshed(fresh_emulator: Emulator, salesforce: SalesforceCrm) -> None:
    await salesforce.accounts.find_by_customer_number("SH-100001")
    fresh_emulator.state.tokens.expire_all()

    assert len(await salesforce.catalog.list_portal_entries()) == 44


async def test_an_injected_invalid_session_is_retried_with_a_new_token(
    fresh_emulator: Emulator, salesforce: SalesforceCrm
) -> None:
    await salesforce.accounts.find_by_customer_number("SH-100001")
    before = tokens_issued(fresh_emulator)
    arm(fresh_emulator, "query", FaultKind.AUTH_FAILURE)

    assert await salesforce.accounts.find_by_customer_number("SH-100001") is not None
    assert tokens_issued(fresh_emulator) == before + 1


async def test_a_session_refused_even_after_refresh_is_a_configuration_error(
    fresh_emulator: Emulator, salesforce: SalesforceCrm
) -> None:
    arm(fresh_emulator, "query", FaultKind.AUTH_FAILURE, times=None)

    with pytest.raises(UpstreamConfigurationError):
        await salesforce.accounts.find_by_customer_number("SH-100001")


async def test_a_404_is_not_found(fresh_emulator: Emulator, salesforce: SalesforceCrm) -> None:
    missing = make_id("801", 99_999)

    with pytest.raises(NotFoundError):
        await salesforce.client.read(lambda sf: sobject(sf, "Order").get(missing))


async def test_several_external_id_matches_are_a_conflict(fresh_emulator: Emulator, salesforce: SalesforceCrm) -> None:
    for name in ("Twin One", "Twin Two"):
        fresh_emulator.state.store.create("Account", {"Name": name, "SF_Account_No__c": "SH-DUP"})

    with pytest.raises(ConflictError):
        await salesforce.client.read(lambda sf: sobject(sf, "Account").get_by_custom_id("SF_Account_No__c", "SH-DUP"))


async def test_soql_the_org_rejects_is_our_configuration_error(
    fresh_emulator: Emulator, salesforce: SalesforceCrm
) -> None:
    for soql in ("SELECT Id FROM Account WHERE", "SELECT Nope__c FROM Account", "SELECT Id FROM Nope__c"):
        with pytest.raises(UpstreamConfigurationError):
            await salesforce.client.read(lambda sf, q=soql: sf.query(q))  # type: ignore[misc]


async def test_a_5xx_on_a_write_is_not_retried(fresh_emulator: Emulator, salesforce: SalesforceCrm) -> None:
    arm(fresh_emulator, "sobject_create", FaultKind.HTTP_ERROR, status=503, times=1)
    account_id = fresh_emulator.state.seed_ids.accounts["SH-100001"]
    with pytest.raises(UpstreamUnavailableError):
        await salesforce.cases.create_case(
            NewCase(account_id=account_id, request_key="pc-5xx", subject="s", description="d")
        )
    assert len(await salesforce.cases.list_cases(account_id)) == 1
