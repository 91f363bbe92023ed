"""Route text the API publishes beyond its own router: the prefix, and paths that documents link to."""

from __future__ import annotations

API_PREFIX = "/api"
PUBLIC_CATALOG = "/public/services"  # under API_PREFIX
PUBLIC_CATALOG_URL = f"{API_PREFIX}{PUBLIC_CATALOG}"
