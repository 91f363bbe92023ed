"""Salesforce change events (CDC) and platform events, as the consumer process sees them.

Delivery is at least once and ordered per channel by replay id. The stream itself never hands the same
(channel, replay id) over twice in one subscription, and after a reconnect it resumes from the position in
`StreamPositions` (or from what it already handed over, whichever is later). When it cannot know what was
missed it says so with `ResyncRequired` instead of guessing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

import msgspec

ALL_CHANGE_EVENTS = "/data/ChangeEvents"


def change_event_channel(entity: str) -> str:
    """`/data/OrderChangeEvent` for `Order`; custom objects drop one underscore (`Foo__c` -> `Foo__ChangeEvent`)."""
    stem = entity[:-1] if entity.endswith("__c") else entity
    return f"/data/{stem}ChangeEvent"


class ChangeType(StrEnum):
    CREATE = "CREATE"
    UPDATE = "UPDATE"
    DELETE = "DELETE"
    UNDELETE = "UNDELETE"
    GAP_CREATE = "GAP_CREATE"
    GAP_UPDATE = "GAP_UPDATE"
    GAP_DELETE = "GAP_DELETE"
    GAP_UNDELETE = "GAP_UNDELETE"
    GAP_OVERFLOW = "GAP_OVERFLOW"


class ChangeEventHeader(msgspec.Struct, frozen=True, kw_only=True):
    entity_name: str
    record_ids: tuple[str, ...]
    change_type: ChangeType
    changed_fields: tuple[str, ...]  # UPDATE only; includes LastModifiedDate
    change_origin: str  # "com/salesforce/api/rest/62.0;client=portal-bff", or "" for UI changes
    transaction_key: str
    sequence_number: int  # order within the transaction, from 1
    commit_timestamp: datetime
    commit_number: int
    commit_user: str

    @property
    def origin_client(self) -> str | None:
        """The `client=` of the writer's Sforce-Call-Options: lets the consumer recognise our own writes."""
        for part in self.change_origin.split(";"):
            name, _, value = part.partition("=")
            if name.strip() == "client" and value:
                return value.strip()
        return None


class ChangeEvent(msgspec.Struct, frozen=True, kw_only=True):
    channel: str
    replay_id: int
    header: ChangeEventHeader
    fields: dict[str, Any]  # CREATE/UNDELETE: every non-empty field; UPDATE: the changed ones; DELETE: none


class PlatformEvent(msgspec.Struct, frozen=True, kw_only=True):
    channel: str  # "/event/Account_Eligibility_Update__e"
    replay_id: int
    created_date: datetime
    created_by_id: str
    event_uuid: str | None  # only from API 52.0 on
    fields: dict[str, Any]  # the custom fields, e.g. {"Account_Id__c": "001..."}


class ResyncReason(StrEnum):
    REPLAY_ID_INVALID = "replay_id_invalid"  # the saved position is outside retention (or was never valid)
    GAP = "gap"  # Salesforce could not send the changes of `record_ids`: re-read those records
    OVERFLOW = "overflow"  # a transaction changed too many records of `entity_name`: re-read the entity
    UNREADABLE_EVENT = "unreadable_event"  # an event arrived that could not be understood


class ResyncRequired(msgspec.Struct, frozen=True, kw_only=True):
    """The read models fed by `channel` may have missed changes: rebuild them from the system of record.

    Events keep flowing after this signal (new events only, for an invalid replay id). Save `replay_id`, when
    given, once the resync is durable; with None there is nothing to save until the next event.
    """

    channel: str
    reason: ResyncReason
    replay_id: int | None = None
    entity_name: str | None = None
    record_ids: tuple[str, ...] = ()  # GAP: the records to re-read; empty: everything on the channel


StreamMessage = ChangeEvent | PlatformEvent | ResyncRequired

_GAPS = frozenset({ChangeType.GAP_CREATE, ChangeType.GAP_UPDATE, ChangeType.GAP_DELETE, ChangeType.GAP_UNDELETE})


def as_delivered(event: ChangeEvent) -> ChangeEvent | ResyncRequired:
    """Gap and overflow events carry no data to apply: they reach the consumer as resync signals."""
    header = event.header
    record_ids: tuple[str, ...]
    if header.change_type is ChangeType.GAP_OVERFLOW:
        reason, record_ids = ResyncReason.OVERFLOW, ()
    elif header.change_type in _GAPS:
        reason, record_ids = ResyncReason.GAP, header.record_ids
    else:
        return event
    return ResyncRequired(
        channel=event.channel,
        reason=reason,
        replay_id=event.replay_id,
        entity_name=header.entity_name,
        record_ids=record_ids,
    )


class ChangeStream(Protocol):
    def subscribe(self, channels: Sequence[str]) -> AsyncIterator[StreamMessage]:
        """Stream `channels` from their saved positions (new events only where none is saved), forever.

        Reconnects by itself after transport failures; raises only what retrying cannot fix (our credentials
        or configuration: `UpstreamConfigurationError`). Close the iterator to disconnect.
        """
        ...
