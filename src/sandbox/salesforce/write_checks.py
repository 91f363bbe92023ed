"""What Salesforce checks on every insert and update, before any object-specific rule runs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sandbox.salesforce.errors import ApiError
from sandbox.salesforce.objects import object_for_id
from sandbox.salesforce.schema import Access, FieldDef, ObjectDef
from sandbox.salesforce.values import Value, from_json

# Looks a record up by id across objects (None when missing or deleted).
RecordLookup = Callable[[str], dict[str, Value] | None]


def typed_values(obj: ObjectDef, raw: Mapping[str, Any], *, creating: bool) -> dict[str, Value]:
    """Validate a create/update body field by field and return typed values keyed by API name."""
    values: dict[str, Value] = {}
    for name, raw_value in raw.items():
        if name == "attributes":
            continue
        field = obj.field(name)
        if field is None:
            raise ApiError(400, "INVALID_FIELD", f"No such column '{name}' on sobject of type {obj.name}")
        writable = field.access is Access.READ_WRITE or (creating and field.access is Access.CREATE_ONLY)
        if not writable:
            raise ApiError(
                400,
                "INVALID_FIELD_FOR_INSERT_UPDATE",
                f"Unable to create/update fields: {field.name}. Please check the security settings of this "
                "field and verify that it is read/write for your profile or permission set.",
                [field.name],
            )
        value = from_json(field, raw_value)
        _check_length(field, value)
        _check_picklist(field, value)
        values[field.name] = value
    return values


def check_required(obj: ObjectDef, record: Mapping[str, Value]) -> None:
    missing = [f.name for f in obj.fields if f.required and record.get(f.name) in (None, "")]
    if missing:
        raise ApiError(400, "REQUIRED_FIELD_MISSING", f"Required fields are missing: [{', '.join(missing)}]", missing)


def check_references(obj: ObjectDef, values: Mapping[str, Value], lookup: RecordLookup) -> None:
    for name, value in values.items():
        field = obj.field(name)
        if field is None or field.reference_to is None or value is None:
            continue
        target = object_for_id(str(value))
        if target is None or target.name != field.reference_to:
            raise ApiError(
                400, "FIELD_INTEGRITY_EXCEPTION", f"{field.name}: id value of incorrect type: {value}", [field.name]
            )
        if lookup(str(value)) is None:
            raise ApiError(400, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", [])


def check_unique(
    obj: ObjectDef, values: Mapping[str, Value], others: Iterable[Mapping[str, Value]], record_id: str | None
) -> None:
    """A Unique field's value may be on one live record only (compared without regard to case)."""
    for field in obj.fields:
        value = values.get(field.name)
        if not field.unique or not isinstance(value, str) or not value:
            continue
        for other in others:
            taken = other.get(field.name)
            if other.get("Id") != record_id and isinstance(taken, str) and taken.lower() == value.lower():
                raise ApiError(
                    400,
                    "DUPLICATE_VALUE",
                    f"duplicate value found: {field.name} duplicates value on record with id: {other['Id']}",
                    [],
                )


def _check_length(field: FieldDef, value: Value) -> None:
    limit = field.length_limit
    if isinstance(value, str) and limit is not None and len(value) > limit:
        raise ApiError(
            400,
            "STRING_TOO_LONG",
            f"{field.name}: data value too large: {value[:20]}... (max length={limit})",
            [field.name],
        )


def _check_picklist(field: FieldDef, value: Value) -> None:
    if field.picklist is not None and value is not None and value not in field.picklist:
        raise ApiError(
            400,
            "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
            f"{field.name}: bad value for restricted picklist field: {value}",
            [field.name],
        )
