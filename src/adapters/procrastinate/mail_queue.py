"""`MailQueue` on procrastinate: the worker's `mail` queue, one waiting delivery per event (`queueing_lock`), one
running at a time per event (`lock`), so two deliveries of one mail never overlap."""

from __future__ import annotations

import hashlib

from procrastinate import App
from procrastinate.exceptions import AlreadyEnqueued, ConnectorException

from application.errors import UpstreamUnavailableError

QUEUE = "mail"
DELIVER_TASK = "portal:deliver_mail"  # registered by the worker's task module under this name


def mail_lock(event_key: str) -> str:
    return "mail:" + hashlib.sha256(event_key.encode()).hexdigest()[:32]


class ProcrastinateMailQueue:
    def __init__(self, app: App) -> None:
        self._app = app

    async def enqueue(self, event_key: str) -> None:
        lock = mail_lock(event_key)
        deferrer = self._app.configure_task(DELIVER_TASK, queue=QUEUE, queueing_lock=lock, lock=lock)
        try:
            await deferrer.defer_async(event_key=event_key)
        except AlreadyEnqueued:
            return
        except ConnectorException as error:
            raise UpstreamUnavailableError("postgres", "The job queue is unavailable.") from error
