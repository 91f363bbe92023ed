from __future__ import annotations

from procrastinate import App

from adapters.procrastinate.connector import procrastinate_connector
from entrypoints.settings import Settings
from entrypoints.worker.tasks import tasks


def build_job_app(settings: Settings) -> App:
    app = App(connector=procrastinate_connector(settings.database_url.reveal()))
    app.add_tasks_from(tasks, namespace="portal")
    return app
