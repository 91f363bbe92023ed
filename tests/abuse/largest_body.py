"""The largest JSON body a request type accepts, in bytes: every string at its `max_length` in 4-byte UTF-8 (what a
browser's `JSON.stringify` sends for astral characters), every list at its `max_length`, every optional field
present. A type without such bounds has no largest body, which is itself the finding (`UnboundedInputError`).
A multipart form (a dataclass with files) counts each file at the documents' limit plus its part's headers."""

from __future__ import annotations

import json
from typing import Any

import msgspec.inspect as mi
from litestar.datastructures import UploadFile

from domain.verification.documents import MAX_DOCUMENT_BYTES

PART_HEADERS = 512  # boundary, Content-Disposition with a file name, Content-Type
# Lengths msgspec's own parsers bound: an RFC 3339 date-time with nanoseconds and an offset, a date, a UUID.
FIXED = {mi.DateTimeType: 37, mi.DateType: 12, mi.UUIDType: 38, mi.IntType: 21, mi.FloatType: 24, mi.BoolType: 5}


class UnboundedInputError(ValueError):
    pass


def largest_json(kind: Any) -> int:
    return _largest(mi.type_info(kind), "body")


def _largest(info: mi.Type, where: str) -> int:
    if isinstance(info, mi.Metadata):  # documentation around a type (examples, descriptions)
        return _largest(info.type, where)
    if isinstance(info, mi.CustomType) and issubclass(info.cls, UploadFile):
        return MAX_DOCUMENT_BYTES + PART_HEADERS
    if isinstance(info, mi.StructType | mi.DataclassType):
        members = [
            len(json.dumps(field.encode_name)) + 1 + _largest(field.type, f"{where}.{field.encode_name}")
            for field in info.fields
        ]
        return 2 + sum(members) + max(0, len(members) - 1)
    if isinstance(info, mi.UnionType):
        return max(_largest(option, where) for option in info.types)
    if isinstance(info, mi.LiteralType):
        return max(len(json.dumps(value)) for value in info.values)
    if isinstance(info, mi.StrType):
        if info.max_length is None:
            raise UnboundedInputError(f"{where}: a string without max_length")
        return 2 + 4 * info.max_length
    if isinstance(info, mi.ListType | mi.TupleType | mi.VarTupleType):
        if getattr(info, "max_length", None) is None:
            raise UnboundedInputError(f"{where}: a list without max_length")
        return 2 + info.max_length * (_largest(info.item_type, f"{where}[]") + 1)
    if isinstance(info, mi.DecimalType):
        return 2 + 40
    if isinstance(info, mi.NoneType):
        return 4
    for kind, length in FIXED.items():
        if isinstance(info, kind):
            return length
    raise UnboundedInputError(f"{where}: a field of type {info!r}")
