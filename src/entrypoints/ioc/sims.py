"""SIM self-management: the caller's SIMs, their usage and top-ups."""

from __future__ import annotations

from dishka import Provider, Scope, provide

from application.sims.get_sim_details import GetSimDetails
from application.sims.get_sim_usage import GetSimUsage
from application.sims.sim_lines import SimLines


class SimUseCases(Provider):
    scope = Scope.REQUEST
    lines = provide(SimLines)
    get_sim_details = provide(GetSimDetails)
    get_sim_usage = provide(GetSimUsage)
