from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from domain.errors import InvalidEmailError

# Deliberately permissive: the address is proven by the mail that reaches it, not by a regex. We only refuse
# what can never be deliverable and what would break headers or logs.
_SHAPE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s.]{2,}$")
MAX_LENGTH = 254


@dataclass(frozen=True, slots=True)
class EmailAddress:
    """An email address in the one form we store and compare: NFKC, trimmed, lower-cased."""

    value: str

    @classmethod
    def parse(cls, raw: str) -> EmailAddress:
        normalised = unicodedata.normalize("NFKC", raw).strip().lower()
        if len(normalised) > MAX_LENGTH or not _SHAPE.match(normalised) or ".." in normalised.split("@")[1]:
            raise InvalidEmailError("Enter an email address like name@example.jp.")
        return cls(normalised)

    def __str__(self) -> str:
        return self.value
