"""Checkout: every validator (each with its own code), then the CRM order and its items in one atomic request.

Validators run cheapest first: the request's own formats, then the payment method, the SKUs and the cart
rules, then the facts about the customer the cart needs. Nothing is created unless every one passes. The order
is linked to the account's Opportunity for its service (found or created at stage "Ready", or the one the customer
names), under the account's Opportunity lock held until the order exists (`ReserveOpportunity`).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import ClassVar
from zoneinfo import ZoneInfo

from application.errors import UPSTREAM_OUTAGES, InvalidInputError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.opportunities.reserve_opportunity import ReserveOpportunity
from application.orders.checkout_command import PlaceOrderCommand
from application.orders.customer_facts import CustomerFactsReader
from application.orders.errors import PaymentMethodMissingError
from application.orders.order_draft import address_snapshot, new_order, order_key
from application.orders.read_model import OrdersReadModel
from application.orders.views import OrderView, order_view
from application.ports.billing.clients import BillingClients
from application.ports.billing.payment_methods import PaymentMethods
from application.ports.catalog_source import CatalogEntry, CatalogSource
from application.ports.clock import Clock
from application.ports.order_desk import OrderDesk
from application.ports.order_opportunities import READY, OpportunityProduct
from application.ports.port_in_details import PortInDetails
from domain.orders.cart import CartLine, OrderKind, check_cart
from domain.orders.customer_rules import check_customer
from domain.orders.errors import ALL_CHECKOUT_RULES, InvalidActivationDateError, SkuNotOrderableError
from domain.orders.sim_request import SimRequest, check_sim_request

log = logging.getLogger(__name__)
JAPAN = ZoneInfo("Asia/Tokyo")
MAX_SCHEDULE_DAYS = 90
ACCESS_MODES = ("IPoE (own router)", "IPoE Home Gateway", "PPPoE")
OPPORTUNITY_PRODUCTS: dict[OrderKind, OpportunityProduct] = {
    OrderKind.INTERNET: "Internet", OrderKind.SIM: "SIM", OrderKind.VPN: "VPN",
}  # fmt: skip


class PlaceOrder:
    raises: ClassVar[Raises] = (
        PaymentMethodMissingError, InvalidInputError, *ALL_CHECKOUT_RULES, *ReserveOpportunity.raises,
        *UPSTREAM_OUTAGES,
    )  # fmt: skip

    def __init__(
        self,
        catalog: CatalogSource,
        methods: PaymentMethods,
        clients: BillingClients,
        orders: OrderDesk,
        facts: CustomerFactsReader,
        port_ins: PortInDetails,
        read_model: OrdersReadModel,
        clock: Clock,
        opportunities: ReserveOpportunity,
    ) -> None:
        self._opportunities = opportunities
        self._catalog = catalog
        self._methods = methods
        self._clients = clients
        self._orders = orders
        self._facts = facts
        self._port_ins = port_ins
        self._read_model = read_model
        self._clock = clock

    async def execute(self, customer: LinkedCustomer, command: PlaceOrderCommand) -> OrderView:
        now = self._clock.now()
        today = now.astimezone(JAPAN).date()
        kind = self._kind(command.order_type)
        sim = self._sim(kind, command, today)
        self._check_access_mode(kind, command)
        self._check_activation(command, now)
        if not await self._methods.list_pay_methods(customer.whmcs_client_id):
            raise PaymentMethodMissingError()
        entries = await self._entries(command)
        lines = [
            CartLine(offer=entries[item.sku], quantity=item.quantity, position=position)
            for position, item in enumerate(command.items)
        ]
        cart = check_cart(kind, lines)
        check_customer(cart, await self._facts.read(customer, cart))
        address = command.address or address_snapshot(
            (await self._clients.get_client(customer.whmcs_client_id)).address
        )
        key = order_key(customer.user_id, command.idempotency_key)
        if sim is not None and sim.mnp is not None:
            await self._port_ins.save(key, sim.mnp.holder)  # before the order: fulfilment must always find it
        reserved = self._opportunities.reserve(
            customer.sf_account_id, OPPORTUNITY_PRODUCTS[kind], READY, order_key=key, named=command.opportunity_id
        )
        async with reserved as opportunity:  # held until the order points at it
            draft = new_order(
                key=key, account_id=customer.sf_account_id, cart=cart, command=command, sim=sim, address=address,
                today=today, opportunity_id=opportunity.id,
            )  # fmt: skip
            order = await self._orders.create_order(draft)
        await self._read_model.invalidate_quietly(customer.sf_account_id)
        log.info("order_placed", extra={"order_id": order.id, "order_type": kind.value})
        return order_view(order)

    @staticmethod
    def _kind(order_type: str) -> OrderKind:
        try:
            return OrderKind(order_type)
        except ValueError:
            raise InvalidInputError(
                "The order type is Internet, SIM or VPN.", fields={"orderType": "Internet, SIM or VPN"}
            ) from None

    @staticmethod
    def _sim(kind: OrderKind, command: PlaceOrderCommand, today: dt.date) -> SimRequest | None:
        if kind is not OrderKind.SIM:
            if command.sim is not None:
                raise InvalidInputError("SIM details belong to a SIM order.", fields={"sim": "not a SIM order"})
            return None
        choice = command.sim
        return check_sim_request(
            choice.type if choice else None, choice.eid if choice else None, choice.mnp if choice else None, today=today
        )

    @staticmethod
    def _check_access_mode(kind: OrderKind, command: PlaceOrderCommand) -> None:
        mode = command.access_mode
        if mode is not None and (kind is not OrderKind.INTERNET or mode not in ACCESS_MODES):
            raise InvalidInputError(
                "The access mode is one of " + ", ".join(ACCESS_MODES) + " (Internet orders only).",
                fields={"accessMode": "unknown"},
            )

    @staticmethod
    def _check_activation(command: PlaceOrderCommand, now: dt.datetime) -> None:
        at = command.activation_scheduled_at
        if command.activation_type == "Immediate":
            if at is not None:
                raise InvalidActivationDateError("An immediate activation has no date.", field="activationScheduledAt")
            return
        if at is None or at.tzinfo is None or not now < at <= now + dt.timedelta(days=MAX_SCHEDULE_DAYS):
            raise InvalidActivationDateError(
                f"Choose an activation time within the next {MAX_SCHEDULE_DAYS} days.", field="activationScheduledAt"
            )

    async def _entries(self, command: PlaceOrderCommand) -> dict[str, CatalogEntry]:
        skus = [item.sku for item in command.items]
        found = {entry.sku: entry for entry in await self._catalog.find_entries(skus)}
        for position, sku in enumerate(skus):
            if sku not in found:
                raise SkuNotOrderableError(f"{sku} is not in our catalog.", field=f"items[{position}].sku")
        return found
