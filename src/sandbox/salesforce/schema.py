"""The emulated org's metadata: objects, their fields and relationships (what `describe` would say)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    ID = "id"
    STRING = "string"
    TEXTAREA = "textarea"
    PICKLIST = "picklist"
    BOOLEAN = "boolean"
    NUMBER = "double"
    CURRENCY = "currency"
    DATE = "date"
    DATETIME = "datetime"
    REFERENCE = "reference"
    BASE64 = "base64"  # file contents (ContentVersion.VersionData): base64 text on the wire


class Access(StrEnum):
    READ_WRITE = "rw"
    CREATE_ONLY = "create"  # settable on insert, never on update
    READ_ONLY = "read"  # system-maintained


@dataclass(frozen=True)
class FieldDef:
    name: str
    kind: Kind = Kind.STRING
    access: Access = Access.READ_WRITE
    required: bool = False  # on create
    reference_to: str | None = None
    relationship: str | None = None  # the parent relationship name, e.g. "Account" for AccountId
    max_length: int | None = None
    picklist: tuple[str, ...] | None = None  # a restricted picklist's values
    unique: bool = False  # "Unique" (case-insensitive, as the org's default): a second record with the value is refused
    external_id: bool = False  # "External ID": usable in `sobjects/<type>/<field>/<value>` and indexed for look-ups
    auto_number: bool = False  # set by the org on insert (OrderNumber, CaseNumber, ...), never by a client
    label: str | None = None  # None: derived from the API name (see `describe`)

    @property
    def is_textual(self) -> bool:
        return self.kind in (Kind.STRING, Kind.TEXTAREA, Kind.PICKLIST)

    @property
    def is_numeric(self) -> bool:
        return self.kind in (Kind.NUMBER, Kind.CURRENCY)

    @property
    def is_id_like(self) -> bool:
        return self.kind in (Kind.ID, Kind.REFERENCE)

    @property
    def length_limit(self) -> int | None:
        if self.max_length is not None:
            return self.max_length
        if self.kind is Kind.TEXTAREA:
            return 32_768
        if self.kind in (Kind.STRING, Kind.PICKLIST):
            return 255
        return None


@dataclass(frozen=True)
class ChildRelationship:
    name: str  # e.g. "OrderItems"
    child: str  # e.g. "OrderItem"
    field: str  # the child's lookup field, e.g. "OrderId"


@dataclass
class ObjectDef:
    name: str
    prefix: str
    fields: list[FieldDef]
    cdc_enabled: bool = False
    children: list[ChildRelationship] = field(default_factory=list)
    label: str | None = None  # None: the API name
    label_plural: str | None = None  # None: the label + "s"

    def __post_init__(self) -> None:
        self._by_lower = {f.name.lower(): f for f in self.fields}
        self._parents = {f.relationship.lower(): f for f in self.fields if f.relationship}
        self._children = {c.name.lower(): c for c in self.children}

    def field(self, name: str) -> FieldDef | None:
        return self._by_lower.get(name.lower())

    def parent(self, relationship: str) -> FieldDef | None:
        return self._parents.get(relationship.lower())

    def child(self, relationship: str) -> ChildRelationship | None:
        return self._children.get(relationship.lower())


def system_fields() -> list[FieldDef]:
    return [
        FieldDef("Id", Kind.ID, Access.READ_ONLY),
        FieldDef("IsDeleted", Kind.BOOLEAN, Access.READ_ONLY),
        FieldDef("CreatedDate", Kind.DATETIME, Access.READ_ONLY),
        FieldDef("CreatedById", Kind.REFERENCE, Access.READ_ONLY),
        FieldDef("LastModifiedDate", Kind.DATETIME, Access.READ_ONLY),
        FieldDef("LastModifiedById", Kind.REFERENCE, Access.READ_ONLY),
        FieldDef("SystemModstamp", Kind.DATETIME, Access.READ_ONLY),
    ]


def ref(name: str, to: str, *, required: bool = False, access: Access = Access.READ_WRITE) -> FieldDef:
    """A lookup field `XxxId` whose relationship name is `Xxx` (custom `Xxx__c` → `Xxx__r`)."""
    relationship = name[:-3] + "__r" if name.endswith("__c") else name.removesuffix("Id")
    return FieldDef(name, Kind.REFERENCE, access, required=required, reference_to=to, relationship=relationship)


def text(
    name: str, *, required: bool = False, max_length: int | None = None, unique: bool = False, external_id: bool = False
) -> FieldDef:
    return FieldDef(name, Kind.STRING, required=required, max_length=max_length, unique=unique, external_id=external_id)


def auto_number(name: str) -> FieldDef:
    return FieldDef(name, Kind.STRING, Access.READ_ONLY, max_length=30, auto_number=True)


def flag(name: str) -> FieldDef:
    return FieldDef(name, Kind.BOOLEAN)


def number(name: str, kind: Kind = Kind.NUMBER) -> FieldDef:
    return FieldDef(name, kind)


def pick(name: str, values: tuple[str, ...], *, required: bool = False) -> FieldDef:
    return FieldDef(name, Kind.PICKLIST, required=required, picklist=values)
