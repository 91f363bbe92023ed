"""The last steps: SIM data onto the WHMCS service, then the CRM learns the ids and that the order is Activated.

Every write here sets values (never adds), so repeating one after a crash is harmless.
"""

from __future__ import annotations

from application.ports.billing.services import BillingServices, ServiceFields
from application.ports.order_desk import ActivationUpdate, Order, OrderDesk
from domain.orders.activation import ACTIVATED
from domain.orders.fulfilment import Fulfilment

SIM_FIELDS = ("SIM Number", "Serial Number", "EID")


class WriteBack:
    def __init__(self, services: BillingServices, fields: ServiceFields, orders: OrderDesk) -> None:
        self._services = services
        self._fields = fields
        self._orders = orders

    async def sim_fields(self, record: Fulfilment, client_id: int) -> None:
        card = record.sim
        if card is None:
            return
        ours = {service_id for ids in record.item_services.values() for service_id in ids}
        values = {"SIM Number": card.msisdn, "Serial Number": card.product_number or "", "EID": card.eid or ""}
        for service in await self._services.list_services(client_id):
            if service.id not in ours:
                continue
            fields = {f.id: values[f.name] for f in service.custom_fields if f.name in values}
            if fields:  # only the plan's service has the SIM fields (fees and add-ons do not)
                await self._fields.update_service_custom_fields(service.id, fields)

    async def crm(self, order: Order, record: Fulfilment) -> None:
        for item in order.items:
            ids = ",".join(str(i) for i in record.item_services.get(item.id, []))
            if ids and item.whmcs_service_id != ids:
                await self._orders.update_item_service(item.id, ids)
        # The WHMCS order id goes last, with "Activated": its presence means "fulfilled" to every trigger guard.
        await self._orders.update_activation(
            order.id,
            ActivationUpdate(
                activation_status=ACTIVATED,
                error_code=None,
                error_message=None,
                whmcs_order_id=str(record.whmcs_order_id),
            ),
        )
