"""In-memory `SimProvisioner` that behaves like the Freebit adapter talking to the Freebit emulator."""

from __future__ import annotations

from datetime import date

from adapters.freebit.provisioner import ESIM_NUMBER_REQUIRED
from adapters.memory.sim_provisioner import rules
from adapters.memory.sim_provisioner.faults import TwinFault, TwinFaults
from adapters.memory.sim_provisioner.lines import TwinWorld
from adapters.memory.sim_provisioner.records import Registration, jst_date
from adapters.memory.sim_provisioner.views import account_view, traffic_view
from application.errors import InvalidInputError, UpstreamUnavailableError
from application.ports.clock import Clock
from application.ports.sim_models import (
    AcceptedOperation,
    ContractLine,
    EsimActivation,
    PhysicalSimActivation,
    QuotaTopUp,
    QuotaTopUpReceipt,
    SimAccount,
    SimAccountState,
    SimKind,
    SimOperation,
    TrafficInfo,
    VoiceOptionChange,
    VoiceOptions,
)
from application.ports.sim_provisioner import SimProvisioner

SYSTEM = "Freebit"
READ_ATTEMPTS = 3  # the adapter's guard retries reads this often


class InMemorySimProvisioner(SimProvisioner):
    def __init__(self, clock: Clock | None = None, *, completion_delay_seconds: float = 120.0) -> None:
        self.world = TwinWorld(clock, completion_delay_seconds)
        self.faults = TwinFaults()
        self.line_change_delay_seconds = 1800.0  # PA05-38 takes ~30 minutes, the line locked meanwhile
        self.changes: list[tuple[SimOperation, str]] = []  # every line change accepted: what tests count

    @property
    def registrations(self) -> list[Registration]:
        return self.world.registrations

    def activations_for(self, msisdn: str) -> int:
        return sum(1 for r in self.world.registrations if r.msisdn == msisdn)

    def complete_pending(self) -> None:
        """Finish every asynchronous order now, as the emulator's /_sandbox/complete does."""
        self.world.settle(everything=True)

    async def activate_physical_sim(self, request: PhysicalSimActivation) -> AcceptedOperation:
        fault = self._before_write(SimOperation.ACTIVATE_PHYSICAL)
        rules.check_format(request.msisdn, rules.ACCOUNT, "account")
        rules.check_format(request.product_number, rules.PRODUCT_NUMBER, "productNumber")
        rules.check_plan(request.plan_code)
        bound = self.world.stock.get(request.product_number)
        if bound is None:
            raise rules.reject(rules.PRODUCT_NOT_FOUND, request.product_number)
        if bound != request.msisdn:
            raise rules.reject(rules.SIM_MISMATCH, f"{request.product_number} / {request.msisdn}")
        if request.product_number in self.world.used_products or request.msisdn in self.world.lines:
            raise rules.reject(rules.ALREADY_REGISTERED, request.msisdn)
        self.world.used_products.add(request.product_number)
        line = self.world.new_line(request.msisdn, request.plan_code, request.contract_line.value)
        line.product_number = request.product_number
        self.world.schedule(line, SimOperation.ACTIVATE_PHYSICAL, request.start_on)
        self.world.registrations.append(
            Registration(SimOperation.ACTIVATE_PHYSICAL, request.msisdn, request.product_number, None)
        )
        return self._accepted(SimOperation.ACTIVATE_PHYSICAL, request.msisdn, fault)

    async def activate_esim(self, request: EsimActivation) -> AcceptedOperation:
        if not request.msisdn:
            raise InvalidInputError(ESIM_NUMBER_REQUIRED, fields={"msisdn": ESIM_NUMBER_REQUIRED})
        fault = self._before_write(SimOperation.ACTIVATE_ESIM)
        rules.check_present(request.eid, "eid")
        if not rules.EID.fullmatch(request.eid):
            raise rules.reject(rules.BAD_EID, request.eid)
        rules.check_plan(request.plan_code)
        rules.check_format(request.msisdn, rules.ACCOUNT, "account")
        if request.mnp is None and request.msisdn not in self.world.esim_numbers:
            raise rules.reject(rules.NO_ESIM_PROFILE, request.msisdn)
        if request.msisdn in self.world.lines:
            raise rules.reject(rules.ALREADY_REGISTERED, request.msisdn)
        in_use = (
            line.eid == request.eid and line.state is not SimAccountState.CANCELLED
            for line in self.world.lines.values()
        )
        if any(in_use):
            raise rules.reject(rules.ALREADY_REGISTERED, f"eid {request.eid}")
        if request.mnp is not None:
            self._port_in(request)
        else:
            self.world.esim_numbers[request.msisdn] = True
        line = self.world.new_line(request.msisdn, request.plan_code, request.contract_line.value)
        line.eid, line.sim_kind = request.eid, request.sim_kind
        self.world.schedule(line, SimOperation.ACTIVATE_ESIM)
        self.world.registrations.append(Registration(SimOperation.ACTIVATE_ESIM, request.msisdn, None, request.eid))
        return self._accepted(SimOperation.ACTIVATE_ESIM, request.msisdn, fault)

    def _port_in(self, request: EsimActivation) -> None:
        assert request.mnp is not None
        rules.check_mnp_block(request.mnp)
        reservation = self.world.reservations.get(request.mnp.reserve_number)
        if reservation is None or reservation.msisdn != request.msisdn:
            raise rules.reject(rules.BAD_MNP, f"no reservation {request.mnp.reserve_number} for {request.msisdn}")
        if reservation.used:
            raise rules.reject(rules.ALREADY_REGISTERED, request.msisdn)
        if reservation.expires_on < jst_date(self.world.now()):
            raise rules.reject(rules.MNP_EXPIRED, request.mnp.reserve_number)
        if request.mnp.reserve_expires_on != reservation.expires_on:
            raise rules.reject(rules.BAD_MNP, "reserveExpireDate does not match the reservation")
        if rules.holder_of(request.mnp) != reservation.holder:
            raise rules.reject(rules.BAD_MNP, "the holder does not match the reservation")
        reservation.used = True

    async def add_voice_options(self, msisdn: str, options: VoiceOptions) -> AcceptedOperation:
        fault = self._before_write(SimOperation.VOICE_OPTIONS)
        line = self.world.changeable_line(msisdn)
        if line.sim_kind is not None and line.sim_kind is not SimKind.VOICE:
            raise rules.reject(rules.NOT_VOICE_SIM, msisdn)
        self.world.schedule(line, SimOperation.VOICE_OPTIONS, options=options)
        return self._accepted(SimOperation.VOICE_OPTIONS, msisdn, fault)

    async def change_voice_options(self, msisdn: str, change: VoiceOptionChange) -> AcceptedOperation:
        if change.empty:
            raise rules.reject(rules.EMPTY_TALK_OPTION)
        fault = self._before_write(SimOperation.VOICE_OPTIONS)
        line = self.world.changeable_line(msisdn)
        if line.sim_kind is not None and line.sim_kind is not SimKind.VOICE:
            raise rules.reject(rules.NOT_VOICE_SIM, msisdn)
        self.world.schedule(line, SimOperation.VOICE_OPTIONS)
        line.orders[-1].voice_change = change
        self.changes.append((SimOperation.VOICE_OPTIONS, msisdn))
        return self._accepted(SimOperation.VOICE_OPTIONS, msisdn, fault)

    async def change_network_type(self, msisdn: str, network: ContractLine) -> AcceptedOperation:
        fault = self._before_write(SimOperation.NETWORK_TYPE)
        line = self.world.changeable_line(msisdn)
        self.world.schedule(line, SimOperation.NETWORK_TYPE, delay_seconds=self.line_change_delay_seconds)
        line.orders[-1].contract_line = network.value
        self.changes.append((SimOperation.NETWORK_TYPE, msisdn))
        return self._accepted(SimOperation.NETWORK_TYPE, msisdn, fault)

    async def reissue_esim(self, msisdn: str, eid: str) -> AcceptedOperation:
        fault = self._before_write(SimOperation.REISSUE_ESIM)
        rules.check_present(eid, "eid")
        if not rules.EID.fullmatch(eid):
            raise rules.reject(rules.BAD_EID, eid)
        line = self.world.line(msisdn)
        if not line.eid:
            raise rules.reject(rules.UNSUPPORTED_PATTERN, "reissue needs an eSIM account")
        self.world.ensure_changeable(line)
        self.world.schedule(line, SimOperation.REISSUE_ESIM)
        line.orders[-1].eid = eid
        self.world.registrations.append(Registration(SimOperation.REISSUE_ESIM, msisdn, None, eid))
        self.changes.append((SimOperation.REISSUE_ESIM, msisdn))
        return self._accepted(SimOperation.REISSUE_ESIM, msisdn, fault)

    async def change_plan(self, msisdn: str, plan_code: str) -> AcceptedOperation:
        fault = self._before_write(SimOperation.PLAN_CHANGE)
        rules.check_plan(plan_code)
        line = self.world.changeable_line(msisdn)
        line.plan_code = plan_code  # PA05-21 without runTime: at once
        self.changes.append((SimOperation.PLAN_CHANGE, msisdn))
        return self._accepted(SimOperation.PLAN_CHANGE, msisdn, fault)

    async def swap_card(self, msisdn: str, old_product_number: str, new_product_number: str) -> AcceptedOperation:
        fault = self._before_write(SimOperation.SWAP_CARD)
        rules.check_format(new_product_number, rules.PRODUCT_NUMBER, "productNumber")
        line = self.world.line(msisdn)
        if not line.product_number or line.eid:
            raise rules.reject(rules.UNSUPPORTED_PATTERN, "a card swap needs a physical line")
        if old_product_number != line.product_number:
            raise rules.reject(rules.SIM_MISMATCH, old_product_number)
        if new_product_number not in self.world.stock:
            raise rules.reject(rules.PRODUCT_NOT_FOUND, new_product_number)
        if new_product_number in self.world.used_products:
            raise rules.reject(rules.ALREADY_REGISTERED, new_product_number)
        self.world.ensure_changeable(line)
        self.world.used_products.add(new_product_number)
        self.world.schedule(line, SimOperation.SWAP_CARD)
        line.orders[-1].product_number = new_product_number
        self.changes.append((SimOperation.SWAP_CARD, msisdn))
        return self._accepted(SimOperation.SWAP_CARD, msisdn, fault)

    async def cancel(self, msisdn: str, *, run_on: date | None = None) -> AcceptedOperation:
        fault = self._before_write(SimOperation.CANCEL)
        line = self.world.changeable_line(msisdn)
        if any(order.operation is SimOperation.CANCEL for order in line.orders):
            raise rules.reject(rules.ALREADY_REQUESTED, msisdn)
        self.world.schedule(line, SimOperation.CANCEL, run_on)
        return self._accepted(SimOperation.CANCEL, msisdn, fault)

    async def add_quota(self, top_up: QuotaTopUp) -> QuotaTopUpReceipt:
        fault = self._before_write(SimOperation.ADD_QUOTA)
        line = self.world.line(top_up.msisdn)
        rules.check_quota(top_up.quota_mb, top_up.quota_code)
        self.world.ensure_changeable(line)
        line.remaining_mb += top_up.quota_mb
        line.quota_codes.append(top_up.quota_code)
        return QuotaTopUpReceipt(
            msisdn=top_up.msisdn,
            quota_mb=top_up.quota_mb,
            quota_code=top_up.quota_code,
            reconciled=fault is TwinFault.APPLY_THEN_TIMEOUT,
        )

    async def quota_added(self, msisdn: str, quota_code: str) -> bool:
        self._before_read(SimOperation.GET_QUOTA_HISTORY)
        return quota_code in self.world.line(msisdn).quota_codes

    def quota_adds(self, msisdn: str) -> int:
        """How many quota adds the line received (what tests count to prove none was sent twice)."""
        return len(self.world.line(msisdn).quota_codes)

    async def get_account(self, msisdn: str) -> SimAccount:
        self._before_read(SimOperation.GET_ACCOUNT)
        return account_view(self.world.line(msisdn), self.world.now())

    async def get_traffic(self, msisdn: str) -> TrafficInfo:
        self._before_read(SimOperation.GET_TRAFFIC)
        line = self.world.line(msisdn)
        if line.state is not SimAccountState.ACTIVE:
            raise rules.reject(rules.NOT_IN_SERVICE, f"{msisdn} is {line.state}")
        return traffic_view(line, jst_date(self.world.now()))

    def _before_write(self, operation: SimOperation) -> TwinFault | None:
        self.world.settle()
        fault = self.faults.before_call(operation)
        if fault is TwinFault.UNAVAILABLE:
            raise UpstreamUnavailableError(SYSTEM, f"{operation} was not applied; it is safe to retry")
        return fault

    def _before_read(self, operation: SimOperation) -> None:
        self.world.settle()
        for _ in range(READ_ATTEMPTS):  # the adapter's guard retries a read that failed
            if self.faults.before_call(operation) not in {TwinFault.UNAVAILABLE, TwinFault.APPLY_THEN_TIMEOUT}:
                return
        raise UpstreamUnavailableError(SYSTEM)

    @staticmethod
    def _accepted(operation: SimOperation, msisdn: str, fault: TwinFault | None) -> AcceptedOperation:
        return AcceptedOperation(msisdn=msisdn, operation=operation, reconciled=fault is TwinFault.APPLY_THEN_TIMEOUT)
