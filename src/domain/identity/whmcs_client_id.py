from __future__ import annotations

from dataclasses import dataclass

from domain.errors import InvalidWhmcsClientIdError


@dataclass(frozen=True, slots=True)
class WhmcsClientId:
    value: int

    def __post_init__(self) -> None:
        if isinstance(self.value, bool) or not isinstance(self.value, int) or self.value <= 0:
            raise InvalidWhmcsClientIdError("A WHMCS client id is a positive whole number.")

    def __str__(self) -> str:
        return str(self.value)
