import { expect, test } from "@playwright/test";
import { ACCOUNTS, cli, signIn, signOut, STATE } from "./support";

test.describe.configure({ mode: "serial" });

test.describe("as the administrator", () => {
  test.use({ storageState: STATE.admin });

  test("adds an on-call engineer from the Admin page, after a rejected attempt that keeps the form", async ({ page }) => {
    await page.goto("/admin");
    const form = page.getByRole("form", { name: "Add user" });
    await form.getByLabel("Email").fill(ACCOUNTS.l1.email);
    await form.getByLabel("Name").fill("Lena L1");
    await form.getByLabel("Role").selectOption("l1");
    await form.getByLabel("Initial password").fill("short");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.getByText("Password must be at least 12 characters.").first()).toBeVisible();
    await expect(form.getByLabel("Email")).toHaveValue(ACCOUNTS.l1.email);

    await form.getByLabel("Initial password").fill(ACCOUNTS.l1.password);
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.getByText(`Created ${ACCOUNTS.l1.email}`)).toBeVisible();
    await expect(page.getByRole("cell", { name: ACCOUNTS.l1.email, exact: true })).toBeVisible();

    // The same email again is refused with a clear reason.
    await form.getByLabel("Email").fill(ACCOUNTS.l1.email.toUpperCase());
    await form.getByLabel("Initial password").fill(ACCOUNTS.l1.password);
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.getByText(`A user with the email ${ACCOUNTS.l1.email} already exists.`)).toBeVisible();
  });
});

test("the CLI adds the other roles (what scripts and newcomers use)", async () => {
  for (const role of ["viewer", "l2", "l3"] as const) {
    const output = await cli(["user", "add", "--email", ACCOUNTS[role].email, "--role", role, "--password-stdin"], ACCOUNTS[role].password);
    expect(output).toContain(`Created ${ACCOUNTS[role].email} (${role}).`);
  }
});

for (const role of ["viewer", "l1", "l2", "l3"] as const) {
  test(`${role} signs in, sees their role, and signs out`, async ({ page }) => {
    await signIn(page, ACCOUNTS[role].email, ACCOUNTS[role].password);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId("current-role")).toHaveText(ACCOUNTS[role].label);
    // Only administrators see Admin in the navigation.
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
    await signOut(page);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
  });
}

test("admin signs in and out with the form too", async ({ page }) => {
  const { ADMIN } = await import("./support");
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByTestId("current-role")).toHaveText("Administrator");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toBeVisible();
  await signOut(page);
});
