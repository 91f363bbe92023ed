"""From a checked cart to the CRM order: price-book entries and prices, options, the address snapshot."""

from __future__ import annotations

import datetime as dt
import hashlib
from uuid import UUID

from application.orders.checkout_command import PlaceOrderCommand
from application.ports.billing.values import PostalAddress
from application.ports.catalog_source import CatalogEntry
from application.ports.crm_models import CrmAddress
from application.ports.order_desk import NewOrder, NewOrderItem, OrderOptions
from domain.orders.cart import INSTALLATION, Cart, OrderKind
from domain.orders.sim_request import SimRequest

# Products the CRM order records as options of their own (business identifiers fixed by the catalog).
HOME_PHONE_SKU = "INTERNET-ADDON-HOME-PHONE"
WEEKEND_INSTALL_SKU = "INTERNET-INSTALL-WEEKEND"
VOICEMAIL_SKU = "SIM-ADDON-VOICEMAIL"
CALL_WAITING_SKU = "SIM-ADDON-CALL-WAITING"


def order_key(user_id: UUID, idempotency_key: str) -> str:
    """The CRM order's key: the same user's retry with the same Idempotency-Key finds the same order."""
    return "po-" + hashlib.sha256(f"{user_id}:{idempotency_key}".encode()).hexdigest()[:40]


def address_snapshot(address: PostalAddress) -> CrmAddress:
    street = " ".join(part for part in (address.address1, address.address2) if part)
    return CrmAddress(street=street, city=address.city, prefecture=address.state, postcode=address.postcode)


def options_for(cart: Cart[CatalogEntry], command: PlaceOrderCommand, sim: SimRequest | None) -> OrderOptions:
    plan = cart.plan.offer
    if cart.kind is OrderKind.INTERNET:
        installs = [line.offer.sku for line in cart.of_class(INSTALLATION) if line.offer.sku != WEEKEND_INSTALL_SKU]
        return OrderOptions(
            internet_plan_tier=plan.internet_plan_tier,
            installation_type=installs[0] if installs else None,
            weekend_install=cart.has(WEEKEND_INSTALL_SKU),
            access_mode=command.access_mode,
            hikari_denwa=cart.has(HOME_PHONE_SKU),
        )
    if cart.kind is OrderKind.VPN:
        return OrderOptions(vpn_region=plan.vpn_region)
    assert sim is not None
    mnp = sim.mnp
    return OrderOptions(
        sim_type=sim.sim_type.value,
        eid=sim.eid,
        sim_voice_mail=cart.has(VOICEMAIL_SKU),
        sim_call_waiting=cart.has(CALL_WAITING_SKU),
        mnp_reservation_number=mnp.reservation_number if mnp else None,
        mnp_expiry_date=mnp.expires_on if mnp else None,
        mnp_phone_number=mnp.phone_number if mnp else None,
    )


def new_order(
    *,
    key: str,
    account_id: str,
    cart: Cart[CatalogEntry],
    command: PlaceOrderCommand,
    sim: SimRequest | None,
    address: CrmAddress,
    today: dt.date,
    opportunity_id: str | None = None,
) -> NewOrder:
    items = tuple(
        NewOrderItem(
            entry_id=line.offer.entry_id,
            quantity=line.quantity,
            unit_price=line.offer.unit_price,
            billing_cycle=line.offer.billing_cycle,
        )
        for line in cart.lines
    )
    return NewOrder(
        key=key,
        account_id=account_id,
        order_type=cart.kind.value,
        effective_date=today,
        items=items,
        billing_address=address,
        activation_type=command.activation_type,
        activation_scheduled_at=command.activation_scheduled_at,
        opportunity_id=opportunity_id,
        options=options_for(cart, command, sim),
    )
