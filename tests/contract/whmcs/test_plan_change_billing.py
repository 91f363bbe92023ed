"""A SIM plan change in billing (UpdateClientProduct with `pid`), the same in both worlds: the service billed as the new
product at the new price, its SIM fields carried over to the new product's fields, unknown ids refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from application.errors import NotFoundError
from sandbox.whmcs.seed import HANAKO, HANAKO_MSISDN, HANAKO_SIM_SERVICE_ID
from tests.contract.whmcs.worlds import World


async def test_the_service_moves_to_the_new_product_and_price_keeping_its_sim_fields(world: World) -> None:
    await world.billing.service_products.change_product(HANAKO_SIM_SERVICE_ID, 207, Decimal(3280))

    service = await world.billing.services.get_service(HANAKO.client_id, HANAKO_SIM_SERVICE_ID)
    assert (service.product_id, service.name, service.recurring_amount) == (207, "SIM 20GB Voice", Decimal(3280))
    fields = {f.name: f.value for f in service.custom_fields}
    assert fields["SIM Number"] == HANAKO_MSISDN
    assert {f.id for f in service.custom_fields} == {2070, 2071, 2072, 2073}  # the new product's own fields


@pytest.mark.parametrize(("service_id", "product_id"), [(HANAKO_SIM_SERVICE_ID, 999), (9999, 207)])
async def test_unknown_services_and_products_are_refused_and_nothing_changes(
    world: World, service_id: int, product_id: int
) -> None:
    with pytest.raises(NotFoundError):
        await world.billing.service_products.change_product(service_id, product_id, Decimal(3280))
    service = await world.billing.services.get_service(HANAKO.client_id, HANAKO_SIM_SERVICE_ID)
    assert (service.product_id, service.recurring_amount) == (204, Decimal(2480))
