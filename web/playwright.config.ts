// Browser tests against a running demo stack (tests/e2e/web starts one and runs these): Debian's Chromium, never a
// downloaded browser. PORTAL_WEB_URL is the frontend's address (nginx with the shipped edge configuration).
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "e2e",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: process.env["PORTAL_WEB_ARTIFACTS"] ?? "test-results",
  use: {
    baseURL: process.env["PORTAL_WEB_URL"] ?? "http://127.0.0.1:8080",
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: {
      executablePath: process.env["PORTAL_CHROMIUM"] ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
