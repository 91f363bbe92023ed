"""Independent client libraries (from npm) driven against the emulators on free loopback ports.

The libraries are pinned in `package.json`/`package-lock.json` and installed with `npm ci` the first time a session
needs them (again whenever the lock file changes). A machine without Node.js 20+ and npm fails these tests with the
command that fixes it: they are never skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sandbox.freebit import seed as freebit_seed
from sandbox.salesforce.config import DEFAULT_CLIENT_SECRET, DEFAULT_CONSUMER_KEY
from sandbox.whmcs.config import WhmcsEmulatorConfig
from tests.support.sandbox import RunningSandbox, running_sandbox

CLIENTS = Path(__file__).parent
NPM_CI = ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"]
_INSTALLED_STAMP = CLIENTS / "node_modules" / ".portal-lock-sha256"
_MIN_NODE_MAJOR = 20
_FIX = "apt-get install -y nodejs npm  (Debian; Node.js 20 or later), then: cd tests/clients && npm ci"


def _need(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.fail(f"`{tool}` is not installed; the third-party client contract tests need it. Fix: {_FIX}", False)
    return found


def _node_major(node: str) -> int:
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    return int(version.lstrip("v").split(".")[0])


@pytest.fixture(scope="session")
def node_clients() -> Path:
    """Node and the pinned client libraries, installed exactly as the lock file says."""
    node = _need("node")
    _need("npm")
    if _node_major(node) < _MIN_NODE_MAJOR:
        pytest.fail(f"Node.js {_MIN_NODE_MAJOR}+ is needed, found {_node_major(node)}. Fix: {_FIX}", False)
    lock = hashlib.sha256((CLIENTS / "package-lock.json").read_bytes()).hexdigest()
    if not _INSTALLED_STAMP.exists() or _INSTALLED_STAMP.read_text() != lock:
        installed = subprocess.run(NPM_CI, cwd=CLIENTS, capture_output=True, text=True, timeout=600, check=False)
        if installed.returncode != 0:
            pytest.fail(f"`{' '.join(NPM_CI)}` failed in tests/clients:\n{installed.stderr[-4000:]}", False)
        _INSTALLED_STAMP.write_text(lock)
    return CLIENTS


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    with running_sandbox(tmp_path_factory.mktemp("client-sandbox")) as running:
        yield running


def client_environment(sandbox: RunningSandbox) -> dict[str, str]:
    """What a scenario needs to reach the sandbox, and nothing of this machine's proxies or CA overrides."""
    addresses = sandbox.addresses
    free_sim = freebit_seed.PHYSICAL_SIMS[0]
    whmcs = WhmcsEmulatorConfig()
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "NODE_EXTRA_CA_CERTS": str(sandbox.credentials.ca_bundle),  # how a Node tool trusts the sandbox's CA
        "SALESFORCE_URL": addresses.salesforce_url,
        "SALESFORCE_CLIENT_ID": DEFAULT_CONSUMER_KEY,
        "SALESFORCE_CLIENT_SECRET": DEFAULT_CLIENT_SECRET,
        "WHMCS_API_URL": f"{addresses.whmcs_url}includes/api.php",
        "WHMCS_IDENTIFIER": whmcs.identifier,
        "WHMCS_SECRET": whmcs.secret,
        "FREEBIT_API_URL": addresses.freebit_url,
        "FREEBIT_OEM_ID": freebit_seed.OEM_ID,
        "FREEBIT_OEM_KEY": freebit_seed.OEM_KEY,
        "FREEBIT_FREE_MSISDN": free_sim.msisdn,
        "FREEBIT_FREE_SIM": free_sim.product_number,
    }


def run_scenario(node_clients: Path, sandbox: RunningSandbox, script: str) -> dict[str, Any]:
    """Run `tests/clients/<script>` with Node; its one line of JSON on stdout is what the library observed."""
    finished = subprocess.run(
        [_need("node"), script],
        cwd=node_clients,
        env=client_environment(sandbox),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if finished.returncode != 0:
        pytest.fail(f"node {script} failed ({finished.returncode}):\n{finished.stderr[-6000:]}", False)
    observed: dict[str, Any] = json.loads(finished.stdout.strip().splitlines()[-1])
    return observed
