"""`/composite/sobjects`: create or update up to 200 records of any types in one call."""

from __future__ import annotations

from typing import Any

from sandbox.salesforce.changes import WriteOrigin
from sandbox.salesforce.errors import ApiError
from sandbox.salesforce.state import SalesforceState

MAX_RECORDS = 200
ROLLED_BACK = {
    "statusCode": "ALL_OR_NONE_OPERATION_ROLLED_BACK",
    "message": "Record rolled back because not all records were valid and the request was using AllOrNone header",
    "fields": [],
}


class RollBackError(Exception):
    pass


def run_collection(state: SalesforceState, method: str, body: Any, origin: WriteOrigin) -> tuple[int, Any]:
    records = body.get("records") if isinstance(body, dict) else None
    if not isinstance(records, list) or not records:
        raise ApiError(400, "INVALID_API_INPUT", "records must be a non-empty array")
    if len(records) > MAX_RECORDS:
        raise ApiError(
            400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call"
        )
    all_or_none = bool(body.get("allOrNone", False))
    results: list[dict[str, Any]] = []
    try:
        with state.store.transaction(origin):
            for record in records:
                results.append(_save(state, method, record, origin))
            if all_or_none and not all(r["success"] for r in results):
                raise RollBackError
    except RollBackError:
        results = [r if not r["success"] else {"success": False, "errors": [ROLLED_BACK]} for r in results]
    return 200, results


def _save(state: SalesforceState, method: str, record: Any, origin: WriteOrigin) -> dict[str, Any]:
    try:
        if not isinstance(record, dict) or not isinstance(record.get("attributes"), dict):
            raise ApiError(400, "INVALID_API_INPUT", "Every record needs attributes.type")
        entity = str(record["attributes"].get("type", ""))
        fields = {k: v for k, v in record.items() if k != "attributes"}
        if method == "POST":
            return {"id": state.store.create(entity, fields, origin=origin), "success": True, "errors": []}
        record_id = str(fields.pop("Id", fields.pop("id", "")))
        state.store.update(entity, record_id, fields, origin=origin)
        return {"id": record_id, "success": True, "errors": []}
    except ApiError as error:
        return {
            "success": False,
            "errors": [{"statusCode": error.error_code, "message": error.message, "fields": error.fields or []}],
        }
