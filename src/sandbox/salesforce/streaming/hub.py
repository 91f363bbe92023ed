"""The streaming side of the Salesforce emulator, as the REST side and the app factory see it.

`create_app` builds one hub, registers `on_commit` with the record store and mounts what
`streaming.routes.streaming_route_handlers(hub)` lists.
Every public method is safe to call from any thread (tests publish from their own).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from litestar.handlers import HTTPRouteHandler

from sandbox.faults import FaultPlan
from sandbox.salesforce.changes import CommittedTransaction
from sandbox.salesforce.streaming.bayeux import BayeuxServer
from sandbox.salesforce.streaming.cdc import DEFAULT_CDC_ENTITIES, change_events, gap_event
from sandbox.salesforce.streaming.channels import DEFAULT_PLATFORM_EVENTS, ChannelDirectory
from sandbox.salesforce.streaming.cometd_route import cometd_routes
from sandbox.salesforce.streaming.event_log import EventLog, LoggedEvent
from sandbox.salesforce.streaming.platform_events import platform_event_data
from sandbox.salesforce.streaming.sessions import BayeuxSession, SessionRegistry
from sandbox.salesforce.streaming.waker import Waker

DEFAULT_RETENTION = timedelta(hours=72)
DEFAULT_CONNECT_TIMEOUT = timedelta(seconds=110)
CLIENT_IDLE_EXPIRY = timedelta(seconds=40)
INTEGRATION_USER_ID = "005RO000001IntUsrAAA"  # CreatedById of events published without a user


def _utc_now() -> datetime:
    return datetime.now(UTC)


class StreamingHub:
    def __init__(
        self,
        token_is_valid: Callable[[str], bool],
        *,
        retention: timedelta = DEFAULT_RETENTION,
        clock: Callable[[], datetime] = _utc_now,
        connect_timeout: timedelta = DEFAULT_CONNECT_TIMEOUT,
        client_idle_expiry: timedelta = CLIENT_IDLE_EXPIRY,
        cdc_entities: frozenset[str] = DEFAULT_CDC_ENTITIES,
        platform_events: frozenset[str] = DEFAULT_PLATFORM_EVENTS,
        api_version: str = "62.0",
        faults: FaultPlan | None = None,
    ) -> None:
        self.faults = faults or FaultPlan()
        self.channels = ChannelDirectory(cdc_entities=cdc_entities, platform_events=platform_events)
        self._clock = clock
        self._api_version = api_version
        self._log = EventLog(retention=retention, clock=clock)
        self._sessions = SessionRegistry(idle_expiry=client_idle_expiry, clock=clock)
        self._waker = Waker()
        self._bayeux = BayeuxServer(
            log=self._log,
            sessions=self._sessions,
            channels=self.channels,
            waker=self._waker,
            token_is_valid=token_is_valid,
            connect_timeout=connect_timeout,
        )

    # -- what the record store and the REST side call ------------------------------------------------------

    def on_commit(self, tx: CommittedTransaction) -> None:
        """Turn one committed transaction into CDC events, in commit order."""
        for spec in change_events(tx, enabled=self.channels.cdc_entities, api_version=self._api_version):
            self._log.append(spec.channels, spec.data_for)
        self._waker.wake_all()

    def publish_platform_event(self, channel: str, payload: dict[str, Any]) -> str:
        """Publish on `/event/<Name>__e` (custom fields in `payload`); returns the EventUuid REST replies with."""
        if channel not in self.channels.platform_events:
            raise ValueError(f"no such platform event channel: {channel}")
        event_uuid = str(uuid.uuid4())
        created_at = self._clock()

        def build(replay_id: int) -> dict[str, Any]:
            return platform_event_data(
                channel,
                payload,
                replay_id=replay_id,
                event_uuid=event_uuid,
                created_at=created_at,
                created_by_id=INTEGRATION_USER_ID,
            )

        self._log.append((channel,), build)
        self._waker.wake_all()
        return event_uuid

    def cometd_route_handlers(self) -> list[HTTPRouteHandler]:
        """`POST /cometd/{version}`: the control API is mounted beside it (`streaming.routes`)."""
        return cometd_routes(self._bayeux, self.faults)

    # -- what tests and the control API do to it -------------------------------------------------------------

    def emit_gap(self, entity: str, change_type: str, record_ids: tuple[str, ...] = ()) -> int:
        """A GAP_* event for `record_ids` (or GAP_OVERFLOW for the entity); returns its replay id."""
        if entity not in self.channels.cdc_entities:
            raise ValueError(f"change data capture is not enabled for {entity}")
        spec = gap_event(
            entity,
            change_type,
            record_ids,
            commit_timestamp=self._clock(),
            new_id=lambda: str(uuid.uuid4()),
            user_id=INTEGRATION_USER_ID,
        )
        replay_id = self._log.append(spec.channels, spec.data_for)
        self._waker.wake_all()
        return replay_id

    def events(self, channel: str | None = None) -> list[LoggedEvent]:
        return self._log.events(channel)

    def expire_events(self, *, channel: str | None = None, through_replay_id: int | None = None) -> int:
        return self._log.expire(channel=channel, through_replay_id=through_replay_id)

    def set_retention(self, retention: timedelta) -> None:
        self._log.retention = retention

    def set_connect_timeout(self, timeout: timedelta) -> None:
        self._bayeux.long_poll.timeout = timeout

    def clients(self) -> list[BayeuxSession]:
        return self._sessions.all()

    def forget_clients(self) -> int:
        """Expire every client session: their next request gets `403::Unknown client` and must re-handshake."""
        forgotten = self._sessions.forget_all()
        self._waker.wake_all()
        return forgotten

    def drop_connections(self) -> None:
        """Cut every held long poll at transport level (HTTP 503), as a load balancer restart would."""
        self._bayeux.long_poll.drop_all()

    def redeliver(self, count: int) -> None:
        """Send each client its last `count` events per channel again: Salesforce delivers at least once."""
        for session in self._sessions.all():
            for channel, cursor in list(session.cursors.items()):
                sent = [event.replay_id for event in self._log.events(channel) if event.replay_id <= cursor]
                if sent and count > 0:
                    rewound = sent[:-count]
                    session.cursors[channel] = rewound[-1] if rewound else 0
        self._waker.wake_all()

    def reset(self) -> None:
        self._log.clear()
        self._sessions.forget_all()
        self.faults.clear()
        self._waker.wake_all()
