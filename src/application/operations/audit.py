"""Every operator's action leaves exactly one structured line: `admin_action` with what, on what, and how it ended.

Only identifiers go in (account, order, onboarding, card and channel ids, counts, outcomes), never personal data.
"""

from __future__ import annotations

import logging

AUDIT_LOGGER = "portal.admin"
log = logging.getLogger(AUDIT_LOGGER)


def recorded(action: str, outcome: str, **fields: object) -> None:
    log.info("admin_action", extra={"action": action, "outcome": outcome, **fields})
