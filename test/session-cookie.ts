/**
 * A signed-in session the way a browser holds it: next-auth's credentials callback with its
 * CSRF token. For scripts and tests that talk HTTP to a running console (the RBAC matrix, the
 * lab's fault matrix, the load soak).
 */
export async function sessionCookie(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const jar = csrf.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  await response.text();
  const session = response.headers.getSetCookie().find((line) => line.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in of ${email} failed (${response.status})`);
  return session.split(";")[0]!;
}
