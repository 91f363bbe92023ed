"""The SIM queues defer tasks by name: each name is a task the worker registers under its namespace (a typo would
queue jobs no worker runs)."""

from __future__ import annotations

import inspect

import pytest

from adapters.procrastinate import eid_records, top_up_queue
from entrypoints.worker import app
from entrypoints.worker.tasks import tasks


@pytest.mark.parametrize("name", [top_up_queue.RUN_TASK, eid_records.RUN_TASK])
def test_every_deferred_task_name_is_registered_by_the_worker(name: str) -> None:
    namespace, task = name.split(":", 1)
    assert f'namespace="{namespace}"' in inspect.getsource(app.build_job_app)
    # The blueprint's names gain the namespace when an app adds them (once per process): compare without it.
    assert task in {key.rsplit(":", 1)[-1] for key in tasks.tasks}
