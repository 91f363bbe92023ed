"""What the customer sees of a SIM card replacement (never the new card's number: typing it proves they hold it)."""

from __future__ import annotations

from datetime import datetime

import msgspec

from domain.sims.replacement import ReplacementStep, SimReplacement


class ReplacementView(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    sim_id: int
    reason: str
    state: str
    step: str
    card_shipped: bool  # a card is allocated and staff have the case to ship it
    awaiting_card: bool  # shipped: confirm its number when it arrives
    error_code: str | None
    error_message: str | None
    created_at: datetime
    updated_at: datetime


def replacement_view(replacement: SimReplacement) -> ReplacementView:
    shipped = replacement.done(ReplacementStep.CASE_OPENED)
    return ReplacementView(
        id=replacement.id,
        sim_id=replacement.sim_id,
        reason=replacement.reason,
        state=replacement.state.value,
        step=replacement.step.value,
        card_shipped=shipped,
        awaiting_card=shipped and not replacement.activation_requested and replacement.state.open,
        error_code=replacement.error_code,
        error_message=replacement.error_message,
        created_at=replacement.created_at,
        updated_at=replacement.updated_at,
    )
