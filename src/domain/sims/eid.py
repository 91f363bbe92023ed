"""The EID of the device an eSIM profile is issued to: 32 digits (spaces and hyphens as phones display them are
dropped)."""

from __future__ import annotations

import re
from typing import ClassVar

from domain.errors import DomainError

EID = re.compile(r"\d{32}")


class NewEidInvalidError(DomainError):
    code: ClassVar[str] = "NEW_EID_INVALID"
    field: ClassVar[str | None] = "eid"

    def __init__(self) -> None:
        super().__init__("The EID is the 32 digits shown in the new phone's settings (About → EID).")


def parse_eid(value: str) -> str:
    digits = "".join(ch for ch in value if ch not in " -")
    if not EID.fullmatch(digits):
        raise NewEidInvalidError()
    return digits
