"""The worker's round (every minute): every open SIM replacement is taken as far as it can go now; one's outage does
not hold up the others."""

from __future__ import annotations

import logging
from typing import ClassVar

from application.errors import STORE_OUTAGE, Raises, UpstreamConfigurationError, UpstreamUnavailableError
from application.ports.replacement_records import ReplacementRecords
from application.sims.run_sim_replacement import ReplacementOutcome, RunSimReplacement

log = logging.getLogger(__name__)


class RunSimReplacements:
    raises: ClassVar[Raises] = STORE_OUTAGE

    def __init__(self, records: ReplacementRecords, run: RunSimReplacement) -> None:
        self._records = records
        self._run = run

    async def execute(self) -> int:
        """How many replacements finished (completed or failed) in this round."""
        finished = 0
        for replacement_id in await self._records.unfinished():
            try:
                outcome = await self._run.execute(replacement_id)
            except (UpstreamUnavailableError, UpstreamConfigurationError) as outage:
                log.warning("sim_replacement_deferred", extra={"replacement_id": replacement_id,
                                                               "reason": outage.message})  # fmt: skip
                continue
            finished += outcome in (ReplacementOutcome.COMPLETED, ReplacementOutcome.FAILED)
        return finished
