"""The streaming side of the Salesforce emulator, as the REST side and the app factory see it.

`create_app` builds one hub, registers `on_commit` with the record store and mounts `route_handlers()`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from litestar.handlers import HTTPRouteHandler

from sandbox.salesforce.changes import CommittedTransaction

DEFAULT_RETENTION = timedelta(hours=72)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class StreamingHub:
    def __init__(
        self,
        token_is_valid: Callable[[str], bool],
        *,
        retention: timedelta = DEFAULT_RETENTION,
        clock: Callable[[], datetime] = _utc_now,
        connect_timeout: timedelta = timedelta(seconds=110),
    ) -> None:
        self._token_is_valid = token_is_valid
        self._retention = retention
        self._clock = clock
        self._connect_timeout = connect_timeout

    def on_commit(self, tx: CommittedTransaction) -> None:
        """Turn one committed transaction into CDC events (thread-safe: tests may call it from their own thread)."""
        raise NotImplementedError

    def publish_platform_event(self, channel: str, payload: dict[str, Any]) -> str:
        """Publish a platform event on `/event/<Name>__e`; returns its EventUuid (REST replies OPERATION_ENQUEUED)."""
        raise NotImplementedError

    def route_handlers(self) -> list[HTTPRouteHandler]:
        """`POST /cometd/{version}` and the control API under `/_sandbox/streaming/`."""
        raise NotImplementedError
