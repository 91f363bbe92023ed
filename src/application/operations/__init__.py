"""Operators' use cases (`portal admin ...`): look at and repair what the service keeps, each action safe to
repeat and recorded as one structured log line (`audit.recorded`)."""
