from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from domain.errors import InvalidEmailError

# Deliberately permissive: the address is proven by the mail that reaches it, not by a regex. We only refuse
# what can never be deliverable and what would break headers or logs.
_SHAPE = re.compile(r"^[^@\s\x00-\x1f\x7f]{1,64}@[^@\s\x00-\x1f\x7f]+\.[^@\s.\x00-\x1f\x7f]{2,}$")
MAX_LENGTH = 254
# What any raw input must look like before normalisation (full-width @ and surrounding spaces included): the shape
# the API documents and checks at the edge; `parse` then applies the exact rule above.
EMAIL_SHAPE = r"^\s*[^@＠\s]+[@＠][^@＠\s]+\s*$"


@dataclass(frozen=True, slots=True)
class EmailAddress:
    """An email address in the one form we store and compare: NFKC, trimmed, lower-cased."""

    value: str

    @staticmethod
    def normalise(raw: str) -> str:
        """The one normalisation: what we store, look up and count attempts by (valid or not)."""
        return unicodedata.normalize("NFKC", raw).strip().lower()

    @classmethod
    def parse(cls, raw: str) -> EmailAddress:
        normalised = cls.normalise(raw)
        if len(normalised) > MAX_LENGTH or not _SHAPE.match(normalised) or ".." in normalised.split("@")[1]:
            raise InvalidEmailError("Enter an email address like name@example.jp.")
        return cls(normalised)

    def __str__(self) -> str:
        return self.value
