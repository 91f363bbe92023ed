"""What a demo run will use: real or in-memory stores, the emulators' addresses, every child's environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from redis.asyncio import Redis
from sqlalchemy.engine import make_url

from adapters.postgres.database import drop_database
from entrypoints.demo.stores import postgres_reachable, redis_reachable
from entrypoints.settings import Settings
from sandbox.runner import SandboxAddresses

DEMO_DATABASE = "portal_demo"
DEMO_REDIS = "redis://127.0.0.1:6379/2"


@dataclass(frozen=True)
class DemoPlan:
    use_real: bool
    stores: str  # how the banner describes them
    api_url: str
    api_port: int
    web_port: int
    sandbox: SandboxAddresses
    state_dir: Path
    env: dict[str, str]

    @property
    def ca_bundle(self) -> str:
        return self.env["PORTAL_SALESFORCE_CA_BUNDLE"]

    @property
    def not_started(self) -> list[str]:
        if self.use_real:
            return []
        return [
            "worker: durable jobs need Postgres (in-memory stores live inside one process)",
            "cdc: change events need the shared Redis read models (catalog changes show after a restart)",
        ]


async def plan_demo(
    settings: Settings,
    *,
    api_port: int,
    sandbox: SandboxAddresses,
    state_dir: Path,
    force_memory: bool,
    web_port: int = 8080,
) -> DemoPlan:
    """`state_dir` must be absolute: every child process reads the sandbox's CA from it."""
    database = make_url(settings.database_url.reveal())
    if database.database in (None, "portal"):
        database = database.set(database=DEMO_DATABASE)
    dsn = database.render_as_string(hide_password=False)
    redis_url = os.environ.get("PORTAL_REDIS_URL", DEMO_REDIS)
    use_real = not force_memory and await postgres_reachable(dsn) and await redis_reachable(redis_url)
    if use_real:
        # The emulators start from the demo world every time, so the portal's own stores must too.
        await start_afresh(dsn, redis_url)
    memory_reason = "--memory" if force_memory else "Postgres or Redis did not answer"
    env = {
        "PORTAL_ADAPTERS": "real" if use_real else "memory",
        "PORTAL_DATABASE_URL": dsn,
        "PORTAL_REDIS_URL": redis_url,
        "PORTAL_WHMCS_URL": sandbox.whmcs_url,
        "PORTAL_SALESFORCE_LOGIN_URL": sandbox.salesforce_url,
        "PORTAL_SALESFORCE_CA_BUNDLE": str(state_dir / "tls" / "sandbox-ca.pem"),
        "PORTAL_FREEBIT_URL": sandbox.freebit_url,
        "PORTAL_SMTP_HOST": sandbox.host,
        "PORTAL_SMTP_PORT": str(sandbox.smtp_port),
        "PORTAL_SESSION_COOKIE_SECURE": "false",  # plain HTTP on localhost
        "PORTAL_DEMO_SEED_LOGINS": "true",
        "PORTAL_FRONTEND_URL": f"http://127.0.0.1:{web_port}",  # password-reset links open the demo's frontend
        "PORTAL_LOG_FORMAT": "console",
        "PYTHONUNBUFFERED": "1",
    }
    return DemoPlan(
        use_real=use_real,
        stores=f"Postgres {database.database} + Redis" if use_real else f"in memory ({memory_reason})",
        api_url=f"http://127.0.0.1:{api_port}",
        api_port=api_port,
        web_port=web_port,
        sandbox=sandbox,
        state_dir=state_dir,
        env=env,
    )


async def start_afresh(dsn: str, redis_url: str) -> None:
    name = make_url(dsn).database or ""
    if "demo" not in name:
        raise SystemExit(f"refusing to reset database {name!r}: the demo only resets databases named *demo*")
    await drop_database(dsn)
    client = Redis.from_url(redis_url)
    try:
        await client.flushdb()
    finally:
        await client.aclose()
