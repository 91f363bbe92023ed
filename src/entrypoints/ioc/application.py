from __future__ import annotations

from dishka import Provider, Scope, provide

from adapters.system_clock import SystemClock
from application.ports.clock import Clock
from application.ports.readiness import DependencyCheck
from application.readiness import CheckReadiness


class ApplicationProvider(Provider):
    """Use cases and the collaborators every adapter set shares."""

    clock = provide(SystemClock, provides=Clock, scope=Scope.APP)

    @provide(scope=Scope.APP)
    def check_readiness(self, checks: list[DependencyCheck]) -> CheckReadiness:
        return CheckReadiness(checks)
