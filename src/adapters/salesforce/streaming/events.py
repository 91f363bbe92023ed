"""Bayeux event messages -> the port's typed events."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import msgspec

from application.ports.change_stream import ChangeEvent, ChangeEventHeader, ChangeType, PlatformEvent


class UnreadableEventError(Exception):
    def __init__(self, channel: str, replay_id: int | None, reason: str) -> None:
        super().__init__(f"unreadable event on {channel} (replay id {replay_id}): {reason}")
        self.channel = channel
        self.replay_id = replay_id


class _WireHeader(msgspec.Struct, frozen=True, rename="camel"):
    entity_name: str
    change_type: ChangeType
    transaction_key: str
    sequence_number: int
    commit_timestamp: int  # epoch milliseconds
    commit_number: int
    commit_user: str
    record_ids: tuple[str, ...] = ()
    changed_fields: tuple[str, ...] = ()
    change_origin: str = ""


class _WireEventMeta(msgspec.Struct, frozen=True):
    replayId: int  # noqa: N815 - the wire name
    EventUuid: str | None = None


class _WirePlatformFields(msgspec.Struct, frozen=True):
    CreatedDate: datetime
    CreatedById: str


def parse_event(message: dict[str, Any]) -> ChangeEvent | PlatformEvent:
    channel = str(message.get("channel", ""))
    data = message.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("payload"), dict):
        raise UnreadableEventError(channel, _replay_id(data), "no payload")
    payload: dict[str, Any] = data["payload"]
    try:
        meta = msgspec.convert(data.get("event"), _WireEventMeta)
        if "ChangeEventHeader" in payload:
            return _change_event(channel, meta, payload)
        return _platform_event(channel, meta, payload)
    except msgspec.ValidationError as exc:
        raise UnreadableEventError(channel, _replay_id(data), str(exc)) from exc


def _replay_id(data: object) -> int | None:
    event = data.get("event") if isinstance(data, dict) else None
    replay_id = event.get("replayId") if isinstance(event, dict) else None
    return replay_id if isinstance(replay_id, int) else None


def _change_event(channel: str, meta: _WireEventMeta, payload: dict[str, Any]) -> ChangeEvent:
    wire = msgspec.convert(payload["ChangeEventHeader"], _WireHeader)
    header = ChangeEventHeader(
        entity_name=wire.entity_name,
        record_ids=wire.record_ids,
        change_type=wire.change_type,
        changed_fields=wire.changed_fields,
        change_origin=wire.change_origin,
        transaction_key=wire.transaction_key,
        sequence_number=wire.sequence_number,
        commit_timestamp=datetime.fromtimestamp(wire.commit_timestamp / 1000, UTC),
        commit_number=wire.commit_number,
        commit_user=wire.commit_user,
    )
    fields = {name: value for name, value in payload.items() if name != "ChangeEventHeader"}
    return ChangeEvent(channel=channel, replay_id=meta.replayId, header=header, fields=fields)


def _platform_event(channel: str, meta: _WireEventMeta, payload: dict[str, Any]) -> PlatformEvent:
    standard = msgspec.convert(payload, _WirePlatformFields)
    fields = {name: value for name, value in payload.items() if name not in ("CreatedDate", "CreatedById")}
    return PlatformEvent(
        channel=channel,
        replay_id=meta.replayId,
        created_date=standard.CreatedDate,
        created_by_id=standard.CreatedById,
        event_uuid=meta.EventUuid,
        fields=fields,
    )
