import { expect, test } from "@playwright/test";
import { lab, signIn } from "./support";

/**
 * Progress in the browser while a long step runs against the lab. The lab's own checks answer
 * in milliseconds (its logs are short: a scan takes 15–70 ms, done before a step is even
 * claimed), so the long step is a real one made long by a real fault: with `pg-locks` holding
 * the API keys table, Authentication Failures' "Verify the fix" re-runs its three checks —
 * the certificate, the mTLS log scan (kubernetes.logs filtered on "TLS") and the API key
 * lookup, which waits on the lock until its statement timeout. The step view shows how many
 * checks are done while the lookup waits, then the result: what it showed is recorded as it
 * changed, so the order is checked, not only the end.
 */
test.afterEach(async () => {
  await lab(["heal"]);
});

test("a long step shows its progress in the step view before its result", async ({ page }) => {
  await lab(["fault", "pg-locks"]);
  await signIn(page);
  const declared = await page.request.post("/api/v1/incidents", {
    headers: { Origin: new URL(page.url()).origin },
    data: { title: "Desk A gets 503s: API key lookups hang", severity: "SEV2", services: ["normalization-service"] },
  });
  expect(declared.status()).toBe(201);
  const { id } = (await declared.json()) as { id: string };

  await page.goto(`/incidents/${id}`);
  const panel = page.getByTestId("diagnosis-panel");
  await panel.getByLabel("Procedure").selectOption("authentication-failures");
  await panel.getByTestId("start-run").click();
  const view = page.getByTestId("step-view");
  await expect(view).toHaveAttribute("data-step", "check-api-key-status");

  // Off the suggested path, straight to the step that re-runs every check.
  await page.getByTestId("run-map").getByRole("button", { name: /Verify the fix/ }).click();
  await expect(view).toHaveAttribute("data-step", "verify");
  await view.getByTestId("off-path-reason").fill("check the keys, the certificate and the TLS logs at once");

  // What the step view shows, each time it changes: its progress line and how many results
  // with a verdict (while the step runs, live viewers' "running…" entry is a result without one).
  await page.evaluate(() => {
    const shown: { progress: string | null; results: number }[] = [];
    (window as unknown as { shown: typeof shown }).shown = shown;
    const look = () => {
      const stepView = document.querySelector('[data-testid="step-view"]');
      const state = { progress: stepView?.querySelector('[data-testid="step-progress"]')?.textContent ?? null, results: stepView?.querySelectorAll('[data-testid="step-result"] [data-verdict]').length ?? 0 };
      const last = shown.at(-1);
      if (!last || last.progress !== state.progress || last.results !== state.results) shown.push(state);
    };
    look();
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await view.getByTestId("run-step").click();

  // The result, with the lookup's timeout in it; the progress line gone.
  const result = view.getByTestId("step-result").first();
  await expect(result.locator("[data-verdict]").first()).toHaveAttribute("data-verdict", "error", { timeout: 20_000 });
  await expect(result.getByTestId("step-summary").first()).toContainText(/check-api-key-status: not run → ERROR \(timeout/);
  await expect(result.getByTestId("step-summary").first()).toContainText(/check-mtls-connections: not run → [A-Z]+/);
  await expect(view.getByTestId("step-progress")).toBeHidden();

  // Before it, while the key lookup waited on the lock: the step running, then the checks done so far, and no result yet.
  const shown = await page.evaluate(() => (window as unknown as { shown: { progress: string | null; results: number }[] }).shown);
  const beforeResult = shown.slice(0, shown.findIndex((state) => state.results > 0));
  expect(beforeResult.map((state) => state.progress)).toContainEqual('running "Verify the fix"');
  expect(beforeResult.map((state) => state.progress)).toContainEqual(expect.stringMatching(/^re-ran [12] of 3 checks \((check-certificate-status|check-mtls-connections): [A-Z]+\)$/));
  expect(shown.at(-1)?.progress).toBeNull();
});
