"""`EidRecords` on procrastinate (Postgres): the worker's `sims` queue, one waiting job per service."""

from __future__ import annotations

from procrastinate import App
from procrastinate.exceptions import AlreadyEnqueued, ConnectorException

from application.errors import UpstreamUnavailableError

QUEUE = "sims"
RUN_TASK = "portal:record_reissued_eid"  # registered by the worker's task module under this name


class ProcrastinateEidRecords:
    def __init__(self, app: App) -> None:
        self._app = app

    async def record_later(self, *, client_id: int, service_id: int, msisdn: str) -> None:
        deferrer = self._app.configure_task(RUN_TASK, queue=QUEUE, queueing_lock=f"service-eid:{service_id}")
        try:
            await deferrer.defer_async(client_id=client_id, service_id=service_id, msisdn=msisdn)
        except AlreadyEnqueued:
            return  # the waiting job reads the line when it runs: it writes whatever EID the line has by then
        except ConnectorException as error:
            raise UpstreamUnavailableError("postgres", "The job queue is unavailable.") from error
