"""`BillingSystem` over WHMCS: the three groups of calls on one shared transport, guard and clock."""

from __future__ import annotations

from adapters.whmcs.billing import BillingCalls
from adapters.whmcs.identity import IdentityCalls
from adapters.whmcs.orders import OrderCalls


class WhmcsBillingSystem(IdentityCalls, BillingCalls, OrderCalls):
    """Built with the composition root's httpx client: `WhmcsBillingSystem(client, config, guard=, clock=)`."""
