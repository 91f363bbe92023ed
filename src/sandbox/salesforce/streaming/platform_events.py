"""Platform events: `/event/<Name>__e`, custom fields plus CreatedDate and CreatedById."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sandbox.salesforce.streaming.wire_values import salesforce_datetime, schema_id, wire_value

_CHANNEL = re.compile(r"^/event/[A-Za-z][A-Za-z0-9_]*__e$")
# `data.event.EventUuid` is sent only to clients connected with API version 52.0 or later.
EVENT_UUID_SINCE = (52, 0)


def is_platform_event_channel(channel: str) -> bool:
    return _CHANNEL.match(channel) is not None


def platform_event_data(
    channel: str,
    fields: dict[str, Any],
    *,
    replay_id: int,
    event_uuid: str,
    created_at: datetime,
    created_by_id: str,
) -> dict[str, Any]:
    payload = {name: wire_value(value) for name, value in fields.items()}
    payload["CreatedDate"] = salesforce_datetime(created_at)
    payload["CreatedById"] = created_by_id
    return {
        "schema": schema_id(channel),
        "payload": payload,
        "event": {"EventUuid": event_uuid, "replayId": replay_id},
    }


def for_api_version(data: dict[str, Any], version: tuple[int, int]) -> dict[str, Any]:
    """The event as a client on `version` sees it: older clients get no EventUuid."""
    event = data.get("event", {})
    if "EventUuid" not in event or version >= EVENT_UUID_SINCE:
        return data
    return {**data, "event": {"replayId": event["replayId"]}}
