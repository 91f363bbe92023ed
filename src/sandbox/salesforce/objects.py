"""Every object the emulated org knows, looked up case-insensitively as Salesforce does."""

from __future__ import annotations

from sandbox.salesforce.errors import invalid_type
from sandbox.salesforce.objects_commerce import ORDER, ORDER_ITEM, PRICEBOOK2, PRICEBOOK_ENTRY, PRODUCT2
from sandbox.salesforce.objects_crm import ACCOUNT, CASE, CASE_COMMENT, CONTACT, CONTENT_VERSION, OPPORTUNITY
from sandbox.salesforce.schema import ObjectDef

ALL_OBJECTS: tuple[ObjectDef, ...] = (
    ACCOUNT,
    CONTACT,
    OPPORTUNITY,
    CASE,
    CASE_COMMENT,
    CONTENT_VERSION,
    PRODUCT2,
    PRICEBOOK2,
    PRICEBOOK_ENTRY,
    ORDER,
    ORDER_ITEM,
)
_BY_NAME = {o.name.lower(): o for o in ALL_OBJECTS}
_BY_PREFIX = {o.prefix: o for o in ALL_OBJECTS}


def find_object(name: str) -> ObjectDef | None:
    return _BY_NAME.get(name.lower())


def object_named(name: str) -> ObjectDef:
    found = find_object(name)
    if found is None:
        raise invalid_type(name)
    return found


def object_for_id(record_id: str) -> ObjectDef | None:
    return _BY_PREFIX.get(record_id[:3])
