"""Reading the request's `json` object the way Freebit does: every scalar a string, strictly formatted."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from sandbox.freebit import codes
from sandbox.freebit.codes import FreebitError
from sandbox.freebit.model import OFF, ON

ACCOUNT = re.compile(r"\d{11,14}")
PRODUCT_NUMBER = re.compile(r"[A-Z]{2}\d{13}")
EID = re.compile(r"\d{32}")
RESERVE_NUMBER = re.compile(r"\d{10}")
QUOTA = re.compile(r"\d{1,6}")
ZEN_KANA = re.compile(r"[ァ-ヶー　]+")
DATE_FORMATS = ("%Y%m%d", "%Y/%m/%d", "%Y-%m-%d")

Body = dict[str, Any]


def text(body: Body, name: str, *, required: bool = True, default: str = "") -> str:
    value = body.get(name)
    if value is None or value == "":
        if required:
            raise FreebitError(codes.MISSING_PARAMETER, name)
        return default
    if not isinstance(value, str):
        raise FreebitError(codes.BAD_FORMAT, f"{name} must be a string")
    return value


def matching(body: Body, name: str, pattern: re.Pattern[str], *, required: bool = True) -> str:
    value = text(body, name, required=required)
    if value and not pattern.fullmatch(value):
        raise FreebitError(codes.BAD_FORMAT, name)
    return value


def one_of(body: Body, name: str, allowed: tuple[str, ...], *, required: bool = True, default: str = "") -> str:
    value = text(body, name, required=required, default=default)
    if value and value not in allowed:
        raise FreebitError(codes.BAD_FORMAT, f"{name} must be one of {', '.join(allowed)}")
    return value


def flag(body: Body, name: str, *, default: str = OFF) -> str:
    return one_of(body, name, (ON, OFF), required=False, default=default)


def day(body: Body, name: str, *, required: bool = False, formats: tuple[str, ...] = DATE_FORMATS[:1]) -> date | None:
    value = text(body, name, required=required)
    if not value:
        return None
    for fmt in formats:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise FreebitError(codes.BAD_FORMAT, f"{name} must be a date ({'/'.join(formats)})")


def obj(body: Body, name: str, *, required: bool = True) -> Body | None:
    value = body.get(name)
    if value is None:
        if required:
            raise FreebitError(codes.MISSING_PARAMETER, name)
        return None
    if not isinstance(value, dict):
        raise FreebitError(codes.BAD_FORMAT, f"{name} must be an object")
    return value


def single_item(body: Body, name: str = "requestDatas") -> Body:
    items = body.get(name)
    if items is None:
        raise FreebitError(codes.MISSING_PARAMETER, name)
    if not isinstance(items, list) or len(items) != 1 or not isinstance(items[0], dict):
        raise FreebitError(codes.BAD_FORMAT, f"{name} must hold exactly one item")
    item: Body = items[0]
    return item
