"""`SimProvisioner` over Freebit's PA API.

Reads go through `UpstreamGuard.read` (retried); changes through `write` (never retried). When the answer
to a change is lost, we read the account (or the quota history) and report what actually happened.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import httpx
import msgspec

from adapters.freebit import decode, wire
from adapters.freebit.config import FreebitConfig
from adapters.freebit.errors import SYSTEM, OutcomeUnknownError
from adapters.freebit.session import FreebitSession
from adapters.freebit.transport import FreebitTransport
from adapters.resilience import UpstreamGuard
from application.errors import InvalidInputError, NotFoundError, UpstreamUnavailableError
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
    SimOperation,
    TrafficInfo,
    VoiceOptionChange,
    VoiceOptions,
)

Happened = Callable[[SimAccount], bool]
ESIM_NUMBER_REQUIRED = "An eSIM activation needs the number chosen from our SIM inventory."


def _path(path: str) -> str:
    return f"{path.strip('/')}/"


class FreebitSimProvisioner:
    def __init__(
        self,
        client: httpx.AsyncClient,
        config: FreebitConfig,
        *,
        clock: Clock,
        guard: UpstreamGuard | None = None,
    ) -> None:
        self._session = FreebitSession(FreebitTransport(client), config, clock=clock)
        self._guard = guard or UpstreamGuard(SYSTEM)
        self._detail_path = _path(config.detail_path)
        self._quota_path = _path(config.quota_path)
        self._quota_history_path = _path(config.quota_history_path)
        self._plan_change_path = _path(config.plan_change_path)
        self._cancel_path = _path(config.cancel_path)
        self._card_swap_path = _path(config.card_swap_path)

    async def activate_physical_sim(self, request: PhysicalSimActivation) -> AcceptedOperation:
        def happened(account: SimAccount) -> bool:
            return account.product_number == request.product_number

        body = wire.physical_activation(request)
        return await self._change(SimOperation.ACTIVATE_PHYSICAL, request.msisdn, "master/addAcnt/", body, happened)

    async def activate_esim(self, request: EsimActivation) -> AcceptedOperation:
        if not request.msisdn:
            # Freebit would pick a number itself, and we could no longer find the line after a lost answer.
            raise InvalidInputError(ESIM_NUMBER_REQUIRED, fields={"msisdn": ESIM_NUMBER_REQUIRED})

        def happened(account: SimAccount) -> bool:
            return account.eid == request.eid

        body = wire.esim_activation(request)
        return await self._change(SimOperation.ACTIVATE_ESIM, request.msisdn, "mvno/esim/addAcnt/", body, happened)

    async def add_voice_options(self, msisdn: str, options: VoiceOptions) -> AcceptedOperation:
        def happened(account: SimAccount) -> bool:
            queued = any(p.operation is SimOperation.VOICE_OPTIONS for p in account.pending)
            return queued or account.voice_options == options

        body = wire.voice_options(msisdn, options)
        return await self._change(SimOperation.VOICE_OPTIONS, msisdn, "mvno/talkoption/addOrder/", body, happened)

    async def change_voice_options(self, msisdn: str, change: VoiceOptionChange) -> AcceptedOperation:
        def happened(account: SimAccount) -> bool:
            queued = any(p.operation is SimOperation.VOICE_OPTIONS for p in account.pending)
            return queued or change.applied_to(account.voice_options) == account.voice_options

        body = wire.voice_option_change(msisdn, change)
        return await self._change(SimOperation.VOICE_OPTIONS, msisdn, "mvno/talkoption/changeOrder/", body, happened)

    async def change_network_type(self, msisdn: str, network: ContractLine) -> AcceptedOperation:
        def happened(account: SimAccount) -> bool:
            queued = any(p.operation is SimOperation.NETWORK_TYPE for p in account.pending)
            return queued or account.contract_line is network

        body = wire.network_type_change(msisdn, network)
        return await self._change(SimOperation.NETWORK_TYPE, msisdn, "mvno/contractline/change/", body, happened)

    async def reissue_esim(self, msisdn: str, eid: str) -> AcceptedOperation:
        def happened(account: SimAccount) -> bool:
            queued = any(p.operation is SimOperation.REISSUE_ESIM for p in account.pending)
            return queued or account.eid == eid

        body = wire.esim_reissue(msisdn, eid)
        return await self._change(SimOperation.REISSUE_ESIM, msisdn, "mvno/esim/addAcnt/", body, happened)

    async def change_plan(self, msisdn: str, plan_code: str) -> AcceptedOperation:
        def happened(account: SimAccount) -> bool:
            queued = any(p.operation is SimOperation.PLAN_CHANGE for p in account.pending)
            return queued or account.plan_code == plan_code

        body = wire.plan_change(msisdn, plan_code)
        return await self._change(SimOperation.PLAN_CHANGE, msisdn, self._plan_change_path, body, happened)

    async def swap_card(self, msisdn: str, old_product_number: str, new_product_number: str) -> AcceptedOperation:
        def happened(account: SimAccount) -> bool:
            queued = any(p.operation is SimOperation.SWAP_CARD for p in account.pending)
            return queued or account.product_number == new_product_number

        body = wire.card_swap(msisdn, old_product_number, new_product_number)
        return await self._change(SimOperation.SWAP_CARD, msisdn, self._card_swap_path, body, happened)

    async def cancel(self, msisdn: str, *, run_on: date | None = None) -> AcceptedOperation:
        def happened(account: SimAccount) -> bool:
            queued = any(p.operation is SimOperation.CANCEL for p in account.pending)
            return queued or account.state is SimAccountState.CANCELLED

        body = wire.cancellation(msisdn, run_on)
        return await self._change(SimOperation.CANCEL, msisdn, self._cancel_path, body, happened)

    async def get_account(self, msisdn: str) -> SimAccount:
        return decode.account(await self._read(self._detail_path, wire.account_query(msisdn)))

    async def get_traffic(self, msisdn: str) -> TrafficInfo:
        return decode.traffic(await self._read("mvno/getTrafficInfo/", wire.one_account(msisdn)))

    async def quota_added(self, msisdn: str, quota_code: str) -> bool:
        history = await self._read(self._quota_history_path, wire.one_account(msisdn))
        return quota_code in decode.quota_codes(history)

    async def add_quota(self, top_up: QuotaTopUp) -> QuotaTopUpReceipt:
        receipt = QuotaTopUpReceipt(msisdn=top_up.msisdn, quota_mb=top_up.quota_mb, quota_code=top_up.quota_code)
        try:
            await self._guard.write(lambda: self._session.call(self._quota_path, wire.top_up(top_up)))
        except OutcomeUnknownError as lost:
            # Quota is added again on every request: only the history (by quotaCode) says whether it landed.
            try:
                history = await self._read(self._quota_history_path, wire.one_account(top_up.msisdn))
                landed = top_up.quota_code in decode.quota_codes(history)
            except UpstreamUnavailableError as exc:
                raise _still_unknown(SimOperation.ADD_QUOTA, top_up.msisdn) from exc
            if not landed:
                raise _not_applied(SimOperation.ADD_QUOTA, top_up.msisdn) from lost
            return msgspec.structs.replace(receipt, reconciled=True)
        return receipt

    async def _change(
        self, operation: SimOperation, msisdn: str, path: str, body: wire.Body, happened: Happened
    ) -> AcceptedOperation:
        try:
            await self._guard.write(lambda: self._session.call(path, body))
        except OutcomeUnknownError as lost:
            try:
                account = await self.get_account(msisdn)
            except NotFoundError:
                raise _not_applied(operation, msisdn) from lost
            except UpstreamUnavailableError as exc:
                raise _still_unknown(operation, msisdn) from exc
            if not happened(account):
                raise _not_applied(operation, msisdn) from lost
            return AcceptedOperation(msisdn=msisdn, operation=operation, reconciled=True)
        return AcceptedOperation(msisdn=msisdn, operation=operation)

    async def _read(self, path: str, body: wire.Body) -> dict[str, Any]:
        return await self._guard.read(lambda: self._session.call(path, body))


def _not_applied(operation: SimOperation, msisdn: str) -> UpstreamUnavailableError:
    message = f"Freebit's answer to {operation} for {msisdn} was lost and it was not applied; it is safe to retry"
    return UpstreamUnavailableError(SYSTEM, message)


def _still_unknown(operation: SimOperation, msisdn: str) -> OutcomeUnknownError:
    message = f"Freebit's answer to {operation} for {msisdn} was lost; read the account before retrying"
    return OutcomeUnknownError(SYSTEM, message)
