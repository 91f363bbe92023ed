"""What an API action handler gets, and how it reports a `result: error`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sandbox.whmcs.config import WhmcsEmulatorConfig
from sandbox.whmcs.state import WhmcsState
from sandbox.whmcs.wire_input import Params


class ActionError(Exception):
    """Becomes `{"result":"error","message":...}` with HTTP 200, as every WHMCS business error does."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ActionContext:
    state: WhmcsState
    config: WhmcsEmulatorConfig
    params: Params
    system_url: str  # ends with "/"
    ip: str

    @property
    def legacy(self) -> bool:
        return self.config.dialect == "legacy"

    def num(self, value: int) -> int | str:
        """Ids and counts: ints in 8.x, strings in the legacy dialect."""
        return str(value) if self.legacy else value


Handler = Callable[[ActionContext], dict[str, Any]]
