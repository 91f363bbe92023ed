import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { PROBLEM_WORDS } from "../src/api/problem-words";

/** No serious or critical axe-core violation on the page as it is now (WCAG 2.1 A/AA rules and best practices). */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(bad, `axe violations on ${page.url()}`).toEqual([]);
}

/** The problem shown to the customer is the plain words for its code, never the API's developer-facing text. */
export async function expectProblem(page: Page, code: string): Promise<void> {
  const alert = page.locator(`[role="alert"][data-code]`).first();
  await expect(alert).toHaveAttribute("data-code", code);
  const words = PROBLEM_WORDS[code];
  expect(words, `words for ${code}`).toBeTruthy();
  await expect(alert).toContainText(words ?? "");
}

export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** Nothing a script could steal: no storage, no readable cookie (the session cookie is HttpOnly). */
export async function expectNoStoredSecrets(page: Page): Promise<void> {
  const storage = await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]);
  expect(storage).toEqual([0, 0, ""]);
}

/** The provisioning emulator finishes every operation it is running now (an eSIM activation, a voice option). */
export async function freebitCompletesEverything(): Promise<void> {
  const freebit = process.env["PORTAL_FREEBIT_URL"] ?? "http://127.0.0.1:8103";
  const answer = await fetch(`${freebit}/_sandbox/complete`, { method: "POST" });
  expect(answer.status).toBe(200);
}

/**
 * The password-reset link in the newest email to `to`, as the customer would find it: from the sandbox's mail
 * catcher when the demo has one (PORTAL_MAIL_URL, its message list), else from the sandbox outbox in Redis.
 */
export async function resetLinkMailedTo(to: string): Promise<URL> {
  const catcher = process.env["PORTAL_MAIL_URL"];
  for (let attempt = 0; attempt < 60; attempt++) {
    const text = catcher
      ? await (await fetch(`${catcher}?to=${encodeURIComponent(to)}`)).text()
      : execFileSync("redis-cli", ["-u", process.env["PORTAL_REDIS_URL"] ?? "", "lrange", "portal:sandbox:{outbox}", "0", "20"], {
          encoding: "utf8",
        });
    const link = /https?:\/\/[^\s"\\]+\/reset-password\?token=[A-Za-z0-9_\-%.=]+/.exec(text);
    if (link && (catcher || text.includes(to))) return new URL(link[0]);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the worker delivers mail a moment later
  }
  throw new Error(`no reset link reached ${to}`);
}

/** An agent approves the order in the CRM emulator, as the back office would. */
export async function approveOrder(orderId: string): Promise<void> {
  const salesforce = process.env["PORTAL_SALESFORCE_URL"] ?? "https://127.0.0.1:8102";
  const answer = await fetch(`${salesforce}/_sandbox/orders/${orderId}/approve`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: "{}",
  });
  expect(answer.status).toBe(200);
}

export const HANAKO = { email: "hanako.tanaka@example.jp", password: "Sakura-Hanako-2026" };

/** The newest get-started code mailed to `to` (the last word of its subject), from the sandbox's mail catcher. */
export async function codeMailedTo(to: string): Promise<string> {
  const catcher = process.env["PORTAL_MAIL_URL"];
  if (!catcher) throw new Error("the get-started journey needs the sandbox's mail catcher (PORTAL_MAIL_URL)");
  for (let attempt = 0; attempt < 60; attempt++) {
    const messages = (await (await fetch(`${catcher}?to=${encodeURIComponent(to)}`)).json()) as {
      id: number;
      subject: string;
    }[];
    const codes = messages.filter((m) => m.subject.startsWith("Your Sakura Hikari code")).sort((a, b) => b.id - a.id);
    const code = codes[0]?.subject.split(" ").pop();
    if (code && /^\d{6}$/.test(code)) return code;
    await new Promise((resolve) => setTimeout(resolve, 500)); // the worker delivers mail a moment later
  }
  throw new Error(`no code reached ${to}`);
}
