"""What the Salesforce emulator's record store tells the streaming hub after each committed transaction.

The store (REST side) produces one `CommittedTransaction` per commit — a single sObject write, or a whole
composite request — and the hub (streaming side) turns it into CDC events with a ChangeEventHeader.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

import msgspec

ChangeType = Literal["CREATE", "UPDATE", "DELETE", "UNDELETE"]


class RecordChange(msgspec.Struct, frozen=True, kw_only=True):
    entity: str  # sObject API name, e.g. "Order"
    record_id: str  # 18-character id
    change_type: ChangeType
    changed_fields: tuple[str, ...]  # API names whose value changed (all set fields on CREATE)
    values: dict[str, Any]  # the new values of changed fields (CREATE: every non-null field)


class WriteOrigin(msgspec.Struct, frozen=True, kw_only=True):
    """Where a write came from, as CDC's changeOrigin reports it."""

    api_version: str | None = None  # "62.0" for a REST call; None for a change made in the org's own UI
    client: str | None = None  # `client=` of the caller's Sforce-Call-Options header, if any


class CommittedTransaction(msgspec.Struct, frozen=True, kw_only=True):
    transaction_key: str  # unique per commit
    commit_timestamp: datetime  # timezone-aware
    commit_number: int  # increases with every commit
    changes: tuple[RecordChange, ...]  # in order; sequenceNumber = position + 1
    origin_client: str | None  # `client=` of the caller's Sforce-Call-Options header, if any
    user_id: str  # the integration user that made the change
    api_version: str | None = None  # the REST API version of the call that committed it; None: the org's UI
