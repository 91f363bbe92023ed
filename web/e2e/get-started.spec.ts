// Get started with an email code, in a real browser: the code is read where the sandbox's mail catcher keeps the
// mail the portal sent (as the customer would read it in their mailbox).
import { expect, test } from "@playwright/test";
import { codeMailedTo, expectAccessible, expectNoStoredSecrets, expectProblem, HANAKO } from "./support";

test.describe.configure({ mode: "serial" });

const PNG_1x1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

test("get started: code sent, a wrong one told plainly, the right one, details in Japanese, a customer", async ({
  page,
}) => {
  const email = `haruto.mori.${Date.now()}@example.jp`;
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Get started" }).click();
  await expect(page.getByRole("heading", { name: "Get started" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send me a code" }).click();
  await expect(page.getByRole("status")).toContainText(`six-digit code to ${email}`);
  const code = await codeMailedTo(email);
  await page.getByLabel("Code from the email").fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Check the code" }).click();
  await expectProblem(page, "EMAIL_CODE_WRONG");
  await expectAccessible(page);
  await page.getByLabel("Code from the email").fill(code);
  await page.getByRole("button", { name: "Check the code" }).click();
  await expect(page.getByRole("status")).toContainText(`${email} is confirmed`);
  await page.getByLabel("Family name").fill("森");
  await page.getByLabel("Given name").fill("陽翔");
  await page.getByLabel("Phone").fill("090-5555-1234");
  await page.getByLabel("Postcode").fill("150-0001");
  await page.getByLabel("Prefecture").fill("東京都");
  await page.getByLabel("City or ward").fill("渋谷区");
  await page.getByLabel("Street").fill("神宮前1-2-3");
  await page.getByLabel("Check whether fibre Internet is available").check();
  await page.getByLabel("Password").fill("Sakura-Haruto-2026!");
  await expectAccessible(page);
  await expectNoStoredSecrets(page); // the proof lives in the page's memory only
  await page.getByRole("button", { name: "Become a customer" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account" }).click();
  await expect(page.locator("p.name")).toHaveText("森 陽翔");
  await expect(page.locator("address")).toContainText("〒150-0001 東京都 渋谷区 神宮前1-2-3");

  // The new customer sends their residence card (its bytes are checked by the API, not its name).
  await page.goto("/verification");
  await expect(page.getByTestId("verification-status")).toHaveAttribute("data-status", "Not Submitted");
  await expectAccessible(page);
  const png = { mimeType: "image/png", buffer: Buffer.from(PNG_1x1, "base64") };
  await page.getByLabel("Front side", { exact: true }).setInputFiles({ name: "front.png", ...png });
  await page.getByLabel("Back side", { exact: true }).setInputFiles({ name: "back.png", ...png });
  await page.getByRole("button", { name: "Send my documents" }).click();
  await expect(page.getByTestId("verification-status")).toHaveAttribute("data-status", "Pending");
  await expect(page.getByRole("button", { name: "Send my documents" })).toHaveCount(0);
  await expectAccessible(page);
});

test("get started with an address that already has a login: sent to log in", async ({ page }) => {
  await page.goto("/get-started");
  await page.getByLabel("Email address").fill(HANAKO.email);
  await page.getByRole("button", { name: "Send me a code" }).click();
  await expect(page.getByRole("status")).toContainText("six-digit code");
  await page.getByLabel("Code from the email").fill(await codeMailedTo(HANAKO.email));
  await page.getByRole("button", { name: "Check the code" }).click();
  await expect(page.getByRole("status")).toContainText("already has a portal login");
  await page.getByRole("link", { name: "Log in" }).last().click();
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
});
