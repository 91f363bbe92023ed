"""One field of `sobjects/<type>/describe`, derived from the emulator's own `FieldDef` (the single source of truth:
what describe says is what the REST API and SOQL enforce)."""

from __future__ import annotations

import re
from typing import Any

from sandbox.salesforce.schema import Access, FieldDef, Kind, ObjectDef

_SOAP_TYPES = {
    Kind.ID: "tns:ID",
    Kind.REFERENCE: "tns:ID",
    Kind.STRING: "xsd:string",
    Kind.TEXTAREA: "xsd:string",
    Kind.PICKLIST: "xsd:string",
    Kind.BOOLEAN: "xsd:boolean",
    Kind.NUMBER: "xsd:double",
    Kind.CURRENCY: "xsd:double",
    Kind.DATE: "xsd:date",
    Kind.DATETIME: "xsd:dateTime",
    Kind.BASE64: "xsd:base64Binary",
}
_SYSTEM_LABELS = {
    "IsDeleted": "Deleted",
    "CreatedById": "Created By ID",
    "LastModifiedById": "Last Modified By ID",
    "SystemModstamp": "System Modstamp",
}
# System lookups point at User, which the emulated org does not hold as records.
_SYSTEM_REFERENCES = {"CreatedById": "User", "LastModifiedById": "User"}
_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def field_label(obj: ObjectDef, field: FieldDef) -> str:
    if field.label:
        return field.label
    if field.name == "Id":
        return f"{object_label(obj)} ID"
    if field.name in _SYSTEM_LABELS:
        return _SYSTEM_LABELS[field.name]
    stem = field.name.removesuffix("__c").replace("_", " ")
    words = _WORD_BOUNDARY.sub(" ", stem).split()
    if words and words[-1] == "Id":
        words[-1] = "ID"
    return " ".join(words)


def object_label(obj: ObjectDef) -> str:
    return obj.label or obj.name


def object_label_plural(obj: ObjectDef) -> str:
    return obj.label_plural or f"{object_label(obj)}s"


def _length(field: FieldDef) -> int:
    if field.is_id_like:
        return 18
    return field.length_limit or 0


def _nillable(field: FieldDef) -> bool:
    # Checkboxes are never null in Salesforce; Id and required fields cannot be emptied.
    return not (field.required or field.kind in (Kind.BOOLEAN, Kind.ID))


def _filterable(field: FieldDef) -> bool:
    limit = field.length_limit
    return not (field.kind is Kind.TEXTAREA and limit is not None and limit > 255)


def describe_field(obj: ObjectDef, field: FieldDef) -> dict[str, Any]:
    custom = field.name.endswith("__c")
    createable = field.access in (Access.READ_WRITE, Access.CREATE_ONLY)
    reference_to = field.reference_to or _SYSTEM_REFERENCES.get(field.name)
    picklist = [
        {"active": True, "defaultValue": False, "label": value, "validFor": None, "value": value}
        for value in field.picklist or ()
    ]
    length = _length(field)
    return {
        "aggregatable": field.kind not in (Kind.TEXTAREA, Kind.BOOLEAN) and _filterable(field),
        "autoNumber": field.auto_number,
        "byteLength": length * 3 if field.is_textual else length,
        "calculated": False,
        "caseSensitive": False,
        "createable": createable,
        "custom": custom,
        "defaultValue": False if field.kind is Kind.BOOLEAN else None,
        "defaultedOnCreate": field.kind is Kind.BOOLEAN or field.access is Access.READ_ONLY,
        "dependentPicklist": False,
        "digits": 0,
        "externalId": field.external_id,
        "filterable": _filterable(field),
        "groupable": field.kind not in (Kind.TEXTAREA, Kind.NUMBER, Kind.CURRENCY, Kind.DATETIME),
        "htmlFormatted": False,
        "idLookup": field.name == "Id" or field.external_id,
        "label": field_label(obj, field),
        "length": length,
        "name": field.name,
        "nameField": field.name == "Name",
        "namePointing": False,
        "nillable": _nillable(field),
        "picklistValues": picklist,
        "polymorphicForeignKey": False,
        "precision": 18 if field.is_numeric else 0,
        "referenceTo": [reference_to] if reference_to else [],
        "relationshipName": field.relationship,
        "restrictedPicklist": field.picklist is not None,
        "scale": 2 if field.kind is Kind.CURRENCY else 0,
        "soapType": _SOAP_TYPES[field.kind],
        "sortable": _filterable(field),
        "type": field.kind.value,
        "unique": field.unique,
        "updateable": field.access is Access.READ_WRITE and field.name != "Id",
    }
