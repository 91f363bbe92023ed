"""What becomes of a stock card Freebit definitely refused to activate.

Only a definite refusal of the activation call itself lets a card leave its order: that call registered nothing,
and a run sends it only after reading that no earlier attempt registered the card (`SimSteps`). An outage, a
lost answer, an activation Freebit accepted but never finished, or a refusal after the line exists (its voice
options) leave the card with the order: its activation may have been applied.

The card goes back to stock (behind the cards waiting) when the refusal blames something else — the plan code
we sent, the customer's EID, the port-in data; into quarantine otherwise, because Freebit blamed the card
(productNumber unknown or bound to another number, no eSIM profile, number already registered) or did not say
(a missing or malformed parameter, a state code we do not know): a card we cannot show innocent must not reach
the next customer. Staff examine the quarantine; the order's re-trigger takes another card either way.
"""

from __future__ import annotations

import logging

from application.errors import ApplicationError, InvalidInputError
from application.ports.sim_inventory import SimInventory
from domain.orders.fulfilment import SimCard

log = logging.getLogger(__name__)

# Fields of the Freebit adapter's InvalidInputError that name something other than the card.
NOT_THE_CARD = frozenset({"plan_code", "eid", "mnp", "add_kind"})


def blames_card(refusal: ApplicationError) -> bool:
    blamed = set(refusal.fields) if isinstance(refusal, InvalidInputError) else set()
    return not blamed or not blamed <= NOT_THE_CARD


class RefusedCards:
    def __init__(self, inventory: SimInventory) -> None:
        self._inventory = inventory

    async def give_back(self, order_id: str, card: SimCard, refusal: ApplicationError) -> None:
        if blames_card(refusal):
            reason = f"Order {order_id}: Freebit refused the activation: {refusal.message}"
            taken = await self._inventory.quarantine(order_id, card.msisdn, reason)
            log.warning("sim_card_quarantined", extra={"order_id": order_id, "msisdn": card.msisdn, "done": taken})
        else:
            taken = await self._inventory.release(order_id, card.msisdn)
            log.info("sim_card_released", extra={"order_id": order_id, "msisdn": card.msisdn, "done": taken})
