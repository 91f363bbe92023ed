"""The two worlds the Freebit contract runs in: the real adapter against the emulator, and the twin.

Each world gives the test a `SimProvisioner`, a way to move time, to arm a fault on one operation and to
count activations, so the same assertions run against both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from adapters.memory.clock import FrozenClock
from adapters.memory.sim_provisioner import InMemorySimProvisioner, TwinFault
from application.ports.sim_models import SimOperation
from application.ports.sim_provisioner import SimProvisioner
from sandbox.faults import Fault, FaultKind
from sandbox.freebit import FreebitState

COMPLETION_DELAY = 600.0  # seconds an asynchronous order takes in both worlds
EMULATOR_KEY_TTL = 1800.0
ADAPTER_KEY_TTL = 7200.0  # longer than the emulator's, so an expired key is refused and renewed

# Which emulator path stands for which port operation.
EMULATOR_PATHS = {
    SimOperation.ACTIVATE_PHYSICAL: "master/addAcnt",
    SimOperation.ACTIVATE_ESIM: "mvno/esim/addAcnt",
    SimOperation.VOICE_OPTIONS: "mvno/talkoption/addOrder",
    SimOperation.CANCEL: "master/cnclAcnt",
    SimOperation.ADD_QUOTA: "mvno/addSpec",
    SimOperation.GET_ACCOUNT: "mvno/getDetail",
    SimOperation.GET_TRAFFIC: "mvno/getTrafficInfo",
    SimOperation.PLAN_CHANGE: "mvno/changePlan",
    SimOperation.SWAP_CARD: "mvno/changeSim",
}
TWIN_FAULTS = {
    FaultKind.HTTP_ERROR: TwinFault.UNAVAILABLE,
    FaultKind.NON_JSON: TwinFault.UNAVAILABLE,
    FaultKind.TIMEOUT: TwinFault.UNAVAILABLE,
    FaultKind.AUTH_FAILURE: TwinFault.AUTH_FAILURE,
    FaultKind.APPLY_THEN_TIMEOUT: TwinFault.APPLY_THEN_TIMEOUT,
}
# Hung requests outlast the adapter's read timeout in tests, then end so the server can stop.
HANG_MS = 1_000


class World(Protocol):
    name: str
    provisioner: SimProvisioner
    clock: FrozenClock

    def inject(self, operation: SimOperation, kind: FaultKind, *, times: int | None = 1) -> None: ...

    def activations(self, msisdn: str) -> int: ...


class EmulatorWorld:
    name = "adapter+emulator"

    def __init__(self, provisioner: SimProvisioner, state: FreebitState, clock: FrozenClock) -> None:
        self.provisioner = provisioner
        self.state = state
        self.clock = clock

    def inject(self, operation: SimOperation, kind: FaultKind, *, times: int | None = 1) -> None:
        delay = HANG_MS if kind in {FaultKind.TIMEOUT, FaultKind.APPLY_THEN_TIMEOUT} else 0
        self.state.faults.arm(Fault(operation=EMULATOR_PATHS[operation], kind=kind, delay_ms=delay, times=times))

    def activations(self, msisdn: str) -> int:
        return sum(1 for r in self.state.registrations if r.account == msisdn)


class TwinWorld:
    name = "twin"

    def __init__(self, clock: FrozenClock) -> None:
        self.clock = clock
        self.twin = InMemorySimProvisioner(clock, completion_delay_seconds=COMPLETION_DELAY)
        self.provisioner: SimProvisioner = self.twin

    def inject(self, operation: SimOperation, kind: FaultKind, *, times: int | None = 1) -> None:
        self.twin.faults.arm(operation, TWIN_FAULTS[kind], times=times)

    def activations(self, msisdn: str) -> int:
        return self.twin.activations_for(msisdn)


WorldFactory = Callable[[], World]
