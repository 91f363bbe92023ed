"""The API as the demo runs it: the HTTP app, with the demo world seeded into its stores at start-up.

`portal serve` runs this factory when `PORTAL_DEMO_SEED_LOGINS` is set (`portal demo` sets it); the HTTP app
itself knows nothing of the demo.
"""

from __future__ import annotations

from dishka import AsyncContainer, Provider
from litestar import Litestar

from entrypoints.demo.notifications import seed_demo_notifications
from entrypoints.demo.sim_stock import seed_demo_sim_stock
from entrypoints.demo.world import seed_demo_logins
from entrypoints.http.app import create_app
from entrypoints.settings import Settings


async def seed_demo_world(container: AsyncContainer) -> None:
    await seed_demo_logins(container)
    await seed_demo_sim_stock(container)
    await seed_demo_notifications(container)


def create_demo_app(settings: Settings | None = None, *overrides: Provider) -> Litestar:
    return create_app(settings, *overrides, on_startup=(seed_demo_world,))
