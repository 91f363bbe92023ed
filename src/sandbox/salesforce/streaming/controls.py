"""Control API under `/_sandbox/streaming/`: what tests and the demo do to the stream from outside."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

import msgspec
from litestar import Router, delete, get, post, put
from litestar.exceptions import ValidationException
from litestar.params import FromQuery, JSONBody

from sandbox.faults import Fault
from sandbox.salesforce.streaming.hub import StreamingHub

T = TypeVar("T")


class PlatformEventIn(msgspec.Struct, frozen=True, kw_only=True):
    channel: str
    payload: dict[str, Any] = msgspec.field(default_factory=dict)


class GapIn(msgspec.Struct, frozen=True, kw_only=True):
    entity: str
    change_type: str  # GAP_CREATE | GAP_UPDATE | GAP_DELETE | GAP_UNDELETE | GAP_OVERFLOW
    record_ids: list[str] = msgspec.field(default_factory=list)


class ExpireIn(msgspec.Struct, frozen=True, kw_only=True):
    channel: str | None = None
    through_replay_id: int | None = None  # None: everything retained on the channel(s)


class SecondsIn(msgspec.Struct, frozen=True, kw_only=True):
    seconds: float


class CountIn(msgspec.Struct, frozen=True, kw_only=True):
    count: int = 1


def control_routes(hub: StreamingHub) -> list[Router]:
    @get("/events", sync_to_thread=False)
    def read_events(channel: FromQuery[str | None] = None) -> list[dict[str, Any]]:
        """The retained events (optionally of one channel) with their replay ids."""
        return [
            {"channel": e.channel, "replay_id": e.replay_id, "created_at": e.created_at.isoformat(), "data": e.data}
            for e in hub.events(channel)
        ]

    @post("/platform-events", status_code=201, sync_to_thread=False)
    def publish(data: JSONBody[PlatformEventIn]) -> dict[str, str]:
        """Publish a platform event on a `/event/...__e` channel; answers its EventUuid."""
        return {"event_uuid": _refusing_bad_input(lambda: hub.publish_platform_event(data.channel, data.payload))}

    @post("/gaps", status_code=201, sync_to_thread=False)
    def gap(data: JSONBody[GapIn]) -> dict[str, int]:
        """Emit a CDC gap event (GAP_CREATE, GAP_UPDATE, GAP_DELETE, GAP_UNDELETE) or GAP_OVERFLOW for an entity."""
        emitted = _refusing_bad_input(lambda: hub.emit_gap(data.entity, data.change_type, tuple(data.record_ids)))
        return {"replay_id": emitted}

    @post("/retention/expire", status_code=200, sync_to_thread=False)
    def expire(data: JSONBody[ExpireIn]) -> dict[str, int]:
        """Drop retained events (of one channel, up to a replay id): replaying from them then answers 400."""
        return {"dropped": hub.expire_events(channel=data.channel, through_replay_id=data.through_replay_id)}

    @put("/retention", sync_to_thread=False)
    def retention(data: JSONBody[SecondsIn]) -> None:
        """How long events are retained (Salesforce: 72 h)."""
        hub.set_retention(timedelta(seconds=data.seconds))

    @put("/connect-timeout", sync_to_thread=False)
    def connect_timeout(data: JSONBody[SecondsIn]) -> None:
        """How long a /meta/connect long poll is held when there is nothing to deliver."""
        hub.set_connect_timeout(timedelta(seconds=data.seconds))

    @get("/clients", sync_to_thread=False)
    def clients() -> list[dict[str, Any]]:
        """The connected CometD clients, their subscriptions and replay positions."""
        return [
            {"client_id": s.client_id, "subscriptions": dict(s.cursors), "holding": s.holding > 0}
            for s in hub.clients()
        ]

    @post("/clients/forget", status_code=200, sync_to_thread=False)
    def forget() -> dict[str, int]:
        """Forget every CometD client: their next request answers 403::Unknown client."""
        return {"forgotten": hub.forget_clients()}

    @post("/connections/drop", status_code=204, sync_to_thread=False)
    def drop() -> None:
        """Cut every held long poll at transport level (HTTP 503)."""
        hub.drop_connections()

    @post("/redeliver", status_code=204, sync_to_thread=False)
    def redeliver(data: JSONBody[CountIn]) -> None:
        """Send each client its last `count` events per channel again (at-least-once delivery)."""
        hub.redeliver(data.count)

    @post("/faults", status_code=204, sync_to_thread=False)
    def arm(data: JSONBody[Fault]) -> None:
        """Arm a fault for a Bayeux channel (/meta/handshake, /meta/connect, /meta/subscribe, or `*`)."""
        hub.faults.arm(data)

    @get("/faults", sync_to_thread=False)
    def armed() -> list[Fault]:
        """The streaming faults still armed."""
        return hub.faults.armed()

    @delete("/faults", sync_to_thread=False)
    def clear() -> None:
        """Disarm every streaming fault."""
        hub.faults.clear()

    @post("/reset", status_code=204, sync_to_thread=False)
    def reset() -> None:
        """Clear the event log, the CometD clients and the streaming faults."""
        hub.reset()

    handlers = [read_events, publish, gap, expire, retention, connect_timeout, clients, forget, drop, redeliver]
    handlers += [arm, armed, clear, reset]
    return [Router("/_sandbox/streaming", route_handlers=handlers, tags=["Streaming API"])]


def _refusing_bad_input(action: Callable[[], T]) -> T:
    """Run a hub operation; its ValueError (unknown channel, not a gap type...) is the caller's 400."""
    try:
        return action()
    except ValueError as exc:
        raise ValidationException(str(exc)) from exc
