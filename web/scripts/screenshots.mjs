// The README's screenshots, taken from a running demo: `node scripts/screenshots.mjs http://127.0.0.1:8080`
// (Debian's Chromium; writes ../docs/screenshots/*.png). Needs a fresh demo: it places an order as Hanako.
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://127.0.0.1:8080";
const out = new URL("../../docs/screenshots/", import.meta.url).pathname;
const browser = await chromium.launch({
  executablePath: process.env.PORTAL_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const shoot = async (page, name) => {
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `${out}${name}.png`, fullPage: false });
};
const desktop = await browser.newPage({ viewport: { width: 1100, height: 760 } });
await desktop.goto(`${base}/`);
await desktop.getByRole("rowheader").first().waitFor();
await shoot(desktop, "catalog");
await desktop.goto(`${base}/login`);
await desktop.getByLabel("Email address").fill("hanako.tanaka@example.jp");
await desktop.getByLabel("Password").fill("Sakura-Hanako-2026");
await desktop.getByRole("button", { name: "Log in" }).click();
await desktop.locator('[data-testid="live-state"][data-state="live"]').waitFor();
await desktop.getByRole("heading", { name: "Latest notifications" }).waitFor();
await shoot(desktop, "dashboard");
await desktop.goto(`${base}/sims/2`);
await desktop.getByTestId("remaining").waitFor();
await desktop.getByRole("button", { name: "Buy data" }).click();
await desktop.locator('[data-testid="top-up"][data-state="completed"]').waitFor();
await desktop.setViewportSize({ width: 1100, height: 1250 });
await desktop.evaluate(() => window.scrollTo(0, 0));
await shoot(desktop, "sim");
await desktop.setViewportSize({ width: 1100, height: 760 });
await desktop.goto(`${base}/account`);
await desktop.getByText("Contract holder").waitFor();
await shoot(desktop, "account");
await desktop.goto(`${base}/invoices`);
await desktop.getByRole("button", { name: /^Pay/ }).first().click();
await desktop.getByRole("link", { name: "continue to payment" }).waitFor();
await shoot(desktop, "invoices");
await desktop.goto(`${base}/order`);
await desktop.getByRole("button", { name: "Place order" }).waitFor();
await shoot(desktop, "order");
await desktop.goto(`${base}/support`);
await desktop.getByRole("heading", { name: "My cases" }).waitFor();
await shoot(desktop, "support");
const phone = await browser.newPage({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 1 });
await phone.goto(`${base}/signup`);
await phone.getByLabel("Customer number").fill("SH-999999");
await phone.getByLabel("Family name").fill("鈴木");
await phone.getByLabel("Given name").fill("優希");
await phone.getByLabel("Email address").fill("yuki@example.jp");
await phone.getByLabel("Phone").fill("090-1234-5678");
await phone.getByLabel("Postcode").fill("160-0022");
await phone.getByLabel("Prefecture").fill("東京都");
await phone.getByLabel("City or ward").fill("新宿区");
await phone.getByLabel("Street").fill("新宿3-1-1");
await phone.getByLabel("Password").fill("Sakura-Yuki-2026!");
await phone.getByRole("button", { name: "Create my login" }).click();
await phone.locator("[role=alert][data-code]").waitFor();
await phone.evaluate(() => window.scrollTo(0, 0));
await shoot(phone, "phone-signup-problem");
await browser.close();
console.log(`screenshots in ${out}`);
