"""The emulated org's records, written only through Salesforce's rules, one commit at a time.

Every commit (one sObject write, or a whole composite request) is announced to the listeners as a single
`CommittedTransaction`; a failed transaction is rolled back and announces nothing.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sandbox.salesforce import rules
from sandbox.salesforce.changes import ChangeType, CommittedTransaction, RecordChange, WriteOrigin
from sandbox.salesforce.errors import ApiError, entity_is_deleted, not_found
from sandbox.salesforce.ids import make_id, to_18
from sandbox.salesforce.objects import ALL_OBJECTS, object_for_id, object_named
from sandbox.salesforce.schema import Kind
from sandbox.salesforce.values import Value, to_json
from sandbox.salesforce.write_checks import check_references, check_required, check_unique, typed_values

log = logging.getLogger(__name__)

Record = dict[str, Value]
Listener = Callable[[CommittedTransaction], None]
INTEGRATION_USER_ID = "005RO0000000001AAA"  # the connected app's user: every API call acts as it
AGENT_USER_ID = "005RO0000000002AAA"  # a support agent working in Salesforce itself
# CDC bodies never carry these (the id travels in the header's recordIds).
_NOT_IN_CHANGE_EVENTS = frozenset({"Id", "IsDeleted", "SystemModstamp"})


@dataclass
class _Transaction:
    origin: WriteOrigin | None
    changes: list[RecordChange] = field(default_factory=list)


class RecordStore:
    def __init__(self, now: Callable[[], datetime], user_id: str = INTEGRATION_USER_ID) -> None:
        self._now = now
        self.user_id = user_id  # who the next writes are recorded as (see `acting_as`)
        self._tables: dict[str, dict[str, Record]] = {o.name: {} for o in ALL_OBJECTS}
        self._counters: dict[str, int] = {}
        self._listeners: list[Listener] = []
        self._commit_number = 0
        self._tx: _Transaction | None = None

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def now(self) -> datetime:
        return self._now()

    # -- reading ---------------------------------------------------------------------------------

    def rows(self, entity: str, *, include_deleted: bool = True) -> list[Record]:
        table = self._tables[object_named(entity).name]
        return [r for r in table.values() if include_deleted or not r.get("IsDeleted")]

    def peek(self, record_id: str) -> Record | None:
        """The live record with this id (15 or 18 characters), or None."""
        full = to_18(record_id)
        obj = object_for_id(record_id)
        if full is None or obj is None:
            return None
        record = self._tables[obj.name].get(full)
        return None if record is None or record.get("IsDeleted") else record

    def get(self, entity: str, record_id: str) -> Record:
        """The live record, NOT_FOUND if there never was one, ENTITY_IS_DELETED if it is in the recycle bin."""
        obj = object_for_id(record_id)
        full = to_18(record_id)
        if obj is None or full is None or obj.name != object_named(entity).name:
            raise not_found()
        record = self._tables[obj.name].get(full)
        if record is None:
            raise not_found()
        if record.get("IsDeleted"):
            raise entity_is_deleted()
        return record

    def snapshot(self) -> tuple[dict[str, dict[str, Record]], dict[str, int]]:
        return ({name: {k: dict(v) for k, v in t.items()} for name, t in self._tables.items()}, dict(self._counters))

    def restore(self, snapshot: tuple[dict[str, dict[str, Record]], dict[str, int]]) -> None:
        """Put every record back as it was at `snapshot`, silently (an org refresh, not a change)."""
        tables, counters = snapshot
        self._tables = {name: {k: dict(v) for k, v in t.items()} for name, t in tables.items()}
        self._counters = dict(counters)

    @contextlib.contextmanager
    def acting_as(self, user_id: str) -> Iterator[None]:
        """Record the writes inside as made by `user_id` (an agent in the org rather than the API user)."""
        previous, self.user_id = self.user_id, user_id
        try:
            yield
        finally:
            self.user_id = previous

    # -- writing ---------------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self, origin: WriteOrigin | None = None) -> Iterator[None]:
        """All writes inside commit together or not at all; nested calls join the outer transaction."""
        if self._tx is not None:
            yield
            return
        snapshot = (
            {name: {k: dict(v) for k, v in t.items()} for name, t in self._tables.items()},
            dict(self._counters),
        )
        self._tx = _Transaction(origin)
        try:
            yield
        except BaseException:
            self.restore(snapshot)
            self._tx = None
            raise
        committed, self._tx = self._tx, None
        if committed.changes:
            self._announce(committed)

    def create(self, entity: str, body: Mapping[str, Any], *, origin: WriteOrigin | None = None) -> str:
        obj = object_named(entity)
        values = typed_values(obj, body, creating=True)
        check_references(obj, values, self.peek)
        check_unique(obj, values, self.rows(obj.name, include_deleted=False), None)
        now = self._now()
        record_id = make_id(obj.prefix, self.next_autonumber(f"id:{obj.prefix}", 1))
        record: Record = {f.name: None for f in obj.fields}
        record.update(values)
        system: Record = {"Id": record_id, "IsDeleted": False, "CreatedById": self.user_id}
        system.update(CreatedDate=now, LastModifiedDate=now, SystemModstamp=now, LastModifiedById=self.user_id)
        record.update(system)
        for flag_field in (f for f in obj.fields if f.kind is Kind.BOOLEAN and record.get(f.name) is None):
            record[flag_field.name] = False
        check_required(obj, record)
        rules.derive(self, obj.name, record, None)
        with self.transaction(origin):
            self._tables[obj.name][record_id] = record
            changed = [k for k, v in record.items() if v is not None and k not in _NOT_IN_CHANGE_EVENTS]
            self._record_change(obj.name, record_id, "CREATE", changed, record)
            self._after_write(obj.name, record)
        return record_id

    def update(
        self, entity: str, record_id: str, body: Mapping[str, Any], *, origin: WriteOrigin | None = None
    ) -> None:
        obj = object_named(entity)
        before = self.get(obj.name, record_id)
        values = typed_values(obj, body, creating=False)
        check_references(obj, values, self.peek)
        check_unique(obj, values, self.rows(obj.name, include_deleted=False), str(before["Id"]))
        after = dict(before)
        after.update(values)
        after.update(LastModifiedDate=self._now(), SystemModstamp=self._now(), LastModifiedById=self.user_id)
        check_required(obj, after)
        rules.derive(self, obj.name, after, before)
        with self.transaction(origin):
            self._tables[obj.name][str(before["Id"])] = after
            changed = [k for k, v in after.items() if before.get(k) != v and k not in _NOT_IN_CHANGE_EVENTS]
            changed = [k for k in changed if k not in ("LastModifiedById",)]
            self._record_change(obj.name, str(before["Id"]), "UPDATE", changed, after)
            self._after_write(obj.name, after)

    def delete(self, entity: str, record_id: str, *, origin: WriteOrigin | None = None) -> None:
        obj = object_named(entity)
        record = self.get(obj.name, record_id)
        with self.transaction(origin):
            for child, lookup in rules.cascade_children(obj.name):
                for row in self.rows(child, include_deleted=False):
                    if row.get(lookup) == record["Id"]:
                        self.delete(child, str(row["Id"]))
            deleted = dict(record, IsDeleted=True, SystemModstamp=self._now())
            self._tables[obj.name][str(record["Id"])] = deleted
            self._record_change(obj.name, str(record["Id"]), "DELETE", [], deleted)
            self._after_write(obj.name, deleted)

    def set_system_value(self, entity: str, record_id: str, name: str, value: Value) -> None:
        table = self._tables[object_named(entity).name]
        if record_id in table:
            table[record_id] = dict(table[record_id], **{name: value, "SystemModstamp": self._now()})

    def next_autonumber(self, key: str, start: int) -> int:
        number = self._counters.get(key, start - 1) + 1
        self._counters[key] = number
        return number

    # -- internals -------------------------------------------------------------------------------

    def _after_write(self, entity: str, record: Record) -> None:
        if entity == "OrderItem" and record.get("OrderId"):
            rules.roll_up_order_total(self, str(record["OrderId"]))

    def _record_change(self, entity: str, record_id: str, kind: ChangeType, changed: list[str], record: Record) -> None:
        assert self._tx is not None
        values = {name: to_json(record.get(name)) for name in changed}
        change = RecordChange(
            entity=entity, record_id=record_id, change_type=kind, changed_fields=tuple(changed), values=values
        )
        self._tx.changes.append(change)

    def _announce(self, tx: _Transaction) -> None:
        self._commit_number += 1
        committed = CommittedTransaction(
            transaction_key=str(uuid.uuid4()),
            commit_timestamp=self._now(),
            commit_number=self._commit_number,
            changes=tuple(tx.changes),
            origin_client=tx.origin.client if tx.origin else None,
            api_version=tx.origin.api_version if tx.origin else None,
            user_id=self.user_id,
        )
        for listener in self._listeners:
            try:
                listener(committed)
            except Exception:
                # A broken subscriber must not undo a commit the client was already told about.
                log.exception("change listener failed")


__all__ = ["AGENT_USER_ID", "INTEGRATION_USER_ID", "ApiError", "Record", "RecordStore"]
