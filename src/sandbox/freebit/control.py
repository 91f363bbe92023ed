"""The control API under /_sandbox/ for tests and the demo: reset, seed, state, time, faults."""

from __future__ import annotations

from datetime import date

import msgspec
from litestar import Router, delete, get, post
from litestar.params import JSONBody

from sandbox.faults import Fault
from sandbox.freebit.model import Reservation, StockSim
from sandbox.freebit.snapshot import snapshot
from sandbox.freebit.state import FreebitState


class StockSimIn(msgspec.Struct, frozen=True, rename="camel"):
    product_number: str
    msisdn: str


class ReservationIn(msgspec.Struct, frozen=True, rename="camel"):
    reserve_number: str
    msisdn: str
    expires_on: date
    holder: dict[str, str]  # the `mnp` fields: lastnameKanji, ..., gender, birthday (YYYYMMDD)


class SeedIn(msgspec.Struct, frozen=True, rename="camel"):
    """Extra inventory on top of the standard seed (which `reset` restores)."""

    physical_sims: list[StockSimIn] = []
    esim_msisdns: list[str] = []
    mnp_reservations: list[ReservationIn] = []
    oem_credentials: dict[str, str] = {}


class AdvanceIn(msgspec.Struct, frozen=True):
    seconds: float


def control_router(state: FreebitState) -> Router:
    @post("/reset", status_code=200)
    async def reset() -> dict[str, object]:
        """Back to the demo world's accounts, SIM stock, eSIM numbers and MNP reservations; faults cleared."""
        state.reset()
        return snapshot(state)

    @post("/seed", status_code=200)
    async def seed(data: JSONBody[SeedIn]) -> dict[str, object]:
        """Add inventory on top of the demo world: physical SIMs, eSIM numbers, MNP reservations, OEM credentials."""
        for sim in data.physical_sims:
            state.physical_sims[sim.product_number] = StockSim(sim.product_number, sim.msisdn)
        for msisdn in data.esim_msisdns:
            state.esim_numbers.setdefault(msisdn, False)
        for r in data.mnp_reservations:
            state.mnp_reservations[r.reserve_number] = Reservation(
                r.reserve_number, r.msisdn, r.expires_on, dict(r.holder)
            )
        state.oem_credentials.update(data.oem_credentials)
        return snapshot(state)

    @get("/state")
    async def read_state() -> dict[str, object]:
        """Accounts, stock, pending operations and registrations as JSON."""
        state.settle()
        return snapshot(state)

    @post("/advance", status_code=200)
    async def advance(data: JSONBody[AdvanceIn]) -> dict[str, object]:
        """Move the emulator's clock forward: asynchronous operations due by then complete."""
        state.advance(data.seconds)
        return snapshot(state)

    @post("/complete", status_code=200)
    async def complete() -> dict[str, object]:
        """Finish every pending operation now, whatever its schedule."""
        state.settle(everything=True)
        return snapshot(state)

    @post("/auth/expire", status_code=200)
    async def expire_auth_keys() -> dict[str, object]:
        """Expire every issued authKey: the next call with one answers an auth failure."""
        state.expire_auth_keys()
        return snapshot(state)

    @get("/faults")
    async def list_faults() -> list[Fault]:
        """The faults still armed."""
        return state.faults.armed()

    @post("/faults", status_code=201)
    async def arm_fault(data: JSONBody[Fault]) -> list[Fault]:
        """Arm a fault for one operation path (e.g. `master/addAcnt`) or `*`."""
        state.faults.arm(data)
        return state.faults.armed()

    @delete("/faults", status_code=204)
    async def clear_faults() -> None:
        """Disarm every fault."""
        state.faults.clear()

    handlers = [reset, seed, read_state, advance, complete, expire_auth_keys, list_faults, arm_fault, clear_faults]
    return Router("/_sandbox", route_handlers=handlers, tags=["Freebit emulator"])
