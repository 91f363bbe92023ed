"""The worker's round (every few minutes): every plan change whose day has come in Japan is applied, or taken on
from where a crash, an outage or a busy line left it. One change's outage does not hold up the others."""

from __future__ import annotations

import logging
from typing import ClassVar

from application.errors import STORE_OUTAGE, Raises, UpstreamConfigurationError, UpstreamUnavailableError
from application.ports.clock import Clock
from application.ports.plan_change_records import PlanChangeRecords
from application.sims.apply_plan_change import ApplyOutcome, ApplyPlanChange

log = logging.getLogger(__name__)


class ApplyDuePlanChanges:
    raises: ClassVar[Raises] = STORE_OUTAGE

    def __init__(self, records: PlanChangeRecords, apply: ApplyPlanChange, clock: Clock) -> None:
        self._records = records
        self._apply = apply
        self._clock = clock

    async def execute(self) -> int:
        """How many changes were finished (completed or failed) in this round."""
        finished = 0
        for change_id in await self._records.due(now=self._clock.now()):
            try:
                outcome = await self._apply.execute(change_id)
            except (UpstreamUnavailableError, UpstreamConfigurationError) as outage:
                log.warning("plan_change_deferred", extra={"plan_change_id": change_id, "reason": outage.message})
                continue
            finished += outcome in (ApplyOutcome.COMPLETED, ApplyOutcome.FAILED)
        return finished
