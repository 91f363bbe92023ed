"""The emulator's Streaming API: CometD/Bayeux long polling, CDC from committed transactions, platform events."""
