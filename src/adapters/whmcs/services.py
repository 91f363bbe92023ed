"""A client's services over WHMCS: read (GetClientsProducts), their custom fields written and their product changed
(UpdateClientProduct).

One class for these roles: they act on the same WHMCS records. WHMCS ties a custom field to one product and does
not carry values over when `pid` changes, so a product change rewrites them under the new product's field ids.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from adapters.whmcs import mappers
from adapters.whmcs import normalise as n
from adapters.whmcs.api import WhmcsApi
from adapters.whmcs.php_serialize import serialize_fields
from application.errors import NotFoundError
from application.ports.billing.services import Service


class WhmcsServices:
    def __init__(self, api: WhmcsApi) -> None:
        self._api = api

    async def list_services(self, client_id: int) -> tuple[Service, ...]:
        body = await self._api.read("GetClientsProducts", clientid=client_id)
        return tuple(mappers.service(row) for row in n.items(body.get("products"), "product"))

    async def get_service(self, client_id: int, service_id: int) -> Service:
        body = await self._api.read("GetClientsProducts", clientid=client_id, serviceid=service_id)
        rows = n.items(body.get("products"), "product")
        if not rows:
            raise NotFoundError("Service ID Not Found")
        return mappers.service(rows[0])

    async def change_product(self, service_id: int, product_id: int, recurring_amount: Decimal) -> None:
        rows = n.items((await self._api.read("GetClientsProducts", serviceid=service_id)).get("products"), "product")
        if not rows:
            raise NotFoundError("Service ID Not Found")
        current = mappers.service(rows[0])
        products = n.items((await self._api.read("GetProducts", pid=str(product_id))).get("products"), "product")
        if not products:
            raise NotFoundError(f"Product ID {product_id} Not Found")
        by_name = {field.name: field.id for field in mappers.product(products[0]).custom_fields}
        carried = {by_name[f.name]: f.value for f in current.custom_fields if f.name in by_name and f.value}
        await self._api.write(
            "UpdateClientProduct",
            serviceid=service_id,
            pid=product_id,
            recurringamount=f"{recurring_amount:.2f}",
            **({"customfields": serialize_fields(carried)} if carried else {}),
        )

    async def update_service_custom_fields(self, service_id: int, values: Mapping[int, str]) -> None:
        await self._api.write("UpdateClientProduct", serviceid=service_id, customfields=serialize_fields(dict(values)))
