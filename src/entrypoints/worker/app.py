from __future__ import annotations

from procrastinate import App, PsycopgConnector
from sqlalchemy.engine import make_url

from entrypoints.settings import Settings
from entrypoints.worker.tasks import tasks


def psycopg_conninfo(sqlalchemy_url: str) -> str:
    """procrastinate speaks psycopg 3; our URL names the asyncpg driver. Same database, other driver."""
    return make_url(sqlalchemy_url).set(drivername="postgresql").render_as_string(hide_password=False)


def build_job_app(settings: Settings) -> App:
    app = App(connector=PsycopgConnector(conninfo=psycopg_conninfo(settings.database_url.reveal())))
    app.add_tasks_from(tasks, namespace="portal")
    return app
