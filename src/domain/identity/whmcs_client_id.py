from __future__ import annotations

from dataclasses import dataclass

from domain.errors import InvalidWhmcsClientIdError

# WHMCS numbers its clients with a signed 32-bit INT (tblclients.id), and so does our column: anything larger
# is no client of WHMCS's, and would overflow the column if it got that far.
MAX_WHMCS_ID = 2**31 - 1


@dataclass(frozen=True, slots=True)
class WhmcsClientId:
    value: int

    def __post_init__(self) -> None:
        if isinstance(self.value, bool) or not isinstance(self.value, int) or not 0 < self.value <= MAX_WHMCS_ID:
            raise InvalidWhmcsClientIdError(f"A WHMCS client id is a whole number from 1 to {MAX_WHMCS_ID}.")

    def __str__(self) -> str:
        return str(self.value)
