"""In-memory `SimProvisioner` that behaves like the Freebit adapter talking to the Freebit emulator."""

from __future__ import annotations

from datetime import date

from adapters.freebit.provisioner import ESIM_NUMBER_REQUIRED
from adapters.memory.sim_provisioner import rules, seed
from adapters.memory.sim_provisioner.faults import TwinFault, TwinFaults
from adapters.memory.sim_provisioner.lines import TwinWorld
from adapters.memory.sim_provisioner.records import Line, Registration, jst_date
from adapters.memory.sim_provisioner.views import account_view, traffic_view
from application.errors import InvalidInputError, UpstreamConfigurationError, UpstreamUnavailableError
from application.ports.clock import Clock
from application.ports.sim_models import (
    AcceptedOperation,
    EsimActivation,
    PhysicalSimActivation,
    QuotaTopUp,
    QuotaTopUpReceipt,
    SimAccount,
    SimAccountState,
    SimKind,
    SimOperation,
    TrafficInfo,
    VoiceOptions,
)
from application.ports.sim_provisioner import SimProvisioner

SYSTEM = "Freebit"
READ_ATTEMPTS = 3  # the adapter's guard retries reads this often


class InMemorySimProvisioner(SimProvisioner):
    def __init__(self, clock: Clock | None = None, *, completion_delay_seconds: float = 120.0) -> None:
        self.world = TwinWorld(clock, completion_delay_seconds)
        self.faults = TwinFaults()

    @property
    def registrations(self) -> list[Registration]:
        return self.world.registrations

    def activations_for(self, msisdn: str) -> int:
        return sum(1 for r in self.world.registrations if r.msisdn == msisdn)

    def complete_pending(self) -> None:
        """Finish every asynchronous order now, as the emulator's /_sandbox/complete does."""
        self.world.settle(everything=True)

    async def activate_physical_sim(self, request: PhysicalSimActivation) -> AcceptedOperation:
        fault = self._write_fault(SimOperation.ACTIVATE_PHYSICAL)
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
        line = self._new_line(request.msisdn, request.plan_code, request.contract_line.value)
        line.product_number = request.product_number
        self.world.schedule(line, SimOperation.ACTIVATE_PHYSICAL, request.start_on)
        self.world.registrations.append(
            Registration(SimOperation.ACTIVATE_PHYSICAL, request.msisdn, request.product_number, None)
        )
        return self._accepted(SimOperation.ACTIVATE_PHYSICAL, request.msisdn, fault)

    async def activate_esim(self, request: EsimActivation) -> AcceptedOperation:
        if not request.msisdn:
            raise InvalidInputError(ESIM_NUMBER_REQUIRED, fields={"msisdn": ESIM_NUMBER_REQUIRED})
        fault = self._write_fault(SimOperation.ACTIVATE_ESIM)
        rules.check_present(request.eid, "eid")
        if not rules.EID.fullmatch(request.eid):
            raise rules.reject(rules.BAD_EID, request.eid)
        rules.check_plan(request.plan_code)
        rules.check_format(request.msisdn, rules.ACCOUNT, "account")
        if request.mnp is None and request.msisdn not in self.world.esim_numbers:
            raise rules.reject(rules.NO_ESIM_PROFILE, request.msisdn)
        if request.msisdn in self.world.lines:
            raise rules.reject(rules.ALREADY_REGISTERED, request.msisdn)
        in_use = (line.eid == request.eid and line.state is not SimAccountState.CANCELLED for line in self._lines())
        if any(in_use):
            raise rules.reject(rules.ALREADY_REGISTERED, f"eid {request.eid}")
        if request.mnp is not None:
            self._port_in(request)
        else:
            self.world.esim_numbers[request.msisdn] = True
        line = self._new_line(request.msisdn, request.plan_code, request.contract_line.value)
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
        fault = self._write_fault(SimOperation.VOICE_OPTIONS)
        line = self._changeable(msisdn)
        if line.sim_kind is not None and line.sim_kind is not SimKind.VOICE:
            raise rules.reject(rules.NOT_VOICE_SIM, msisdn)
        self.world.schedule(line, SimOperation.VOICE_OPTIONS, options=options)
        return self._accepted(SimOperation.VOICE_OPTIONS, msisdn, fault)

    async def cancel(self, msisdn: str, *, run_on: date | None = None) -> AcceptedOperation:
        fault = self._write_fault(SimOperation.CANCEL)
        line = self._changeable(msisdn)
        if any(order.operation is SimOperation.CANCEL for order in line.orders):
            raise rules.reject(rules.ALREADY_REQUESTED, msisdn)
        self.world.schedule(line, SimOperation.CANCEL, run_on)
        return self._accepted(SimOperation.CANCEL, msisdn, fault)

    async def add_quota(self, top_up: QuotaTopUp) -> QuotaTopUpReceipt:
        fault = self._write_fault(SimOperation.ADD_QUOTA)
        line = self._line(top_up.msisdn)
        rules.check_quota(top_up.quota_mb, top_up.quota_code)
        self._ensure_changeable(line)
        line.remaining_mb += top_up.quota_mb
        line.quota_codes.append(top_up.quota_code)
        return QuotaTopUpReceipt(
            msisdn=top_up.msisdn,
            quota_mb=top_up.quota_mb,
            quota_code=top_up.quota_code,
            reconciled=fault is TwinFault.APPLY_THEN_TIMEOUT,
        )

    async def get_account(self, msisdn: str) -> SimAccount:
        self._read_faults(SimOperation.GET_ACCOUNT)
        return account_view(self._line(msisdn), self.world.now())

    async def get_traffic(self, msisdn: str) -> TrafficInfo:
        self._read_faults(SimOperation.GET_TRAFFIC)
        line = self._line(msisdn)
        if line.state is not SimAccountState.ACTIVE:
            raise rules.reject(rules.NOT_IN_SERVICE, f"{msisdn} is {line.state}")
        return traffic_view(line, jst_date(self.world.now()))

    # -- the machinery the adapter and emulator have between them --------------------------------------------

    def _lines(self) -> list[Line]:
        return list(self.world.lines.values())

    def _new_line(self, msisdn: str, plan_code: str, contract_line: str) -> Line:
        line = Line(msisdn, plan_code, contract_line, SimAccountState.ACTIVATING, seed.PLAN_QUOTAS_MB[plan_code])
        self.world.lines[msisdn] = line
        return line

    def _line(self, msisdn: str) -> Line:
        rules.check_format(msisdn, rules.ACCOUNT, "account")
        line = self.world.lines.get(msisdn)
        if line is None:
            raise rules.reject(rules.ACCOUNT_NOT_FOUND, msisdn)
        return line

    def _changeable(self, msisdn: str) -> Line:
        line = self._line(msisdn)
        self._ensure_changeable(line)
        return line

    def _ensure_changeable(self, line: Line) -> None:
        if line.processing(self.world.now()):
            raise rules.reject(rules.LOCKED, line.msisdn)
        if line.state is not SimAccountState.ACTIVE:
            raise rules.reject(rules.NOT_IN_SERVICE, f"{line.msisdn} is {line.state}")

    def _write_fault(self, operation: SimOperation) -> TwinFault | None:
        self.world.settle()
        fault = self._past_auth(operation)
        if fault is TwinFault.UNAVAILABLE:
            raise UpstreamUnavailableError(SYSTEM, f"{operation} was not applied; it is safe to retry")
        return fault

    def _read_faults(self, operation: SimOperation) -> None:
        self.world.settle()
        for _ in range(READ_ATTEMPTS):
            if self._past_auth(operation) not in {TwinFault.UNAVAILABLE, TwinFault.APPLY_THEN_TIMEOUT}:
                return
        raise UpstreamUnavailableError(SYSTEM)

    def _past_auth(self, operation: SimOperation) -> TwinFault | None:
        """A refused authKey is renewed once and the call repeated; refused twice, our credentials are wrong."""
        fault = self.faults.take(operation)
        if fault is TwinFault.AUTH_FAILURE:
            fault = self.faults.take(operation)
            if fault is TwinFault.AUTH_FAILURE:
                raise UpstreamConfigurationError(SYSTEM, "Freebit refused a fresh authKey")
        return fault

    @staticmethod
    def _accepted(operation: SimOperation, msisdn: str, fault: TwinFault | None) -> AcceptedOperation:
        return AcceptedOperation(msisdn=msisdn, operation=operation, reconciled=fault is TwinFault.APPLY_THEN_TIMEOUT)
