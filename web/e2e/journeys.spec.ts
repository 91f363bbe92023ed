// Each journey of the portal walked in a real browser against the demo stack, over the public HTTP contract only.
// Every page visited is checked with axe-core (no serious or critical violations).
import { expect, test } from "@playwright/test";
import { approveOrder, expectAccessible, expectProblem, HANAKO, logIn, resetLinkMailedTo } from "./support";

test.describe.configure({ mode: "serial" });

test("the public catalog is browsed and revalidated with its ETag (304, the copy kept)", async ({ page }) => {
  const conditional: number[] = [];
  page.on("response", (answer) => {
    if (answer.url().includes("/api/public/services") && answer.request().headers()["if-none-match"]) {
      conditional.push(answer.status());
    }
  });
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Our services" })).toBeVisible();
  await expect(page.getByRole("rowheader").first()).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: /SIM and eSIM/ }).click();
  await expect(page.getByRole("table", { name: "SIM plans (monthly)" })).toContainText("SIM 10 GB voice");
  await page.getByRole("link", { name: "Log in" }).first().click();
  await page.getByRole("link", { name: "Services" }).click();
  await expect(page.getByRole("heading", { name: "Fibre Internet" })).toBeVisible();
  await expect(page.getByRole("rowheader").first()).toBeVisible();
  expect(conditional.length).toBeGreaterThan(0);
  expect(conditional.every((status) => status === 304)).toBe(true);
});

test("sign-up with a customer number; a refused one is told in plain words", async ({ page }) => {
  await page.goto("/signup");
  await expectAccessible(page);
  const fill = async (customerNumber: string, email: string) => {
    await page.getByLabel("Customer number").fill(customerNumber);
    await page.getByLabel("Family name").fill("鈴木");
    await page.getByLabel("Given name").fill("優希");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Phone").fill("090-1234-5678");
    await page.getByLabel("Postcode").fill("160-0022");
    await page.getByLabel("Prefecture").fill("東京都");
    await page.getByLabel("City or ward").fill("新宿区");
    await page.getByLabel("Street").fill("新宿3-1-1");
    await page.getByLabel("Password").fill("Sakura-Yuki-2026!");
    await page.getByRole("button", { name: "Create my login" }).click();
  };
  await fill("SH-999999", "nobody@example.jp");
  await expectProblem(page, "CUSTOMER_NUMBER_NOT_FOUND");
  await expectAccessible(page);
  await fill("SH-100003", "yuki.suzuki@example.jp");
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText("yuki.suzuki@example.jp")).toBeVisible();
  // Japanese names and addresses: family name first, postcode first.
  await expect(page.locator("p.name")).toHaveText("鈴木 優希");
  await expect(page.locator("address")).toContainText("〒160-0022 東京都 新宿区");
  await expectAccessible(page);
});

test("a billing login is linked; one with two-factor authentication is refused in plain words", async ({ page }) => {
  await page.goto("/link");
  await expectAccessible(page);
  await page.getByLabel("Billing login email").fill("aiko.ito@example.jp");
  await page.getByLabel("Billing password").fill("Sakura-Aiko-2026");
  await page.getByLabel("New portal password").fill("Sakura-Aiko-2026!");
  await page.getByRole("button", { name: "Link and log in" }).click();
  await expectProblem(page, "TWO_FACTOR_LINKING_UNSUPPORTED");
  await page.getByLabel("Billing login email").fill("kenji.sato@example.jp");
  await page.getByLabel("Billing password").fill("Sakura-Kenji-2026");
  await page.getByLabel("New portal password").fill("Sakura-Kenji-2026!");
  await page.getByRole("button", { name: "Link and log in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText("kenji.sato@example.jp")).toBeVisible();
});

test("log in and out: a wrong password is told plainly; no token is readable by scripts", async ({ page, context }) => {
  await page.goto("/login");
  await expectAccessible(page);
  await page.getByLabel("Email address").fill(HANAKO.email);
  await page.getByLabel("Password").fill("not-her-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expectProblem(page, "INVALID_CREDENTIALS");
  await logIn(page, HANAKO.email, HANAKO.password);
  await expectAccessible(page);
  const storage = await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]);
  expect(storage).toEqual([0, 0, ""]);
  const session = (await context.cookies()).find((c) => c.name.includes("portal_session"));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).not.toBe("None");
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Log in" })).toBeVisible();
  await page.goto("/invoices");
  await expect(page.getByRole("heading", { name: "Please log in" })).toBeVisible();
});

