"""Everything the Freebit emulator remembers, seeded from `seed.py`; time comes from an injected clock."""

from __future__ import annotations

from datetime import datetime, timedelta

from sandbox.faults import FaultPlan
from sandbox.freebit import seed
from sandbox.freebit.clock import SystemWallClock, WallClock
from sandbox.freebit.model import (
    ON,
    Account,
    PendingOrder,
    Registration,
    Reservation,
    StockSim,
    jst_date,
)


class FreebitState:
    def __init__(self, clock: WallClock | None = None) -> None:
        self.clock: WallClock = clock or SystemWallClock()
        self.faults = FaultPlan()
        self._offset = timedelta()
        self.reset()

    def now(self) -> datetime:
        return self.clock.now() + self._offset

    def advance(self, seconds: float) -> None:
        """Move the emulator's time forward (on top of its clock) and finish what became due."""
        self._offset += timedelta(seconds=seconds)
        self.settle()

    def reset(self) -> None:
        """Back to the seed: inventory, Hanako's line, the MNP reservation; no keys, no faults, no history."""
        self.faults.clear()
        self.oem_credentials: dict[str, str] = {seed.OEM_ID: seed.OEM_KEY}
        self.auth_keys: dict[str, datetime] = {}  # authKey → expiry
        self.auth_requests = 0
        self.physical_sims = {
            sim.product_number: StockSim(sim.product_number, sim.msisdn) for sim in seed.PHYSICAL_SIMS
        }
        self.esim_numbers: dict[str, bool] = dict.fromkeys(seed.ESIM_MSISDNS, False)  # msisdn → used
        self.accounts: dict[str, Account] = {}
        self.registrations: list[Registration] = []
        self.plan_changes: list[tuple[str, str]] = []  # (account, planCode) per accepted PA05-21: what tests count
        self.esim_completions: list[dict[str, str]] = []  # rows of the eSIM completion notification file
        today = jst_date(self.now())
        mnp = seed.MNP_RESERVATION
        holder = {
            "lastnameKanji": mnp.last_name_kanji,
            "firstnameKanji": mnp.first_name_kanji,
            "lastnameZenKana": mnp.last_name_kana,
            "firstnameZenKana": mnp.first_name_kana,
            "gender": mnp.gender,
            "birthday": mnp.birthday.strftime("%Y%m%d"),
        }
        self.mnp_reservations = {
            mnp.reserve_number: Reservation(mnp.reserve_number, mnp.msisdn, mnp.expires_on(today), holder)
        }
        self._seed_hanako()

    def _seed_hanako(self) -> None:
        hanako = Account(
            msisdn=seed.HANAKO_MSISDN,
            plan_code=seed.HANAKO_PLAN_CODE,
            contract_line="4G",
            state="active",
            remaining_mb=seed.PLAN_QUOTAS_MB[seed.HANAKO_PLAN_CODE],
            product_number=seed.HANAKO_PRODUCT_NUMBER,
            started_on=seed.HANAKO_STARTED_ON,
        )
        if seed.HANAKO_VOICE_MAIL:
            hanako.voice["voiceMail"] = ON
        if seed.HANAKO_CALL_WAITING:
            hanako.voice["callWaiting"] = ON
        today = jst_date(self.now())
        for days_ago, used in enumerate(seed.HANAKO_USED_MB_RECENT_DAYS):
            hanako.usage_mb[today - timedelta(days=days_ago)] = used
        hanako.remaining_mb -= sum(seed.HANAKO_USED_MB_RECENT_DAYS)
        self.accounts[hanako.msisdn] = hanako

    def new_auth_key(self, key: str, ttl_seconds: float) -> None:
        self.auth_keys[key] = self.now() + timedelta(seconds=ttl_seconds)

    def auth_key_valid(self, key: object) -> bool:
        expiry = self.auth_keys.get(key) if isinstance(key, str) else None
        return expiry is not None and expiry > self.now()

    def expire_auth_keys(self) -> None:
        self.auth_keys.clear()

    def settle(self, *, everything: bool = False) -> int:
        """Apply every pending order that is due (or all of them); returns how many were applied."""
        now = self.now()
        applied = 0
        for account in self.accounts.values():
            for order in list(account.pending):
                if everything or order.due_at <= now:
                    account.pending.remove(order)
                    self._apply(account, order)
                    applied += 1
        return applied

    def _apply(self, account: Account, order: PendingOrder) -> None:
        day = jst_date(order.starts_at)
        if order.kind in {"addAcnt", "esimAddAcnt"}:
            account.state = "active"
            account.started_on = day
        elif order.kind == "esimReissue":
            account.eid = order.payload["eid"]
        elif order.kind == "talkOption":
            account.voice.update(order.payload)  # options the change did not name stay as they are
        elif order.kind == "simSwap":
            account.product_number = order.payload["productNumber"]  # the old card stops only now
        elif order.kind == "planChange":
            account.plan_code = order.payload["planCode"]
        elif order.kind == "contractLine":
            account.contract_line = order.payload["contractLine"]
        elif order.kind == "cnclAcnt":
            account.state = "cancelled"
            account.cancelled_on = day
        if order.kind.startswith("esim"):
            self.esim_completions.append(
                {"account": account.msisdn, "eid": account.eid, "kind": order.kind, "completedOn": day.isoformat()}
            )
