"""Counting what a process sends to Postgres and Redis, on the wire: a loopback TCP proxy per server that parses the
client's half of each protocol and counts commands and round trips.

- Postgres (frontend protocol v3): every simple `Query` is one round trip and one statement; in the extended
  protocol a `Sync` ends a round trip and each `Execute` is one statement (asyncpg sends Parse/Bind/Execute/Sync
  in one write).
- Redis (RESP): every top-level array is one command; every burst the client writes before the server answers is
  one round trip (a pipeline or MULTI/EXEC written at once is one).

Nothing is guessed from the code under test: the proxy sees exactly what crosses the socket. It runs in its own
thread with its own event loop, so the process under test and the load generator are untouched.
"""

from __future__ import annotations

import asyncio
import contextlib
import struct
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Protocol


@dataclass
class Counts:
    commands: int = 0
    round_trips: int = 0
    names: dict[str, int] = field(default_factory=dict)

    def copy(self) -> Counts:
        return Counts(self.commands, self.round_trips, dict(self.names))

    def minus(self, earlier: Counts) -> Counts:
        names = {k: v - earlier.names.get(k, 0) for k, v in self.names.items() if v - earlier.names.get(k, 0)}
        return Counts(self.commands - earlier.commands, self.round_trips - earlier.round_trips, names)


class _Parser(Protocol):
    def feed(self, data: bytes) -> None: ...


class _PostgresParser:
    def __init__(self, counts: Counts) -> None:
        self._counts = counts
        self._buffer = bytearray()
        self._started = False

    def feed(self, data: bytes) -> None:
        self._buffer += data
        while True:
            if not self._started:  # StartupMessage / SSLRequest: no type byte
                if len(self._buffer) < 4:
                    return
                (length,) = struct.unpack("!I", self._buffer[:4])
                if len(self._buffer) < length:
                    return
                code = struct.unpack("!I", self._buffer[4:8])[0] if length >= 8 else 0
                del self._buffer[:length]
                if code != 80877103:  # not an SSLRequest: the real startup, then typed messages
                    self._started = True
                continue
            if len(self._buffer) < 5:
                return
            kind = chr(self._buffer[0])
            (length,) = struct.unpack("!I", self._buffer[1:5])
            if len(self._buffer) < 1 + length:
                return
            body = bytes(self._buffer[5 : 1 + length])
            del self._buffer[: 1 + length]
            if kind == "Q":
                self._counts.round_trips += 1
                self._counts.commands += 1
                self._name(body.split(b"\0")[0])
            elif kind == "E":
                self._counts.commands += 1
            elif kind == "S":
                self._counts.round_trips += 1
            elif kind == "P":
                self._name(body.split(b"\0", 2)[1])

    def _name(self, sql: bytes) -> None:
        word = sql.strip().split(None, 1)[0].decode(errors="replace").upper() if sql.strip() else "?"
        self._counts.names[word] = self._counts.names.get(word, 0) + 1


class _RedisParser:
    def __init__(self, counts: Counts) -> None:
        self._counts = counts
        self._buffer = bytearray()

    def feed(self, data: bytes) -> None:
        self._counts.round_trips += 1
        self._buffer += data
        while self._buffer:
            parsed = self._command()
            if parsed is None:
                return
            consumed, name = parsed
            del self._buffer[:consumed]
            self._counts.commands += 1
            self._counts.names[name] = self._counts.names.get(name, 0) + 1

    def _command(self) -> tuple[int, str] | None:
        buffer = self._buffer
        end = buffer.find(b"\r\n")
        if end < 0:
            return None
        if buffer[:1] != b"*":  # inline command
            return end + 2, bytes(buffer[:end]).split(b" ", 1)[0].decode(errors="replace").upper()
        items, position, name = int(buffer[1:end]), end + 2, "?"
        for index in range(items):
            end = buffer.find(b"\r\n", position)
            if end < 0:
                return None
            size = int(buffer[position + 1 : end])
            start = end + 2
            if len(buffer) < start + size + 2:
                return None
            if index == 0:
                name = bytes(buffer[start : start + size]).decode(errors="replace").upper()
            position = start + size + 2
        return position, name


class CountingProxy:
    """127.0.0.1:<port> → target, counting the client's half with a parser made per connection."""

    def __init__(self, target_host: str, target_port: int, parser: Callable[[Counts], _Parser]) -> None:
        self.counts = Counts()
        self._target = (target_host, target_port)
        self._parser = parser
        self.port = 0

    async def serve(self, ready: threading.Event, stop: asyncio.Event) -> None:
        server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]
        ready.set()
        async with server:
            await stop.wait()

    async def _handle(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        try:
            server_r, server_w = await asyncio.open_connection(*self._target)
        except OSError:
            client_w.close()
            return
        parser = self._parser(self.counts)

        async def pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, count: bool) -> None:
            try:
                while data := await reader.read(65536):
                    if count:
                        parser.feed(data)
                    writer.write(data)
                    await writer.drain()
            except (OSError, asyncio.IncompleteReadError):
                pass
            finally:
                with contextlib.suppress(OSError):
                    writer.close()

        await asyncio.gather(pump(client_r, server_w, True), pump(server_r, client_w, False))


@contextlib.contextmanager
def counting(postgres: tuple[str, int], redis: tuple[str, int]) -> Iterator[tuple[CountingProxy, CountingProxy]]:
    """Proxies for Postgres and Redis, serving in a thread until the block ends."""
    pg, rd = CountingProxy(*postgres, _PostgresParser), CountingProxy(*redis, _RedisParser)
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    ready = [threading.Event(), threading.Event()]

    async def run() -> None:
        await asyncio.gather(pg.serve(ready[0], stop), rd.serve(ready[1], stop))

    thread = threading.Thread(target=loop.run_until_complete, args=(run(),), daemon=True)
    thread.start()
    for event in ready:
        event.wait(10)
    try:
        yield pg, rd
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(5)
