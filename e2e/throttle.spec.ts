import { expect, test } from "@playwright/test";
import http from "node:http";
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

/** One sign-in attempt over a socket from `localAddress` (another loopback address than the journeys'). */
function attempt(options: { localAddress: string; forwardedFor: string; email: string }): Promise<string> {
  const request = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const req = http.request(
        { host: "127.0.0.1", port: 3100, method, path, localAddress: options.localAddress, headers: { ...headers, "x-forwarded-for": options.forwardedFor } },
        (response) => {
          let text = "";
          response.on("data", (chunk) => (text += chunk));
          response.on("end", () => resolve({ headers: response.headers, body: text }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  return (async () => {
    const csrf = await request("GET", "/api/auth/csrf", {});
    const cookie = (csrf.headers["set-cookie"] ?? []).map((line) => line.split(";")[0]).join("; ");
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const form = new URLSearchParams({ csrfToken, email: options.email, password: "sprayed-password" }).toString();
    const result = await request("POST", "/api/auth/callback/credentials", {
      cookie,
      "content-type": "application/x-www-form-urlencoded",
    }, form);
    return String(result.headers.location ?? "");
  })();
}

test("a sprayer who changes X-Forwarded-For on every attempt is still throttled by its real address", async () => {
  const outcomes: string[] = [];
  for (let i = 0; i < 11; i++) {
    outcomes.push(await attempt({ localAddress: "127.0.0.2", forwardedFor: `203.0.113.${i + 1}`, email: `spray-${i}@254carbon.com` }));
  }
  expect(outcomes.slice(0, 10).every((location) => location.includes("error=CredentialsSignin"))).toBe(true);
  expect(outcomes[10]).toContain("error=Throttled");
});
