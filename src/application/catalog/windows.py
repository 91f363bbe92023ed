"""How long each part of the catalog may be served without asking its source again: every window in one place.

Catalog documents and eligibility are invalidated by events (CDC, the eligibility platform event), so their TTLs
are only safety nets; the operator tunes the catalog's with `PORTAL_CATALOG_SAFETY_TTL_HOURS` (this is its
default). What a customer already has in billing has no event at all, hence the brief's short "volatile" TTL.
The rest bound how stale this process's own copy of the catalog may get when the store cannot vouch for it.
"""

from __future__ import annotations

SAFETY_TTL_SECONDS = 12 * 3600  # catalog documents in the store
ELIGIBILITY_TTL_SECONDS: int | None = None  # until the platform event says otherwise
VOLATILE_TTL_SECONDS = 60  # which services a customer already has (SIM → family plans; Internet)

VERIFY_SECONDS = 1.0  # each process re-checks its copy's version this often, in case an announcement was lost
MAX_UNVERIFIED_SECONDS = 3.0  # a copy not verified for this long (Redis gone) is not served
DEGRADED_TTL_SECONDS = 5.0  # a load that bypassed the store (Redis down): one Salesforce query per process per 5 s
