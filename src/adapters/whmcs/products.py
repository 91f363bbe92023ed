"""The WHMCS product catalog (GetProducts)."""

from __future__ import annotations

from adapters.whmcs import mappers
from adapters.whmcs import normalise as n
from adapters.whmcs.api import WhmcsApi
from application.ports.billing.products import CatalogProduct


class WhmcsProducts:
    def __init__(self, api: WhmcsApi) -> None:
        self._api = api

    async def list_products(self, product_ids: tuple[int, ...] | None = None) -> tuple[CatalogProduct, ...]:
        wanted = ",".join(str(pid) for pid in product_ids) if product_ids else None
        if product_ids == ():
            return ()
        body = await self._api.read("GetProducts", pid=wanted)
        return tuple(mappers.product(row) for row in n.items(body.get("products"), "product"))
