"""The twin's services (read, and their custom fields written) and its product catalog."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from adapters.memory import billing_views as views
from adapters.memory.billing_world import BillingTwinWorld, operation
from application.errors import NotFoundError
from application.ports.billing.products import CatalogProduct
from application.ports.billing.services import Service


@dataclass
class TwinServices:
    """The service roles: reading services, writing their custom fields and changing their product."""

    world: BillingTwinWorld

    @operation
    async def list_services(self, client_id: int) -> tuple[Service, ...]:
        rows = [views.service(self.world, s) for s in sorted(self.world.services.values(), key=lambda s: s.id)]
        return tuple(s for s in rows if s.client_id == client_id)

    @operation
    async def get_service(self, client_id: int, service_id: int) -> Service:
        service = self.world.services.get(service_id)
        if service is None or service.client_id != client_id:
            raise NotFoundError("Service ID Not Found")
        return views.service(self.world, service)

    @operation
    async def change_product(self, service_id: int, product_id: int, recurring_amount: Decimal) -> None:
        service = self.world.services.get(service_id)
        if service is None:
            raise NotFoundError("Service ID Not Found")
        product = self.world.products.get(product_id)
        if product is None:
            raise NotFoundError(f"Product ID {product_id} Not Found")
        old_names = {f.id: f.name for f in self.world.products[service.product_id].custom_fields}
        new_ids = {f.name: f.id for f in product.custom_fields}
        service.custom_fields = {
            new_ids[old_names[k]]: v for k, v in service.custom_fields.items() if old_names.get(k) in new_ids
        }
        service.product_id = product_id
        service.recurring = recurring_amount.quantize(Decimal("0.01"))

    @operation
    async def update_service_custom_fields(self, service_id: int, values: Mapping[int, str]) -> None:
        service = self.world.services.get(service_id)
        if service is None:
            raise NotFoundError("Service ID Not Found")
        allowed = {f.id for f in self.world.products[service.product_id].custom_fields}
        service.custom_fields.update({k: v for k, v in values.items() if k in allowed})


@dataclass
class TwinProducts:
    world: BillingTwinWorld

    @operation
    async def list_products(self, product_ids: tuple[int, ...] | None = None) -> tuple[CatalogProduct, ...]:
        products = sorted(self.world.products.items())
        return tuple(p for pid, p in products if product_ids is None or pid in product_ids)
