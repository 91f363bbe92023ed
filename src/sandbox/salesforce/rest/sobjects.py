"""The sObject resources, as plain functions shared by the REST routes and composite subrequests.

Each returns (HTTP status, JSON body) or raises `ApiError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sandbox.salesforce.changes import WriteOrigin
from sandbox.salesforce.errors import ApiError, not_found
from sandbox.salesforce.ids import to_18
from sandbox.salesforce.objects import object_named
from sandbox.salesforce.state import SalesforceState
from sandbox.salesforce.values import to_json


def record_url(version: str, entity: str, record_id: str) -> str:
    return f"/services/data/{version}/sobjects/{entity}/{record_id}"


def get_record(
    state: SalesforceState, version: str, entity: str, record_id: str, fields: str | None
) -> tuple[int, Any]:
    obj = object_named(entity)
    if to_18(record_id) is None:
        raise ApiError(404, "NOT_FOUND", f"Provided external ID field does not exist or is not accessible: {record_id}")
    record = state.store.get(obj.name, record_id)
    names = [f.name for f in obj.fields]
    if fields:
        names = []
        for name in (n.strip() for n in fields.split(",") if n.strip()):
            field = obj.field(name)
            if field is None:
                raise ApiError(400, "INVALID_FIELD", f"No such column '{name}' on sobject of type {obj.name}")
            names.append(field.name)
    body: dict[str, Any] = {"attributes": {"type": obj.name, "url": record_url(version, obj.name, str(record["Id"]))}}
    body.update({name: to_json(record.get(name)) for name in names})
    return 200, body


def get_by_external_id(state: SalesforceState, version: str, entity: str, field: str, value: str) -> tuple[int, Any]:
    obj = object_named(entity)
    found = obj.field(field)
    if found is None or not found.external_id:
        raise ApiError(404, "NOT_FOUND", f"Provided external ID field does not exist or is not accessible: {field}")
    matches = [r for r in state.store.rows(obj.name, include_deleted=False) if r.get(found.name) == value]
    if not matches:
        raise not_found()
    if len(matches) > 1:
        # Salesforce answers 300 Multiple Choices with the candidates' URLs.
        return 300, [record_url(version, obj.name, str(r["Id"])) for r in matches]
    return get_record(state, version, obj.name, str(matches[0]["Id"]), None)


def create_record(state: SalesforceState, version: str, entity: str, body: Any, origin: WriteOrigin) -> tuple[int, Any]:
    if entity.endswith("__e"):
        return _publish_platform_event(state, entity, body)
    record_id = state.store.create(entity, _mapping(body), origin=origin)
    return 201, {"id": record_id, "success": True, "errors": []}


def update_record(
    state: SalesforceState, entity: str, record_id: str, body: Any, origin: WriteOrigin
) -> tuple[int, Any]:
    mapping = _mapping(body)
    if "Id" in mapping or "id" in mapping:
        raise ApiError(400, "INVALID_FIELD", "Unable to update Id: the Id travels in the URL")
    state.store.update(entity, record_id, mapping, origin=origin)
    return 204, None


def delete_record(state: SalesforceState, entity: str, record_id: str, origin: WriteOrigin) -> tuple[int, Any]:
    state.store.delete(entity, record_id, origin=origin)
    return 204, None


def _mapping(body: Any) -> Mapping[str, Any]:
    if not isinstance(body, dict):
        raise ApiError(400, "JSON_PARSER_ERROR", "The request body must be a JSON object of field values")
    return body


def _publish_platform_event(state: SalesforceState, entity: str, body: Any) -> tuple[int, Any]:
    publish = state.publish_platform_event
    if publish is None:
        raise ApiError(400, "INVALID_TYPE", f"sObject type '{entity}' is not supported.")
    try:
        event_uuid = publish(f"/event/{entity}", dict(_mapping(body)))
    except ValueError as exc:
        raise ApiError(400, "INVALID_TYPE", f"sObject type '{entity}' is not supported.") from exc
    # Platform events are published asynchronously: the id is a placeholder, the uuid comes in the "error".
    return 201, {
        "id": "e00xx0000000001AAA",
        "success": True,
        "errors": [{"statusCode": "OPERATION_ENQUEUED", "message": event_uuid, "fields": []}],
    }
