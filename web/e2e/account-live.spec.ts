// The signed-in customer's own pages in a real browser against the demo stack: the dashboard with its tasks and
// notifications, live updates over Server-Sent Events (the account's stream and one order's), and SIM management.
import { expect, test, type Page } from "@playwright/test";
import {
  approveOrder,
  expectAccessible,
  expectNoStoredSecrets,
  expectProblem,
  freebitCompletesEverything,
  HANAKO,
  logIn,
} from "./support";

test.describe.configure({ mode: "serial" });

const EID = "89049032000001000000012345678903";

function unreadCount(page: Page) {
  return page
    .getByTestId("notifications-link")
    .innerText()
    .then((text) => Number(/(\d+)/.exec(text)?.[1] ?? "0"));
}

test("an eSIM order followed live over SSE; the dashboard hears its notification live; the eSIM moved to a new device", async ({ page }) => {
  const streams: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/events")) streams.push(new URL(r.url()).pathname);
  });
  await logIn(page, HANAKO.email, HANAKO.password);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("tasks").locator('[data-type="INVOICE_OVERDUE"]')).toContainText("overdue");
  await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  await expect(page.getByRole("list", { name: "Summary" })).toContainText("Active services");
  await expectAccessible(page);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
  await page.getByRole("link", { name: "Order a service" }).last().click();
  await page.getByRole("radio", { name: "eSIM", exact: true }).check();
  await page.getByLabel("EID").fill(EID);
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9]+$/);
  const orderId = page.url().split("/").pop() ?? "";
  await expect(page.getByRole("status")).toContainText("live: this page updates by itself");
  expect(streams).toContain(`/api/orders/${orderId}/events`);
  await approveOrder(orderId);
  // Nothing asks for the order again until its stream says it changed: the status moves on by itself.
  await expect(page.getByTestId("order-status")).toHaveText("Activating", { timeout: 30_000 });

  // To the dashboard by the page's own links (no reload: the marker survives), then the activation finishes.
  await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  const before = await unreadCount(page);
  expect(streams).toContain("/api/account/events");
  const activated = page.getByRole("list", { name: "Notifications" }).locator('[data-kind="order.activated"]');
  // The activation is asked of Freebit a moment after the order shows Activating: finish it once it is there.
  await expect
    .poll(
      async () => {
        await freebitCompletesEverything();
        return activated.count();
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toBe(1);
  await expect.poll(() => unreadCount(page)).toBeGreaterThan(before);
  expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);

  // Mark it read: the header's count follows; then everything.
  const count = await unreadCount(page);
  await activated.getByRole("button", { name: /^Mark as read/ }).click();
  await expect.poll(() => unreadCount(page)).toBe(count - 1);
  await page.getByTestId("notifications-link").click();
  await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect.poll(() => unreadCount(page)).toBe(0);
  await expect(page.getByRole("button", { name: "Mark all as read" })).toHaveCount(0);
  await expectNoStoredSecrets(page);

  // The new eSIM is moved to another device; an EID that is not 32 digits is told at once, before any request.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Subscriptions" }).click();
  await page.getByRole("link", { name: /^SIM 3GB Data only/ }).first().click();
  await expect(page.getByRole("heading", { name: /^SIM 0\d+/ })).toBeVisible();
  await expect(page.getByText("This is a data-only plan")).toBeVisible();
  // A plan change waits for the first of next month and can be cancelled until then (one Idempotency-Key each).
  await page.getByLabel("New plan, from the first of next month").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Change plan" }).click();
  await expect(page.getByTestId("plan-change")).toHaveAttribute("data-state", "scheduled");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Cancel the plan change" }).click();
  await expect(page.getByTestId("plan-change")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Change plan" })).toBeVisible();
  await page.getByLabel("New device's EID").fill("8904903200000100000001234567890"); // 31 digits
  await page.getByRole("button", { name: "Send a new eSIM profile" }).click();
  await expect(page.getByTestId("eid-invalid")).toBeVisible();
  await expect(page.getByLabel("New device's EID")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("New device's EID").fill("89049032000001000000012345678904");
  await page.getByRole("button", { name: "Send a new eSIM profile" }).click();
  await expect(page.getByText("A new eSIM profile is on its way")).toBeVisible();
  await expect(page.getByTestId("pending-changes")).toContainText("eSIM reissue");
  await expectAccessible(page);
});

test("SIM management: usage with its freshness, a top-up followed step by step, voice options, network type", async ({
  page,
}) => {
  await logIn(page, HANAKO.email, HANAKO.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Subscriptions" }).click();
  await page.getByRole("link", { name: /^SIM 10GB Voice/ }).click();
  await expect(page.getByRole("heading", { name: /^SIM 0\d+/ })).toBeVisible();
  await expect(page.getByTestId("usage-freshness")).toContainText("up to 2 minutes old");
  const remaining = async () => Number.parseFloat(await page.getByTestId("remaining").innerText());
  const before = await remaining();
  await expectAccessible(page);

  const keys: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/top-ups")) keys.push(r.headers()["idempotency-key"] ?? "");
  });
  await page.getByLabel("Amount").selectOption({ label: "1 GB — ¥500" });
  await page.getByRole("button", { name: "Buy data" }).click();
  const topUp = page.getByTestId("top-up");
  await expect(topUp).toHaveAttribute("data-state", "completed", { timeout: 20_000 });
  await expect(topUp.getByRole("status")).toContainText("Done: 1 GB added");
  await expect(topUp.getByRole("listitem").filter({ hasText: "Paid" })).toHaveClass("done");
  await expect.poll(remaining).toBeCloseTo(before + 1, 0);
  await expectAccessible(page);

  // Voice options are asynchronous upstream: pending until applied, and the line takes one change at a time.
  await page.getByLabel("International roaming").check();
  await page.getByRole("button", { name: "Save voice options" }).click();
  await expect(page.getByTestId("pending-changes")).toContainText("Voice options change");
  await page.getByRole("button", { name: /^Switch to 5G/ }).click();
  await expectProblem(page, "SIM_CHANGE_IN_PROGRESS");
  await freebitCompletesEverything();
  await page.getByRole("button", { name: /^Switch to 5G/ }).click();
  await expect(page.getByTestId("pending-changes")).toContainText("Network type change");

  // A top-up while the network switch locks the line: paid, then told why it waits (it is retried until free).
  await page.getByLabel("Amount").selectOption({ label: "2 GB — ¥1,000" });
  await page.getByRole("button", { name: "Buy data" }).click();
  await expect(topUp).toHaveAttribute("data-step", "paid", { timeout: 20_000 });
  await expect(topUp).toHaveAttribute("data-state", "pending");
  await expect(topUp.getByRole("status")).toContainText("Another change is running on this line");
  expect(keys).toHaveLength(2);
  expect(new Set(keys).size).toBe(2); // one key per submission
  await expectAccessible(page);
  await expectNoStoredSecrets(page);
});

test("an Internet line's cancellation at a month-end, then withdrawn before its cut-off", async ({ page }) => {
  await logIn(page, HANAKO.email, HANAKO.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Subscriptions" }).click();
  await page.getByRole("link", { name: /^Cancel Home 1G/ }).click();
  await expect(page.getByRole("heading", { name: "Cancel a service" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Last day of the service" })).toContainText("the earliest");
  await expectAccessible(page);
  await page.getByLabel("Please collect the rented equipment").check();
  await page.getByRole("button", { name: "Request cancellation" }).click();
  await expect(page.getByTestId("cancellation")).toHaveAttribute("data-state", "scheduled");
  await expectAccessible(page);
  await page.getByRole("button", { name: /^Keep my service/ }).click();
  await expect(page.getByTestId("cancellation")).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByRole("button", { name: "Request cancellation" })).toBeVisible();
});
