import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./support";

test("a wrong password gets one clear message that says nothing about the account; guessing is then refused", async ({ page }) => {
  await signIn(page, ACCOUNTS.l3.email, "wrong password");
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await signIn(page, "nobody@254carbon.com", "wrong password");
  await expect(page.getByText("Wrong email or password.")).toBeVisible();

  // Two failures so far from this address; eight more reach the limit of ten a minute.
  for (let attempt = 0; attempt < 8; attempt++) {
    await signIn(page, ACCOUNTS.l3.email, `guess ${attempt}`);
    await expect(page.getByText(/Wrong email or password\.|Too many failed attempts/)).toBeVisible();
  }
  await signIn(page, ACCOUNTS.l3.email, ACCOUNTS.l3.password);
  await expect(page.getByText("Too many failed attempts for this account or from this address.", { exact: false })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});
