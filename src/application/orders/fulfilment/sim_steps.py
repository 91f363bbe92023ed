"""Freebit: register the SIM (physical card or eSIM, possibly ported in), wait until it is in service, then add
the voice options bought with it. A registration is never sent twice: a run that finds it was attempted reads
the line first (the adapter does the same within one call). A card Freebit definitely refused leaves the order
(`RefusedCards`)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from application.errors import ConflictError, InvalidInputError, NotFoundError
from application.orders.fulfilment.outcome import StepFailedError, StillActivatingError
from application.orders.fulfilment.refused_cards import RefusedCards
from application.ports.catalog_source import CatalogSource
from application.ports.order_desk import Order
from application.ports.port_in_details import PortInDetails
from application.ports.sim_inventory import SimInventory
from application.ports.sim_models import (
    EsimActivation,
    MnpTransfer,
    PhysicalSimActivation,
    SimKind,
    SimOperation,
    VoiceOptions,
)
from application.ports.sim_provisioner import SimProvisioner
from domain.orders.fulfilment import Fulfilment, SimCard
from domain.orders.fulfilment_errors import FulfilmentErrorCode as Code
from domain.orders.sim_request import SimType

SIM_KINDS = {"Voice": SimKind.VOICE, "Data+SMS": SimKind.DATA_SMS, "Data": SimKind.DATA}
Save = Callable[[], Coroutine[Any, Any, None]]


class SimSteps:
    def __init__(
        self, sims: SimProvisioner, inventory: SimInventory, catalog: CatalogSource, port_ins: PortInDetails
    ) -> None:
        self._sims = sims
        self._inventory = inventory
        self._catalog = catalog
        self._port_ins = port_ins
        self._refused_cards = RefusedCards(inventory)

    async def activate(self, order: Order, record: Fulfilment, save: Save) -> None:
        plan_code, sim_kind = await self._plan(order)
        card, mnp = await self._card(order)
        record.sim = card
        if record.sim_attempted and await self._registered(card):
            return  # the earlier attempt went through; its answer was lost with the worker
        record.sim_attempted = True
        await save()
        try:
            if card.kind == "physical":
                assert card.product_number is not None
                scheduled = order.activation_scheduled_at
                await self._sims.activate_physical_sim(
                    PhysicalSimActivation(
                        msisdn=card.msisdn,
                        product_number=card.product_number,
                        plan_code=plan_code,
                        start_on=scheduled.date() if scheduled else None,
                    )
                )
            else:
                assert card.eid is not None
                await self._sims.activate_esim(
                    EsimActivation(msisdn=card.msisdn, eid=card.eid, plan_code=plan_code, sim_kind=sim_kind, mnp=mnp)
                )
        except (InvalidInputError, ConflictError, NotFoundError) as refused:
            if mnp is None:  # a card from our stock (a ported number is the customer's own)
                await self._refused_cards.give_back(order.id, card, refused)
            record.sim, record.sim_attempted = None, False  # nothing was registered: a re-trigger starts afresh
            raise StepFailedError(Code.SIM_ACTIVATION_REJECTED, f"Freebit: {refused.message}") from refused

    async def await_service(self, order: Order, record: Fulfilment, save: Save) -> None:
        assert record.sim is not None
        line = await self._sims.get_account(record.sim.msisdn)
        if line.activation_pending:
            raise StillActivatingError()
        if not line.activation_complete:
            raise StepFailedError(Code.SIM_ACTIVATION_REJECTED, f"Freebit line {line.msisdn} is {line.state.value}.")
        wanted = VoiceOptions(voice_mail=order.options.sim_voice_mail, call_waiting=order.options.sim_call_waiting)
        if not (wanted.voice_mail or wanted.call_waiting):
            return
        has = line.voice_options
        applied = (has.voice_mail or not wanted.voice_mail) and (has.call_waiting or not wanted.call_waiting)
        if applied or (record.voice_attempted and any(p.operation is SimOperation.VOICE_OPTIONS for p in line.pending)):
            return
        record.voice_attempted = True
        await save()
        try:
            await self._sims.add_voice_options(line.msisdn, wanted)
        except (InvalidInputError, ConflictError, NotFoundError) as refused:
            raise StepFailedError(
                Code.SIM_ACTIVATION_REJECTED, f"Freebit voice options: {refused.message}"
            ) from refused

    async def _registered(self, card: SimCard) -> bool:
        try:
            line = await self._sims.get_account(card.msisdn)
        except NotFoundError:
            return False
        return line.product_number == card.product_number if card.kind == "physical" else line.eid == card.eid

    async def _plan(self, order: Order) -> tuple[str, SimKind]:
        skus = [item.sku for item in order.items if item.sku]
        entries = await self._catalog.find_entries(skus)
        plan = next((e for e in entries if e.category == "SIM" and e.item_class == "Service"), None)
        if plan is None or not plan.freebit_plan_code:
            raise StepFailedError(Code.PRODUCT_NOT_MAPPED, "The SIM plan has no Freebit plan code.")
        return plan.freebit_plan_code, SIM_KINDS.get(plan.sim_plan_type or "", SimKind.VOICE)

    async def _card(self, order: Order) -> tuple[SimCard, MnpTransfer | None]:
        options = order.options
        if options.sim_type == SimType.ESIM.value and options.eid:
            if options.mnp_reservation_number:
                return await self._port_in(order)
            card = await self._inventory.assign(order.id, "esim")
            if card is None:
                raise StepFailedError(Code.SIM_INVENTORY_EMPTY, "No eSIM number is free in our stock.")
            return SimCard(kind="esim", msisdn=card.msisdn, eid=options.eid), None
        if options.sim_type == SimType.PHYSICAL.value:
            card = await self._inventory.assign(order.id, "physical")
            if card is None:
                raise StepFailedError(Code.SIM_INVENTORY_EMPTY, "No physical SIM card is free in our stock.")
            return card, None
        raise StepFailedError(Code.SIM_DETAILS_MISSING, "The order names no SIM type (or an eSIM without EID).")

    async def _port_in(self, order: Order) -> tuple[SimCard, MnpTransfer]:
        options = order.options
        holder = await self._port_ins.get(order.key) if order.key else None
        if holder is None or not options.mnp_phone_number or options.mnp_expiry_date is None:
            raise StepFailedError(Code.SIM_DETAILS_MISSING, "The number port-in lacks its holder or reservation.")
        assert options.mnp_reservation_number is not None
        assert options.eid is not None
        transfer = MnpTransfer(
            reserve_number=options.mnp_reservation_number,
            reserve_expires_on=options.mnp_expiry_date,
            last_name_kanji=holder.last_name_kanji,
            first_name_kanji=holder.first_name_kanji,
            last_name_kana=holder.last_name_kana,
            first_name_kana=holder.first_name_kana,
            gender=holder.gender,  # type: ignore[arg-type]
            birthday=holder.birthday,
        )
        return SimCard(kind="esim", msisdn=options.mnp_phone_number, eid=options.eid), transfer
