"""`CancellationQueue` on procrastinate (Postgres): the worker's `cancellations` queue.

`queueing_lock` per cancellation: a second request while one job waits adds nothing. `lock` per cancellation: its
runs never overlap, whichever process queued them (the request, the withdrawal, the sweep, a retry).
"""

from __future__ import annotations

from procrastinate import App
from procrastinate.exceptions import AlreadyEnqueued, ConnectorException

from application.errors import UpstreamUnavailableError

QUEUE = "cancellations"
RUN_TASK = "portal:run_cancellation"  # registered by the worker's task module under this name


def cancellation_lock(cancellation_id: str) -> str:
    return f"cancellation:{cancellation_id}"


class ProcrastinateCancellationQueue:
    def __init__(self, app: App) -> None:
        self._app = app

    async def enqueue(self, cancellation_id: str, *, delay_seconds: float = 0) -> bool:
        lock = cancellation_lock(cancellation_id)
        deferrer = self._app.configure_task(
            RUN_TASK,
            queue=QUEUE,
            queueing_lock=lock,
            lock=lock,
            schedule_in={"seconds": delay_seconds} if delay_seconds > 0 else None,
        )
        try:
            await deferrer.defer_async(cancellation_id=cancellation_id)
        except AlreadyEnqueued:
            return False
        except ConnectorException as error:
            raise UpstreamUnavailableError("postgres", "The job queue is unavailable.") from error
        return True
