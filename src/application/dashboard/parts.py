"""A dashboard part: its value when its source answered within the budget, else "unavailable" (never stale data
shown as current, and never the whole dashboard down because one source is)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

T = TypeVar("T")
Freshness = Literal["current", "unavailable"]
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Part(Generic[T]):
    state: Freshness
    value: T | None = None

    @property
    def current(self) -> T | None:
        return self.value if self.state == "current" else None


async def part(name: str, read: Callable[[], Awaitable[T]], *, budget_seconds: float) -> Part[T]:
    try:
        return Part("current", await asyncio.wait_for(read(), budget_seconds))
    except TimeoutError:
        log.warning("dashboard_part_timed_out", extra={"part": name, "budget_seconds": budget_seconds})
    except Exception as error:
        log.warning("dashboard_part_unavailable", extra={"part": name, "error": type(error).__name__})
    return Part("unavailable")
