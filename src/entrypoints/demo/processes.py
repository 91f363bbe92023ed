"""Child processes with prefixed, line-buffered logs, stopped as a group so nothing outlives the demo."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass
class Child:
    name: str
    argv: Sequence[str]
    env: Mapping[str, str]
    process: asyncio.subprocess.Process | None = None
    _pump: asyncio.Task[None] | None = field(default=None, repr=False)

    async def start(self, width: int) -> None:
        # Its own session: a stop signal reaches the child and everything it spawned (uvicorn workers...).
        self.process = await asyncio.create_subprocess_exec(
            *self.argv,
            env={**os.environ, **self.env},
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,
        )
        self._pump = asyncio.create_task(self._copy_output(f"{self.name:<{width}} | "))

    async def _copy_output(self, prefix: str) -> None:
        assert self.process is not None
        assert self.process.stdout is not None
        async for line in self.process.stdout:
            sys.stdout.write(prefix + line.decode(errors="replace").rstrip() + "\n")
            sys.stdout.flush()

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None

    async def wait(self) -> int:
        assert self.process is not None
        code = await self.process.wait()
        if self._pump:
            await self._pump
        return code

    async def stop(self, grace_seconds: float = 10.0) -> None:
        if not self.running:
            return
        assert self.process is not None
        self._signal_group(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.wait(), grace_seconds)
        except TimeoutError:
            self._signal_group(signal.SIGKILL)
            await self.wait()

    def _signal_group(self, signum: int) -> None:
        assert self.process is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)


class Supervisor:
    def __init__(self) -> None:
        self.children: list[Child] = []

    async def start(self, name: str, argv: Sequence[str], env: Mapping[str, str]) -> Child:
        child = Child(name, argv, env)
        self.children.append(child)
        await child.start(width=8)
        return child

    async def run_to_end(self, name: str, argv: Sequence[str], env: Mapping[str, str]) -> int:
        return await (await self.start(name, argv, env)).wait()

    async def first_exit(self) -> Child:
        """Wait until any long-running child stops (a crash the user must hear about)."""
        running = [c for c in self.children if c.running]
        waits = {asyncio.create_task(c.wait()): c for c in running}
        done, pending = await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        return waits[done.pop()]

    async def stop_all(self) -> None:
        # Newest first: the API stops before the emulators it talks to.
        for child in reversed(self.children):
            await child.stop()
