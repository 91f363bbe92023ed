"""`GET sobjects` (global describe), `sobjects/<type>` (basic information) and `sobjects/<type>/describe`, built from
the org's object definitions: every object the emulator answers, every field it stores and enforces."""

from __future__ import annotations

from typing import Any

from sandbox.salesforce.describe_fields import describe_field, object_label, object_label_plural
from sandbox.salesforce.errors import not_found
from sandbox.salesforce.objects import ALL_OBJECTS, find_object
from sandbox.salesforce.rules import cascade_children
from sandbox.salesforce.schema import ObjectDef

MAX_BATCH_SIZE = 200  # records per sObject Collections call


def _urls(version: str, obj: ObjectDef) -> dict[str, str]:
    base = f"/services/data/{version}/sobjects/{obj.name}"
    return {"rowTemplate": base + "/{ID}", "describe": base + "/describe", "sobject": base}


def object_summary(version: str, obj: ObjectDef) -> dict[str, Any]:
    """An object's entry in the global describe (and the `objectDescribe` of `sobjects/<type>`)."""
    return {
        "activateable": False,
        "associateEntityType": None,
        "associateParentEntity": None,
        "createable": True,
        "custom": obj.name.endswith("__c"),
        "customSetting": False,
        "deepCloneable": False,
        "deletable": True,
        "deprecatedAndHidden": False,
        "feedEnabled": False,
        "hasSubtypes": False,
        "isInterface": False,
        "isSubtype": False,
        "keyPrefix": obj.prefix,
        "label": object_label(obj),
        "labelPlural": object_label_plural(obj),
        "layoutable": True,
        "mergeable": obj.name in ("Account", "Contact", "Case"),
        "mruEnabled": True,
        "name": obj.name,
        "queryable": True,
        "replicateable": True,
        "retrieveable": True,
        "searchable": True,
        "triggerable": True,
        "undeletable": True,
        "updateable": True,
        "urls": _urls(version, obj),
    }


def global_describe(version: str) -> dict[str, Any]:
    return {
        "encoding": "UTF-8",
        "maxBatchSize": MAX_BATCH_SIZE,
        "sobjects": [object_summary(version, obj) for obj in ALL_OBJECTS],
    }


def _known(entity: str) -> ObjectDef:
    obj = find_object(entity)
    if obj is None:  # describe answers an unknown type with NOT_FOUND, not the INVALID_TYPE of queries
        raise not_found()
    return obj


def basic_information(version: str, entity: str) -> dict[str, Any]:
    return {"objectDescribe": object_summary(version, _known(entity)), "recentItems": []}


def describe(version: str, entity: str) -> dict[str, Any]:
    obj = _known(entity)
    cascading = {(child, lookup) for child, lookup in cascade_children(obj.name)}
    children = [
        {
            "cascadeDelete": (relationship.child, relationship.field) in cascading,
            "childSObject": relationship.child,
            "deprecatedAndHidden": False,
            "field": relationship.field,
            "junctionIdListNames": [],
            "junctionReferenceTo": [],
            "relationshipName": relationship.name,
            "restrictedDelete": False,
        }
        for relationship in obj.children
    ]
    return {
        **object_summary(version, obj),
        "actionOverrides": [],
        "childRelationships": children,
        "compactLayoutable": True,
        "fields": [describe_field(obj, field) for field in obj.fields],
        "namedLayoutInfos": [],
        "networkScopeFieldName": None,
        "recordTypeInfos": [],
        "searchLayoutable": True,
        "supportedScopes": [{"label": "All " + object_label_plural(obj).lower(), "name": "everything"}],
        "urls": {**_urls(version, obj), "layouts": f"/services/data/{version}/sobjects/{obj.name}/describe/layouts"},
    }
