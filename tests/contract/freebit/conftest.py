from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
import stamina

from adapters.freebit import FreebitConfig, FreebitSimProvisioner, build_freebit_http_client
from adapters.memory.clock import FrozenClock
from adapters.resilience import UpstreamGuard
from sandbox.freebit import FreebitEmulatorConfig, FreebitState, create_app
from sandbox.freebit.seed import OEM_ID, OEM_KEY
from tests.contract.freebit.worlds import (
    ADAPTER_KEY_TTL,
    COMPLETION_DELAY,
    EMULATOR_KEY_TTL,
    EmulatorWorld,
    TwinWorld,
    World,
)
from tests.support.servers import serve_in_thread


class Emulator:
    def __init__(self, url: str, state: FreebitState, clock: FrozenClock) -> None:
        self.url, self.state, self.clock = url, state, clock

    def adapter_config(self, **overrides: object) -> FreebitConfig:
        settings: dict[str, object] = {
            "base_url": f"{self.url}/emptool/api/",
            "oem_id": OEM_ID,
            "oem_key": OEM_KEY,
            "read_timeout_seconds": 0.5,
            "auth_key_ttl_seconds": ADAPTER_KEY_TTL,
        }
        settings.update(overrides)
        return FreebitConfig(**settings)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _instant_retries() -> Iterator[None]:
    stamina.set_testing(True, attempts=3)
    yield
    stamina.set_testing(False)


@pytest.fixture(scope="session")
def emulator() -> Iterator[Emulator]:
    clock = FrozenClock()
    state = FreebitState(clock)
    config = FreebitEmulatorConfig(auth_key_ttl_seconds=EMULATOR_KEY_TTL, completion_delay_seconds=COMPLETION_DELAY)
    with serve_in_thread(create_app(state, config=config)) as url:
        yield Emulator(url, state, clock)


@pytest.fixture
def fresh_emulator(emulator: Emulator) -> Emulator:
    emulator.state.reset()
    return emulator


@pytest.fixture(params=[pytest.param("adapter+emulator", marks=pytest.mark.integration), "twin"])
async def world(request: pytest.FixtureRequest) -> AsyncIterator[World]:
    if request.param == "twin":
        yield TwinWorld(FrozenClock())
        return
    emulator: Emulator = request.getfixturevalue("fresh_emulator")
    config = emulator.adapter_config()
    async with build_freebit_http_client(config) as client:
        adapter = FreebitSimProvisioner(client, config, clock=emulator.clock, guard=UpstreamGuard("freebit-test"))
        yield EmulatorWorld(adapter, emulator.state, emulator.clock)
