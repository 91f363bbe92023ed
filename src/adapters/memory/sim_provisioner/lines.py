"""The twin's world: inventory, lines and the clock that finishes Freebit's asynchronous orders."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from adapters.memory.sim_provisioner import rules, seed
from adapters.memory.sim_provisioner.records import Line, Order, Registration, Reservation, jst_date, start_of_day
from adapters.system_clock import SystemClock
from application.ports.clock import Clock
from application.ports.sim_models import SimAccountState, SimOperation, VoiceOptions


class TwinWorld:
    def __init__(self, clock: Clock | None, completion_delay_seconds: float) -> None:
        self.clock: Clock = clock or SystemClock()
        self.delay = timedelta(seconds=completion_delay_seconds)
        self.reset()

    def reset(self) -> None:
        today = jst_date(self.clock.now())
        self.stock: dict[str, str] = dict(seed.PHYSICAL_SIMS)  # product number → MSISDN
        self.used_products: set[str] = set()
        self.esim_numbers: dict[str, bool] = dict.fromkeys(seed.ESIM_MSISDNS, False)
        self.reservations = {
            seed.MNP_RESERVE_NUMBER: Reservation(
                seed.MNP_MSISDN, today + timedelta(days=seed.MNP_VALID_DAYS), seed.MNP_HOLDER
            )
        }
        self.registrations: list[Registration] = []
        hanako = Line(
            msisdn=seed.HANAKO_MSISDN,
            plan_code=seed.HANAKO_PLAN_CODE,
            contract_line="4G",
            state=SimAccountState.ACTIVE,
            remaining_mb=seed.PLAN_QUOTAS_MB[seed.HANAKO_PLAN_CODE] - sum(seed.HANAKO_USED_MB_RECENT_DAYS),
            product_number=seed.HANAKO_PRODUCT_NUMBER,
            voice_options=VoiceOptions(voice_mail=True, call_waiting=True),
            started_on=seed.HANAKO_STARTED_ON,
            usage_mb={today - timedelta(days=n): mb for n, mb in enumerate(seed.HANAKO_USED_MB_RECENT_DAYS)},
        )
        self.lines: dict[str, Line] = {hanako.msisdn: hanako}

    def now(self) -> datetime:
        return self.clock.now()

    def schedule(
        self,
        line: Line,
        operation: SimOperation,
        run_on: date | None = None,
        options: VoiceOptions | None = None,
        *,
        delay_seconds: float | None = None,
    ) -> None:
        starts_at = max(self.now(), start_of_day(run_on)) if run_on else self.now()
        delay = self.delay if delay_seconds is None else timedelta(seconds=delay_seconds)
        line.orders.append(Order(operation, starts_at, starts_at + delay, options))

    def new_line(self, msisdn: str, plan_code: str, contract_line: str) -> Line:
        line = Line(msisdn, plan_code, contract_line, SimAccountState.ACTIVATING, seed.PLAN_QUOTAS_MB[plan_code])
        self.lines[msisdn] = line
        return line

    def line(self, msisdn: str) -> Line:
        rules.check_format(msisdn, rules.ACCOUNT, "account")
        line = self.lines.get(msisdn)
        if line is None:
            raise rules.reject(rules.ACCOUNT_NOT_FOUND, msisdn)
        return line

    def changeable_line(self, msisdn: str) -> Line:
        line = self.line(msisdn)
        self.ensure_changeable(line)
        return line

    def ensure_changeable(self, line: Line) -> None:
        """Freebit accepts changes only in service and while no operation is running on the line."""
        if line.processing(self.now()):
            raise rules.reject(rules.LOCKED, line.msisdn)
        if line.state is not SimAccountState.ACTIVE:
            raise rules.reject(rules.NOT_IN_SERVICE, f"{line.msisdn} is {line.state}")

    def settle(self, *, everything: bool = False) -> None:
        now = self.now()
        for line in self.lines.values():
            for order in [o for o in line.orders if everything or o.due_at <= now]:
                line.orders.remove(order)
                _apply(line, order)


def _apply(line: Line, order: Order) -> None:
    day = jst_date(order.starts_at)
    if order.operation in {SimOperation.ACTIVATE_PHYSICAL, SimOperation.ACTIVATE_ESIM}:
        line.state, line.started_on = SimAccountState.ACTIVE, day
    elif order.operation is SimOperation.VOICE_OPTIONS and order.voice_options is not None:
        line.voice_options = order.voice_options
    elif order.operation is SimOperation.VOICE_OPTIONS and order.voice_change is not None:
        line.voice_options = order.voice_change.applied_to(line.voice_options)
    elif order.operation is SimOperation.NETWORK_TYPE and order.contract_line is not None:
        line.contract_line = order.contract_line
    elif order.operation is SimOperation.REISSUE_ESIM and order.eid is not None:
        line.eid = order.eid  # the old profile stops only now, when the new one is active
    elif order.operation is SimOperation.SWAP_CARD and order.product_number is not None:
        line.product_number = order.product_number  # the old card stops only now, when the new one is active
    elif order.operation is SimOperation.CANCEL:
        line.state, line.cancelled_on = SimAccountState.CANCELLED, day
