from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ProblemType:
    title: str  # short, stable, the same for every occurrence of the code
    description: str  # what happened and what the client (or the person) can do; shown at the type URI
    # Our own failures only (5xx): the detail customers see. The error's own message, which may name a system or
    # its state, goes to the log and to `GET /api/health/upstreams`, never to the customer.
    customer_detail: str | None = None
