"""What only the real adapter against the emulator can show: the authKey's life, casing, misconfiguration."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest

from adapters.freebit import FreebitConfig, FreebitSimProvisioner, build_freebit_http_client
from adapters.memory.clock import FrozenClock
from adapters.resilience import UpstreamGuard
from application.errors import UpstreamConfigurationError, UpstreamUnavailableError
from application.ports.sim_models import ContractLine, VoiceOptions
from sandbox.faults import Fault, FaultKind
from sandbox.freebit import FreebitEmulatorConfig, FreebitState, create_app, seed
from tests.contract.freebit.conftest import Emulator
from tests.contract.freebit.requests import FREE_SIM, physical
from tests.support.servers import free_port, serve_in_thread

pytestmark = pytest.mark.integration

HANAKO = seed.HANAKO_MSISDN
AdapterFactory = Callable[..., FreebitSimProvisioner]


@pytest.fixture
async def adapter_for(fresh_emulator: Emulator) -> AsyncIterator[AdapterFactory]:
    clients = []

    def build(**overrides: object) -> FreebitSimProvisioner:
        config = fresh_emulator.adapter_config(**overrides)
        client = build_freebit_http_client(config)
        clients.append(client)
        return FreebitSimProvisioner(client, config, clock=fresh_emulator.clock, guard=UpstreamGuard("freebit-t"))

    yield build
    for client in clients:
        await client.aclose()


async def test_the_auth_key_is_fetched_once_and_shared(fresh_emulator: Emulator, adapter_for: AdapterFactory) -> None:
    adapter = adapter_for()

    await asyncio.gather(*(adapter.get_account(HANAKO) for _ in range(5)))
    await adapter.get_traffic(HANAKO)

    assert fresh_emulator.state.auth_requests == 1


async def test_a_refused_key_is_renewed_exactly_once(fresh_emulator: Emulator, adapter_for: AdapterFactory) -> None:
    adapter = adapter_for()
    await adapter.get_account(HANAKO)

    fresh_emulator.state.expire_auth_keys()
    await asyncio.gather(*(adapter.get_account(HANAKO) for _ in range(3)))

    assert fresh_emulator.state.auth_requests == 2


async def test_a_key_refused_again_after_renewal_is_not_renewed_in_a_loop(
    fresh_emulator: Emulator, adapter_for: AdapterFactory
) -> None:
    adapter = adapter_for()
    fresh_emulator.state.faults.arm(Fault(operation="mvno/getDetail", kind=FaultKind.AUTH_FAILURE, times=None))

    with pytest.raises(UpstreamConfigurationError, match="fresh authKey"):
        await adapter.get_account(HANAKO)
    assert fresh_emulator.state.auth_requests == 2  # the first key, and one renewal


async def test_the_adapter_renews_its_key_after_its_own_cache_age(
    fresh_emulator: Emulator, adapter_for: AdapterFactory
) -> None:
    adapter = adapter_for(auth_key_ttl_seconds=60.0)
    await adapter.get_account(HANAKO)
    live = dict(fresh_emulator.state.auth_keys)

    fresh_emulator.clock.advance(61)
    await adapter.get_account(HANAKO)

    assert fresh_emulator.state.auth_requests == 2
    assert set(fresh_emulator.state.auth_keys) > set(live)  # a new key, asked for before the old one expired


async def test_wrong_oem_credentials_are_a_configuration_error(
    fresh_emulator: Emulator, adapter_for: AdapterFactory
) -> None:
    adapter = adapter_for(oem_key="not-the-key")

    with pytest.raises(UpstreamConfigurationError, match="OEM credentials"):
        await adapter.activate_physical_sim(physical())
    assert fresh_emulator.state.auth_requests == 1
    assert fresh_emulator.state.registrations == []


async def test_an_auth_outage_is_retryable(fresh_emulator: Emulator, adapter_for: AdapterFactory) -> None:
    fresh_emulator.state.faults.arm(Fault(operation="authOem", kind=FaultKind.HTTP_ERROR, times=None))

    with pytest.raises(UpstreamUnavailableError):
        await adapter_for().get_account(HANAKO)


async def test_a_wrong_operation_path_is_a_configuration_error(adapter_for: AdapterFactory) -> None:
    adapter = adapter_for(detail_path="mvno/getAcntDetail/")

    with pytest.raises(UpstreamConfigurationError, match="no operation"):
        await adapter.get_account(HANAKO)


async def test_an_unreachable_freebit_is_retryable_and_nothing_is_reconciled() -> None:
    config = FreebitConfig(base_url=f"http://127.0.0.1:{free_port()}/emptool/api/", oem_id="x", oem_key="y")
    async with build_freebit_http_client(config) as client:
        adapter = FreebitSimProvisioner(client, config, clock=FrozenClock(), guard=UpstreamGuard("freebit-down"))
        with pytest.raises(UpstreamUnavailableError, match="could not be reached"):
            await adapter.activate_physical_sim(physical())


async def test_lost_answer_and_unreadable_account_stays_unknown(
    fresh_emulator: Emulator, adapter_for: AdapterFactory
) -> None:
    faults = fresh_emulator.state.faults
    faults.arm(Fault(operation="master/addAcnt", kind=FaultKind.APPLY_THEN_TIMEOUT, delay_ms=1000))
    faults.arm(Fault(operation="mvno/getDetail", kind=FaultKind.HTTP_ERROR, times=None))

    with pytest.raises(UpstreamUnavailableError, match="read the account before retrying"):
        await adapter_for().activate_physical_sim(physical())
    assert len(fresh_emulator.state.registrations) == 1


async def test_camel_cased_answers_are_read_the_same() -> None:
    clock = FrozenClock()
    state = FreebitState(clock)
    with serve_in_thread(create_app(state, config=FreebitEmulatorConfig(casing="camel"))) as url:
        config = FreebitConfig(base_url=f"{url}/emptool/api/", oem_id=seed.OEM_ID, oem_key=seed.OEM_KEY)
        async with build_freebit_http_client(config) as client:
            adapter = FreebitSimProvisioner(client, config, clock=clock, guard=UpstreamGuard("freebit-camel"))
            account = await adapter.get_account(HANAKO)
            await adapter.activate_physical_sim(physical(contract_line=ContractLine.FIVE_G))
            fresh = await adapter.get_account(FREE_SIM.msisdn)

    assert account.voice_options == VoiceOptions(voice_mail=True, call_waiting=True)
    assert account.activation_complete
    assert fresh.contract_line is ContractLine.FIVE_G
    assert fresh.activation_pending
