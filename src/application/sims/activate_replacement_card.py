"""The customer has the replacement card: they type the 15-character number printed on it and the worker moves the
line to it. The old card keeps working until Freebit has activated the new one (minutes).

404 when no replacement is under way; 409 REPLACEMENT_NOT_SHIPPED before a card was sent; 422 SIM_CARD_MISMATCH for
a number that is not the card we sent. Asking twice is the same activation.
"""

from __future__ import annotations

from typing import ClassVar

from application.errors import STORE_OUTAGE, ConflictError, NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import BILLING_OUTAGES
from application.ports.clock import Clock
from application.ports.replacement_records import ReplacementRecords, StaleReplacementError
from application.sims.errors import SimLineBusyError
from application.sims.replacement_view import ReplacementView, replacement_view
from application.sims.sim_lines import SimLines
from domain.sims.replacement import CardNumberMismatchError, ReplacementState, ReplacementStep, SimReplacement

NOTHING_UNDER_WAY = "No SIM replacement is under way on this line."


class ReplacementNotShippedError(ConflictError):
    code = "REPLACEMENT_NOT_SHIPPED"
    default_message = "The replacement card has not been sent yet; activate it once it has arrived."


class ActivateReplacementCard:
    raises: ClassVar[Raises] = (
        NotFoundError,
        ReplacementNotShippedError,
        CardNumberMismatchError,
        SimLineBusyError,
        *BILLING_OUTAGES,
        *STORE_OUTAGE,
    )

    def __init__(self, lines: SimLines, records: ReplacementRecords, clock: Clock) -> None:
        self._lines = lines
        self._records = records
        self._clock = clock

    async def execute(self, customer: LinkedCustomer, sim_id: int, product_number: str) -> ReplacementView:
        line = await self._lines.line(customer, sim_id)
        replacement = await self._records.open_for_sim(line.service.id)
        if replacement is None or replacement.account_id != customer.sf_account_id:
            raise NotFoundError(NOTHING_UNDER_WAY)
        for _ in range(3):  # the worker may save a step between our read and our write: take its copy, go on
            if replacement.activation_requested:
                return replacement_view(replacement)
            self._check(replacement, product_number)
            replacement.activation_requested = True
            replacement.move(ReplacementState.ACTIVATING, self._clock.now())
            try:
                await self._records.save(replacement)
            except StaleReplacementError:
                latest = await self._records.get(replacement.id)
                if latest is None or not latest.state.open:
                    raise NotFoundError(NOTHING_UNDER_WAY) from None
                replacement = latest
            else:
                return replacement_view(replacement)
        raise SimLineBusyError("The replacement is being worked on; try again in a moment.")

    @staticmethod
    def _check(replacement: SimReplacement, product_number: str) -> None:
        if not replacement.done(ReplacementStep.CASE_OPENED) or replacement.new_product_number is None:
            raise ReplacementNotShippedError()
        if "".join(product_number.split()).upper() != replacement.new_product_number:
            raise CardNumberMismatchError()
