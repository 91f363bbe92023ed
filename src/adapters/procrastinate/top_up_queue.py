"""`TopUpQueue` on procrastinate (Postgres): the worker's `sims` queue.

`queueing_lock` per top-up: a second request while one job waits adds nothing. `lock` per SIM line: one line's jobs
run one after another, as Freebit takes one change per line at a time.
"""

from __future__ import annotations

from procrastinate import App
from procrastinate.exceptions import AlreadyEnqueued, ConnectorException

from application.errors import UpstreamUnavailableError

QUEUE = "sims"
RUN_TASK = "portal:run_top_up"  # registered by the worker's task module under this name


def top_up_lock(top_up_id: str) -> str:
    return f"top-up:{top_up_id}"


def line_lock(msisdn: str) -> str:
    return f"sim-line:{msisdn}"


class ProcrastinateTopUpQueue:
    def __init__(self, app: App) -> None:
        self._app = app

    async def enqueue(self, top_up_id: str, *, msisdn: str, delay_seconds: float = 0) -> bool:
        deferrer = self._app.configure_task(
            RUN_TASK,
            queue=QUEUE,
            queueing_lock=top_up_lock(top_up_id),
            lock=line_lock(msisdn),
            schedule_in={"seconds": delay_seconds} if delay_seconds > 0 else None,
        )
        try:
            await deferrer.defer_async(top_up_id=top_up_id)
        except AlreadyEnqueued:
            return False
        except ConnectorException as error:
            raise UpstreamUnavailableError("postgres", "The job queue is unavailable.") from error
        return True