test("invoices with a pay link, and subscriptions", async ({ page }) => {
  await logIn(page, HANAKO.email, HANAKO.password);
  await page.getByRole("link", { name: "Invoices" }).first().click();
  await expect(page.getByRole("table")).toContainText("Overdue");
  await expectAccessible(page);
  await page.getByRole("button", { name: /^Pay invoice/ }).first().click();
  await expect(page.getByRole("link", { name: "continue to payment" })).toHaveAttribute("href", /^http/);
  await page.getByRole("link", { name: "Subscriptions" }).first().click();
  await expect(page.getByText("Active").first()).toBeVisible();
  await expectAccessible(page);
});

test("a support case is opened and answered", async ({ page }) => {
  await logIn(page, HANAKO.email, HANAKO.password);
  await page.goto("/support");
  await expectAccessible(page);
  const subject = `Router light is red ${Date.now()}`;
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Topic").selectOption("Technical");
  await page.getByLabel("What happened?").fill("Since this morning.");
  await page.getByRole("button", { name: "Send to support" }).click();
  await page.getByRole("link", { name: new RegExp(subject) }).click();
  await expect(page.getByRole("heading", { name: /^Case / })).toBeVisible();
  await page.getByLabel("Add a message").fill("It is green again.");
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByText("It is green again.")).toBeVisible();
  await expectAccessible(page);
});

test("an order is placed and seen going live; a customer without a payment method is told how", async ({ page }) => {
  await logIn(page, "sota.yamamoto@example.jp", "Sakura-Sota-2026");
  await page.goto("/order");
  await page.getByLabel("A VPN").check();
  await page.getByRole("button", { name: "Place order" }).click();
  await expectProblem(page, "PAYMENT_METHOD_MISSING");
  await page.getByRole("button", { name: "Log out" }).click();

  await logIn(page, HANAKO.email, HANAKO.password);
  await page.goto("/order");
  await expectAccessible(page);
  const keys: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/api/orders")) keys.push(r.headers()["idempotency-key"] ?? "");
  });
  await page.getByLabel("A VPN").check();
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9]+$/);
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const orderId = page.url().split("/").pop() ?? "";
  await expectAccessible(page);
  await approveOrder(orderId);
  await expect(page.getByTestId("order-status")).toHaveText("Activated", { timeout: 60_000 });
});

test("a forgotten password is reset from the emailed link", async ({ page }) => {
  await page.goto("/reset-password");
  await expectAccessible(page);
  await page.getByLabel("Email address").fill("yuki.suzuki@example.jp");
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status")).toContainText("sent it a link");
  const link = await resetLinkMailedTo("yuki.suzuki@example.jp");
  await page.goto(link.pathname + link.search);
  await page.getByLabel("New password").fill("Sakura-Yuki-2027!");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("status")).toContainText("password is changed");
  await page.goto(link.pathname + link.search);
  await page.getByLabel("New password").fill("Sakura-Yuki-2028!");
  await page.getByRole("button", { name: "Set password" }).click();
  await expectProblem(page, "INVALID_RESET_TOKEN"); // single use
  await logIn(page, "yuki.suzuki@example.jp", "Sakura-Yuki-2027!");
});

test("on a phone the pages fit the screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await logIn(page, HANAKO.email, HANAKO.password);
  for (const path of ["/", "/dashboard", "/notifications", "/account", "/invoices", "/subscriptions", "/sims/2", "/verification", "/support", "/order"]) {
    await page.goto(path);
    await expect(page.locator("h1")).toBeVisible();
    await expect(page.getByText("Loading…")).toHaveCount(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `horizontal scroll on ${path}`).toBeLessThanOrEqual(0);
  }
});
