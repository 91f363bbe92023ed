"""`FulfilmentQueue` on procrastinate (Postgres): the worker's `fulfilment` queue.

`queueing_lock` per order: a second request while one job waits raises AlreadyEnqueued (nothing is added).
`lock` per account: one account's jobs run one after another, so reconciling an AddOrder whose answer was lost
can never mistake a sibling order's WHMCS order for ours.
"""

from __future__ import annotations

from procrastinate import App
from procrastinate.exceptions import AlreadyEnqueued, ConnectorException

from application.errors import UpstreamUnavailableError

QUEUE = "fulfilment"
FULFIL_TASK = "portal:fulfil_order"  # registered by the worker's task module under these names
SWEEP_TASK = "portal:sweep_fulfilments"


def order_lock(order_id: str) -> str:
    return f"fulfil-order:{order_id[:15]}"


def account_lock(account_id: str) -> str:
    return f"fulfil-account:{account_id[:15]}"


class ProcrastinateFulfilmentQueue:
    def __init__(self, app: App) -> None:
        self._app = app

    async def enqueue(self, order_id: str, *, account_id: str, delay_seconds: float = 0) -> bool:
        deferrer = self._app.configure_task(
            FULFIL_TASK,
            queue=QUEUE,
            queueing_lock=order_lock(order_id),
            lock=account_lock(account_id),
            schedule_in={"seconds": delay_seconds} if delay_seconds > 0 else None,
        )
        try:
            await deferrer.defer_async(order_id=order_id)
        except AlreadyEnqueued:
            return False
        except ConnectorException as error:
            raise UpstreamUnavailableError("postgres", "The job queue is unavailable.") from error
        return True

    async def enqueue_sweep(self) -> None:
        deferrer = self._app.configure_task(SWEEP_TASK, queue=QUEUE, queueing_lock="sweep-fulfilments")
        try:
            await deferrer.defer_async(timestamp=0)
        except AlreadyEnqueued:
            return
        except ConnectorException as error:
            raise UpstreamUnavailableError("postgres", "The job queue is unavailable.") from error
