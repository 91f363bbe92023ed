"""Changes the portal holds for a SIM line until their date (a plan change, a cancellation).

While one waits, the line takes no other change (one change at a time per SIM): `LineChangeGate` asks every source.
Errors: `UpstreamUnavailableError` when the store cannot answer.
"""

from __future__ import annotations

from typing import Protocol


class ScheduledLineChanges(Protocol):
    async def scheduled_change(self, sim_id: int) -> str | None:
        """What waits on the line (e.g. "plan_change"), or None when nothing does."""
        ...
