"""procrastinate's connection to the portal's Postgres, shared by the worker and every process that enqueues."""

from __future__ import annotations

from procrastinate import PsycopgConnector
from sqlalchemy.engine import make_url


def psycopg_conninfo(sqlalchemy_url: str) -> str:
    """procrastinate speaks psycopg 3; our URL names the asyncpg driver. Same database, other driver."""
    return make_url(sqlalchemy_url).set(drivername="postgresql").render_as_string(hide_password=False)


def procrastinate_connector(sqlalchemy_url: str) -> PsycopgConnector:
    return PsycopgConnector(conninfo=psycopg_conninfo(sqlalchemy_url))
