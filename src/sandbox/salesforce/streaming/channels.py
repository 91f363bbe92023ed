"""Which channels exist in the emulated org: CDC for the enabled entities, and the defined platform events."""

from __future__ import annotations

from sandbox.salesforce.streaming.cdc import ALL_CHANGE_EVENTS, entity_channel

DEFAULT_PLATFORM_EVENTS = frozenset({"/event/Account_Eligibility_Update__e"})


class ChannelDirectory:
    def __init__(self, *, cdc_entities: frozenset[str], platform_events: frozenset[str]) -> None:
        self.cdc_entities = cdc_entities
        self.platform_events = platform_events
        self._cdc_channels = {entity_channel(entity) for entity in cdc_entities} | {ALL_CHANGE_EVENTS}

    def exists(self, channel: str) -> bool:
        return channel in self._cdc_channels or channel in self.platform_events
