from __future__ import annotations

from typing import NamedTuple

from entrypoints.demo.world import DEMO_LOGINS, OTHER_CUSTOMERS
from sandbox.runner import SandboxAddresses


class WebAddress(NamedTuple):
    url: str | None  # None: not started, for `reason`
    reason: str


def banner(
    api_url: str, sandbox: SandboxAddresses, *, stores: str, skipped: list[str], web: WebAddress | None = None
) -> str:
    web_line = (
        f" Web          {web.url}/          (the frontend and /api through nginx: deploy/nginx)"
        if web and web.url
        else f" Web          not started: {web.reason if web else 'not asked for'}"
    )
    lines = [
        "",
        "=" * 78,
        " Sakura Hikari customer portal BFF — demo is ready",
        "=" * 78,
        web_line,
        f" API          {api_url}/api          (health: {api_url}/api/health/ready)",
        f" OpenAPI      {api_url}/schema/openapi.json   (browse: {api_url}/schema)",
        f" Stores       {stores}",
        " Emulators    (control APIs under /_sandbox/)",
        f"   WHMCS      {sandbox.whmcs_url}includes/api.php",
        f"   Salesforce {sandbox.salesforce_url}   (TLS, local CA)",
        f"   Freebit    {sandbox.freebit_url}",
        f" Mail         read what the portal sent: {sandbox.mail_url}   (SMTP {sandbox.host}:{sandbox.smtp_port})",
        "",
        " Portal logins (POST /api/auth/login):",
        *(f"   {d.email:<30} {d.password:<20} {d.customer_number}  {d.story}" for d in DEMO_LOGINS),
        "",
        " Other demo customers:",
        *(f"   {number}  {name:<14} {story}" for number, name, story in OTHER_CUSTOMERS),
        "",
        " Walk every journey:  portal tour --api " + api_url,
    ]
    if skipped:
        lines += ["", " Not started:", *(f"   {reason}" for reason in skipped)]
    lines += [" Stop with Ctrl-C.", "=" * 78, ""]
    return "\n".join(lines)
