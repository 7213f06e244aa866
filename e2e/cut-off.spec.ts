import { expect, test } from "@playwright/test";
import { STATE, cli, signIn } from "./support";

test("an administrator disables someone from the Admin page: their open session is refused at its next request, and enabling lets them back", async ({ browser }) => {
  const email = "leaving.l1@254carbon.com";
  const password = "leaving-password-123";
  await cli(["user", "add", "--email", email, "--role", "l1", "--password-stdin"], password);

  const person = await browser.newPage();
  await signIn(person, email, password);
  await expect(person).toHaveURL(/\/$/);
  await expect(person.getByTestId("current-user")).toContainText(email);

  const admin = await browser.newPage({ storageState: STATE.admin });
  await admin.goto("/admin");
  await admin.getByRole("button", { name: `Disable ${email}` }).click();
  await expect(admin.getByRole("status").filter({ hasText: `${email} is disabled` })).toBeVisible();

  // The session cookie is still there; the server no longer accepts it.
  await person.goto("/incidents");
  await expect(person).toHaveURL(/\/signin/);
  expect((await person.request.get("/api/v1/me")).status()).toBe(401);
  await signIn(person, email, password);
  await expect(person.getByText("Wrong email or password.")).toBeVisible();

  await admin.getByRole("button", { name: `Enable ${email}` }).click();
  await expect(admin.getByRole("status").filter({ hasText: `${email} can sign in again` })).toBeVisible();
  await admin.getByLabel(`Role of ${email}`).selectOption("l2");
  await expect(admin.getByRole("status").filter({ hasText: `${email} is now L2` })).toBeVisible();
  await signIn(person, email, password);
  await expect(person).toHaveURL(/\/$/);
  await expect(person.getByTestId("current-role")).toHaveText("L2 · Senior engineer");
  await admin.close();
  await person.close();
});
