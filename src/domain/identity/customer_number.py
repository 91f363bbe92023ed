from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from domain.errors import InvalidCustomerNumberError

# The number printed on the customer's contract, e.g. SH-100001 (`SF_Account_No__c` in Salesforce).
_SHAPE = re.compile(r"^[A-Z]{2}-\d{6}$")


@dataclass(frozen=True, slots=True)
class CustomerNumber:
    value: str

    @classmethod
    def parse(cls, raw: str) -> CustomerNumber:
        # Customers type these from paper: accept full-width characters, stray spaces and lower case.
        normalised = unicodedata.normalize("NFKC", raw).strip().upper().replace(" ", "")
        if not _SHAPE.match(normalised):
            raise InvalidCustomerNumberError("A customer number looks like SH-100001.")
        return cls(normalised)

    def __str__(self) -> str:
        return self.value
