from __future__ import annotations

from dishka import Provider, Scope, collect, provide

from adapters.system_clock import SystemClock
from application.ports.clock import Clock
from application.ports.readiness import DependencyCheck
from application.ports.stream_status import StreamStatusBoard
from application.read_models.health import GetCacheHealth
from application.read_models.status import ReportsStatus
from application.readiness import CheckReadiness


class ApplicationProvider(Provider):
    """Use cases and the collaborators every adapter set shares."""

    clock = provide(SystemClock, provides=Clock, scope=Scope.APP)

    @provide(scope=Scope.APP)
    def check_readiness(self, checks: list[DependencyCheck]) -> CheckReadiness:
        return CheckReadiness(checks)

    # Every read model provided `AnyOf[..., ReportsStatus]`, in the order the providers declare them.
    read_models = collect(ReportsStatus, scope=Scope.APP)

    @provide(scope=Scope.APP)
    def cache_health(self, read_models: list[ReportsStatus], board: StreamStatusBoard, clock: Clock) -> GetCacheHealth:
        return GetCacheHealth(read_models, board, clock)
