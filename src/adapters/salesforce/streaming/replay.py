"""Where each channel resumes when the client (re)subscribes."""

from __future__ import annotations

from aiosfstream_ng.replay import ReplayMarker, ReplayMarkerStorage

from application.ports.stream_positions import StreamPositions


class ReplayPositions(ReplayMarkerStorage):
    """Resume after what this process already handed to the consumer, else after the saved position.

    The consumer saves only what it has handed over, so the in-process position is never behind the saved
    one; using it avoids replaying (and re-filtering) events after every reconnect. A channel whose saved
    position Salesforce refused starts over with new events only (no id sent means -1).
    """

    def __init__(self, positions: StreamPositions) -> None:
        super().__init__()
        self._positions = positions
        self._handed_over: dict[str, int] = {}
        self._started_over: set[str] = set()

    def is_new(self, channel: str, replay_id: int) -> bool:
        """False for a redelivery of something already handed over (Salesforce delivers at least once)."""
        last = self._handed_over.get(channel)
        return last is None or replay_id > last

    def handed_over(self, channel: str, replay_id: int) -> None:
        self._handed_over[channel] = replay_id

    def start_over(self, channel: str) -> None:
        self._handed_over.pop(channel, None)
        self._started_over.add(channel)

    async def get_replay_marker(self, subscription: str) -> ReplayMarker | None:
        replay_id = self._handed_over.get(subscription)
        if replay_id is None and subscription not in self._started_over:
            saved = await self._positions.get(subscription)
            replay_id = saved.replay_id if saved is not None else None
        # The date only matters to the library's automatic storing, which we do not use.
        return None if replay_id is None else ReplayMarker(date="", replay_id=replay_id)

    async def set_replay_marker(self, subscription: str, replay_marker: ReplayMarker) -> None:
        self.handed_over(subscription, replay_marker.replay_id)
