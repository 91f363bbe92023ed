"""Fault hooks for unit tests: arm a failure for one operation, as the emulator's fault plan does."""

from __future__ import annotations

from enum import StrEnum

from application.errors import UpstreamConfigurationError
from application.ports.sim_models import SimOperation


class TwinFault(StrEnum):
    UNAVAILABLE = "unavailable"  # Freebit down or garbled: nothing applied, UpstreamUnavailableError
    AUTH_FAILURE = "auth_failure"  # the authKey is refused once per firing; the adapter renews it once
    APPLY_THEN_TIMEOUT = "apply_then_timeout"  # applied, answer lost: reconciled from the account


class TwinFaults:
    def __init__(self) -> None:
        self._armed: dict[SimOperation, tuple[TwinFault, int | None]] = {}

    def arm(self, operation: SimOperation, fault: TwinFault, *, times: int | None = 1) -> None:
        self._armed[operation] = (fault, times)

    def clear(self) -> None:
        self._armed.clear()

    def take(self, operation: SimOperation) -> TwinFault | None:
        armed = self._armed.get(operation)
        if armed is None:
            return None
        fault, times = armed
        if times is not None:
            if times <= 1:
                del self._armed[operation]
            else:
                self._armed[operation] = (fault, times - 1)
        return fault

    def before_call(self, operation: SimOperation) -> TwinFault | None:
        """The fault a call meets. A refused authKey is renewed once and the call repeated, as the adapter
        does; refused twice, our credentials are wrong."""
        fault = self.take(operation)
        if fault is TwinFault.AUTH_FAILURE:
            fault = self.take(operation)
            if fault is TwinFault.AUTH_FAILURE:
                raise UpstreamConfigurationError("Freebit", "Freebit refused a fresh authKey")
        return fault
