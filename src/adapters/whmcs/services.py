"""A client's services over WHMCS: read (GetClientsProducts) and their custom fields written (UpdateClientProduct).

One class for both roles: they act on the same WHMCS records.
"""

from __future__ import annotations

from collections.abc import Mapping

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

    async def update_service_custom_fields(self, service_id: int, values: Mapping[int, str]) -> None:
        await self._api.write("UpdateClientProduct", serviceid=service_id, customfields=serialize_fields(dict(values)))
