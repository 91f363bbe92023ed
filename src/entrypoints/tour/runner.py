from __future__ import annotations

import httpx

from entrypoints.tour.browser import Browser, TourStepError
from entrypoints.tour.sandbox_control import SandboxControl
from entrypoints.tour.steps import STEPS, Step, TourContext
from sandbox.runner import SandboxAddresses


def _built(step: Step, paths: dict[str, dict[str, object]]) -> bool:
    return all(method in paths.get(path, {}) for method, path in step.needs)


async def run_tour(api_url: str, sandbox: SandboxAddresses, *, ca_bundle: str) -> int:
    """Walk every journey; 0 when every built step that can run here succeeded, 1 otherwise."""
    async with httpx.AsyncClient(timeout=10) as client:
        paths = (await client.get(f"{api_url}/schema/openapi.json")).json()["paths"]
    browser, control = Browser(api_url), SandboxControl(sandbox, ca_bundle)
    context = TourContext(browser, control, {})
    results: list[tuple[str, str]] = []
    try:
        for number, step in enumerate(STEPS, start=1):
            print(f"\n[{number}/{len(STEPS)}] {step.title}", flush=True)
            if not _built(step, paths):
                print("    not built yet", flush=True)
                results.append((step.title, "not built yet"))
                continue
            try:
                reason = await step.unavailable(context) if step.unavailable else None
                if reason:
                    print(f"    skipped: {reason}", flush=True)
                    results.append((step.title, "skipped"))
                    continue
                summary = await step.run(context)
            except (TourStepError, httpx.HTTPError, KeyError, TypeError, TimeoutError) as error:
                print(f"    FAILED: {error}", flush=True)
                results.append((step.title, "FAILED"))
                continue
            print(f"    ok: {summary}", flush=True)
            results.append((step.title, "ok"))
    finally:
        await browser.aclose()
        await control.aclose()
    print("\nTour summary:", flush=True)
    for title, outcome in results:
        print(f"  {outcome:<14} {title}", flush=True)
    return 1 if any(outcome == "FAILED" for _, outcome in results) else 0
