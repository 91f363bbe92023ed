"""sObject Collections by id: retrieve several records of one type, delete several records of any types.

`GET|POST composite/sobjects/<type>` answers one entry per id, in order: the record with the chosen fields, or null
when there is no such live record. `DELETE composite/sobjects?ids=...&allOrNone=` answers one save result per id.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sandbox.salesforce.changes import WriteOrigin
from sandbox.salesforce.errors import ApiError
from sandbox.salesforce.ids import to_18
from sandbox.salesforce.objects import object_for_id
from sandbox.salesforce.rest.collection_writes import MAX_RECORDS, ROLLED_BACK, RollBackError
from sandbox.salesforce.rest.sobjects import get_record
from sandbox.salesforce.state import SalesforceState

MAX_RETRIEVED = 2000


def split_list(raw: str | None) -> list[str]:
    return [part.strip() for part in (raw or "").split(",") if part.strip()]


def retrieve_many(state: SalesforceState, version: str, entity: str, ids: Any, fields: Any) -> tuple[int, Any]:
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        raise ApiError(400, "MISSING_ARGUMENT", "ids: the ids of the records to retrieve are required")
    if not isinstance(fields, list) or not fields or not all(isinstance(f, str) for f in fields):
        raise ApiError(400, "MISSING_ARGUMENT", "fields: the fields to retrieve are required")
    if len(ids) > MAX_RETRIEVED:
        raise ApiError(400, "EXCEEDED_ID_LIMIT", f"Cannot retrieve more than {MAX_RETRIEVED} records in one call")
    records: list[dict[str, Any] | None] = []
    for record_id in ids:
        try:
            records.append(get_record(state, version, entity, record_id, ",".join(fields))[1])
        except ApiError as error:
            if error.error_code not in ("NOT_FOUND", "ENTITY_IS_DELETED"):
                raise
            records.append(None)
    return 200, records


def delete_many(state: SalesforceState, ids: Sequence[str], all_or_none: bool, origin: WriteOrigin) -> tuple[int, Any]:
    if not ids:
        raise ApiError(400, "MISSING_ARGUMENT", "ids: the ids of the records to delete are required")
    if len(ids) > MAX_RECORDS:
        raise ApiError(
            400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call"
        )
    results: list[dict[str, Any]] = []
    try:
        with state.store.transaction(origin):
            results = [_delete_one(state, record_id, origin) for record_id in ids]
            if all_or_none and not all(r["success"] for r in results):
                raise RollBackError
    except RollBackError:
        results = [r if not r["success"] else {**r, "success": False, "errors": [ROLLED_BACK]} for r in results]
    return 200, results


def _delete_one(state: SalesforceState, record_id: str, origin: WriteOrigin) -> dict[str, Any]:
    obj = object_for_id(record_id)
    try:
        if obj is None:
            raise ApiError(400, "MALFORMED_ID", f"malformed id {record_id}", [])
        state.store.delete(obj.name, record_id, origin=origin)
    except ApiError as error:
        code, message = (error.error_code, error.message)
        if code == "NOT_FOUND":  # a well-formed id no record ever had
            code, message = "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"
        failure = {"statusCode": code, "message": message, "fields": error.fields or []}
        return {"id": record_id, "success": False, "errors": [failure]}
    return {"id": to_18(record_id), "success": True, "errors": []}
