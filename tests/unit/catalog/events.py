from __future__ import annotations

import itertools
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from application.ports.change_stream import ChangeEvent, ChangeEventHeader, ChangeType, change_event_channel

_transactions = itertools.count(1)


def header(entity: str, record_id: str, change: ChangeType = ChangeType.UPDATE, *fields: str) -> ChangeEventHeader:
    return ChangeEventHeader(
        entity_name=entity,
        record_ids=(record_id,),
        change_type=change,
        changed_fields=(*fields, "LastModifiedDate") if change is ChangeType.UPDATE else (),
        change_origin="",
        transaction_key=f"tx-{next(_transactions)}",
        sequence_number=1,
        commit_timestamp=datetime(2026, 11, 1, tzinfo=UTC),
        commit_number=1,
        commit_user="005AGENT",
    )


def event(head: ChangeEventHeader, fields: Mapping[str, Any] | None = None, replay_id: int = 1) -> ChangeEvent:
    return ChangeEvent(
        channel=change_event_channel(head.entity_name), replay_id=replay_id, header=head, fields=dict(fields or {})
    )
