"""uvicorn waits for open responses before it runs the app's shutdown, and a live stream never ends on its own:
so the signals that stop the server first end the streams, then uvicorn's own handler runs as before."""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import Callable
from types import FrameType

from application.live.hub import LiveHub

STOPPING = (signal.SIGINT, signal.SIGTERM)


def close_streams_on_signals(hub: LiveHub) -> Callable[[], None]:
    """Install the handlers (main thread only: signals reach no other); the function that puts back the old ones."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    loop = asyncio.get_running_loop()
    previous = {sig: signal.getsignal(sig) for sig in STOPPING}
    closing: set[asyncio.Task[None]] = set()

    def close_soon() -> None:
        task = loop.create_task(hub.close())
        closing.add(task)
        task.add_done_callback(closing.discard)

    def handler(signum: int, frame: FrameType | None) -> None:
        loop.call_soon_threadsafe(close_soon)
        prior = previous[signal.Signals(signum)]
        if callable(prior):
            prior(signum, frame)

    for sig in STOPPING:
        signal.signal(sig, handler)

    def restore() -> None:
        for sig, prior in previous.items():
            if signal.getsignal(sig) is handler:
                signal.signal(sig, prior)

    return restore
