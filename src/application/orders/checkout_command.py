"""What the customer asks for at checkout, as the use case reads it (the HTTP schema maps onto this)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec

from application.ports.crm_models import CrmAddress
from domain.orders.sim_request import MnpRequest

ActivationType = Literal["Immediate", "Scheduled"]


class CartItem(msgspec.Struct, frozen=True, kw_only=True):
    sku: str
    quantity: int = 1


class SimChoice(msgspec.Struct, frozen=True, kw_only=True):
    type: str | None = None  # physical / eSIM
    eid: str | None = None
    mnp: MnpRequest | None = None


class PlaceOrderCommand(msgspec.Struct, frozen=True, kw_only=True):
    idempotency_key: str  # also makes the CRM order key, so a retried request finds the order it made
    order_type: str
    items: tuple[CartItem, ...]
    activation_type: ActivationType = "Immediate"
    activation_scheduled_at: dt.datetime | None = None
    sim: SimChoice | None = None
    access_mode: str | None = None  # Internet: IPoE (own router) / IPoE Home Gateway / PPPoE
    address: CrmAddress | None = None  # None: the billing address WHMCS holds now
    opportunity_id: str | None = None  # the account's Opportunity to continue; None: found or created
