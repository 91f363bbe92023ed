"""What a stream consumer works with besides its handlers: the stream and the stores that keep its place."""

from __future__ import annotations

from dataclasses import dataclass

from application.ports.change_stream import ChangeStream
from application.ports.channel_leases import ChannelLeases
from application.ports.processed_events import ProcessedEvents
from application.ports.resync_requests import ResyncRequests
from application.ports.stream_positions import StreamPositions
from application.ports.stream_status import StreamStatusBoard


@dataclass(frozen=True)
class ConsumerStores:
    stream: ChangeStream
    positions: StreamPositions  # where each channel was consumed up to
    processed: ProcessedEvents  # which events were applied (redeliveries are skipped)
    leases: ChannelLeases  # who leads each channel
    board: StreamStatusBoard  # what each leader reports
    resyncs: ResyncRequests  # operators' requests to start a channel over
