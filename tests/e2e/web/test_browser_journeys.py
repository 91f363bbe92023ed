"""The reference frontend (web/) in a real browser: `portal demo` started as a newcomer runs it (nginx with the
shipped edge configuration serving web/dist and /api), then the Playwright suite (web/e2e) walks every journey in
Debian's Chromium, checks each page with axe-core and saves a screenshot of any failure under web/test-results/.

The frontend must be built first (scripts/web-build.sh; `make test` does it before pytest).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from entrypoints.demo.edge import WEB_DIST, nginx_binary
from sandbox.runner import SandboxAddresses
from tests.e2e.test_demo import PORTAL, Running
from tests.support.postgres import SERVER_URL, drop
from tests.support.redis_server import redis_url
from tests.support.servers import free_port

pytestmark = pytest.mark.e2e
WEB = WEB_DIST.parent
CHROMIUM = "/usr/bin/chromium"


@pytest.mark.timeout(420)
def test_every_journey_walks_in_a_browser_with_no_serious_accessibility_violation(tmp_path: Path) -> None:
    if not (WEB_DIST / "index.html").exists():
        pytest.fail("the frontend is not built: run scripts/web-build.sh (make test does)")
    if not os.path.exists(CHROMIUM) or nginx_binary() is None:
        pytest.fail("the browser tests need Debian's chromium and nginx: scripts/browser-deps.sh, scripts/edge-deps.sh")
    # The sandbox's mail catcher, where the demo has one (else its mail is the outbox in Redis).
    mail = ("mail", "smtp") if hasattr(SandboxAddresses(), "mail_port") else ()
    ports = {name: free_port() for name in ("api", "whmcs", "salesforce", "freebit", "web", *mail)}
    database = f"{SERVER_URL}/portal_e2e_web_demo_{os.getpid()}"
    redis = redis_url(11)
    subprocess.run(["redis-cli", "-u", redis, "flushdb"], check=False, capture_output=True)
    env = {
        **os.environ,
        "PORTAL_DATABASE_URL": database,
        "PORTAL_REDIS_URL": redis,
        # Every sign-in of the suite comes from one address within a minute; the limit itself is tested elsewhere.
        "PORTAL_AUTH_ATTEMPTS_PER_WINDOW": "100",
        # The eSIM journey finishes Freebit's activation at once (its control API); the fulfilment then need not
        # wait its production pause of 30 s before asking again.
        "PORTAL_FULFILMENT_SIM_POLL_SECONDS": "2",
        "PYTHONUNBUFFERED": "1",
    }
    state_dir = tmp_path / "demo"
    demo = Running(
        [
            *PORTAL, "demo", "--api-port", str(ports["api"]), "--whmcs-port", str(ports["whmcs"]),
            "--salesforce-port", str(ports["salesforce"]), "--freebit-port", str(ports["freebit"]),
            "--web-port", str(ports["web"]), "--state-dir", str(state_dir),
            *(arg for name in mail for arg in (f"--{name}-port", str(ports[name]))),
        ],
        env,
    )  # fmt: skip
    try:
        demo.wait_for("demo is ready", within=120)
        web_url = f"http://127.0.0.1:{ports['web']}"
        assert f"Web          {web_url}/" in demo.output()
        results = WEB / "test-results"
        shutil.rmtree(results, ignore_errors=True)
        started = time.monotonic()
        suite = subprocess.run(
            ["npx", "--no-install", "playwright", "test"],
            cwd=WEB,
            env={
                **env,
                "PORTAL_WEB_URL": web_url,
                "PORTAL_SALESFORCE_URL": f"https://127.0.0.1:{ports['salesforce']}",
                "PORTAL_FREEBIT_URL": f"http://127.0.0.1:{ports['freebit']}",
                **({"PORTAL_MAIL_URL": f"http://127.0.0.1:{ports['mail']}/_sandbox/messages"} if mail else {}),
                "NODE_EXTRA_CA_CERTS": str(state_dir / "tls" / "sandbox-ca.pem"),
                "PORTAL_WEB_ARTIFACTS": str(results),
                "CI": "1",
            },
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        print(f"browser suite: {time.monotonic() - started:.1f} s\n{suite.stdout[-4000:]}")
        assert suite.returncode == 0, (
            f"{suite.stdout[-6000:]}\n{suite.stderr[-2000:]}\nscreenshots of the failures: {results}"
        )
    finally:
        demo.process.send_signal(signal.SIGINT)
        demo.process.wait(timeout=60)
        drop(database)
