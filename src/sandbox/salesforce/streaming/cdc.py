"""Change Data Capture: what a committed transaction looks like on `/data/<Entity>ChangeEvent`.

Body rules (Salesforce CDC over CometD): CREATE and UNDELETE carry every non-empty field, UPDATE the changed
fields plus LastModifiedDate (nulled ones as null), DELETE and gap events the header only; never `Id`,
`IsDeleted` or `SystemModstamp`. `nulledFields`/`diffFields` exist only in Pub/Sub, so they are absent here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import msgspec

from sandbox.salesforce.changes import CommittedTransaction, RecordChange
from sandbox.salesforce.streaming.wire_values import epoch_millis, salesforce_datetime, schema_id, wire_value

DEFAULT_CDC_ENTITIES = frozenset({"Product2", "PricebookEntry", "Order", "OrderItem"})
ALL_CHANGE_EVENTS = "/data/ChangeEvents"
GAP_CHANGE_TYPES = frozenset({"GAP_CREATE", "GAP_UPDATE", "GAP_DELETE", "GAP_UNDELETE", "GAP_OVERFLOW"})
_NEVER_IN_BODY = frozenset({"Id", "IsDeleted", "SystemModstamp"})


class ChangeEventSpec(msgspec.Struct, frozen=True, kw_only=True):
    """One change event before it gets its replay id."""

    entity: str
    header: dict[str, Any]
    body: dict[str, Any]

    @property
    def channels(self) -> tuple[str, str]:
        return (entity_channel(self.entity), ALL_CHANGE_EVENTS)

    def data_for(self, replay_id: int) -> dict[str, Any]:
        payload = {**self.body, "ChangeEventHeader": self.header}
        return {"schema": schema_id(entity_channel(self.entity)), "payload": payload, "event": {"replayId": replay_id}}


def entity_channel(entity: str) -> str:
    # Custom objects drop one underscore: Foo__c -> /data/Foo__ChangeEvent.
    stem = entity[:-1] if entity.endswith("__c") else entity
    return f"/data/{stem}ChangeEvent"


def change_origin(tx: CommittedTransaction, default_api_version: str) -> str:
    """`com/salesforce/api/rest/<version>` for API writes, `;client=<id>` when Sforce-Call-Options named one.

    Changes made in the org's UI (the control API's "agent" edits) carry no origin at all.
    """
    if tx.api_version is None and tx.origin_client is None:
        return ""
    origin = f"com/salesforce/api/rest/{tx.api_version or default_api_version}"
    return f"{origin};client={tx.origin_client}" if tx.origin_client else origin


def change_events(tx: CommittedTransaction, *, enabled: frozenset[str], api_version: str) -> list[ChangeEventSpec]:
    specs = []
    for position, change in enumerate(tx.changes):
        if change.entity not in enabled:
            continue
        header = {
            "entityName": change.entity,
            "recordIds": [change.record_id],
            "changeType": change.change_type,
            "changeOrigin": change_origin(tx, api_version),
            "transactionKey": tx.transaction_key,
            "sequenceNumber": position + 1,
            "commitTimestamp": epoch_millis(tx.commit_timestamp),
            "commitNumber": tx.commit_number,
            "commitUser": tx.user_id,
            "changedFields": _changed_fields(change),
        }
        specs.append(ChangeEventSpec(entity=change.entity, header=header, body=_body(change, tx.commit_timestamp)))
    return specs


def gap_event(
    entity: str,
    change_type: str,
    record_ids: tuple[str, ...],
    *,
    commit_timestamp: datetime,
    new_id: Callable[[], str],
    user_id: str,
) -> ChangeEventSpec:
    """A header-only gap event (GAP_* for records, GAP_OVERFLOW for a whole entity, without ids)."""
    if change_type not in GAP_CHANGE_TYPES:
        raise ValueError(f"not a gap change type: {change_type}")
    header = {
        "entityName": entity,
        "recordIds": [] if change_type == "GAP_OVERFLOW" else list(record_ids),
        "changeType": change_type,
        "changeOrigin": "",
        "transactionKey": new_id(),
        "sequenceNumber": 1,
        "commitTimestamp": epoch_millis(commit_timestamp),
        "commitNumber": 0,
        "commitUser": user_id,
        "changedFields": [],
    }
    return ChangeEventSpec(entity=entity, header=header, body={})


def _changed_fields(change: RecordChange) -> list[str]:
    if change.change_type != "UPDATE":
        return []
    fields = [name for name in change.changed_fields if name not in _NEVER_IN_BODY]
    if "LastModifiedDate" not in fields:
        fields.append("LastModifiedDate")
    return fields


def _body(change: RecordChange, committed_at: datetime) -> dict[str, Any]:
    if change.change_type == "DELETE":
        return {}
    if change.change_type == "UPDATE":
        names = [name for name in change.changed_fields if name not in _NEVER_IN_BODY]
        body = {name: wire_value(change.values.get(name)) for name in names}
        body.setdefault("LastModifiedDate", salesforce_datetime(committed_at))
        return body
    return {name: wire_value(value) for name, value in change.values.items() if name not in _NEVER_IN_BODY}
