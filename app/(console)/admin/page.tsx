import type { Metadata } from "next";
import Link from "next/link";
import { CreateApiKeyForm } from "@/components/admin/create-api-key-form";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { RevokeApiKeyButton } from "@/components/admin/revoke-api-key-button";
import { UserActions } from "@/components/admin/user-actions";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { Cell, Row, Table } from "@/components/ui/table";
import { LocalTime } from "@/components/ui/local-time";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requirePagePermission("admin:users");
  const db = getDb();
  const [users, keys] = await Promise.all([
    db.user.findMany({ orderBy: { email: "asc" }, select: { id: true, email: true, name: true, role: true, createdAt: true, disabledAt: true } }),
    db.apiKey.findMany({ orderBy: { createdAt: "desc" }, select: { id: true, name: true, prefix: true, role: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true } }),
  ]);
  const now = new Date();
  return (
    <div className="max-w-5xl space-y-6">
      <header className="flex items-end justify-between">
        <div>
          <h1 className="text-2xl font-semibold">Admin</h1>
          <p className="text-sm text-fg-muted">People, API keys and the audit log.</p>
        </div>
        <Link href="/admin/audit" className="text-sm text-accent hover:underline">
          Audit log →
        </Link>
      </header>

      <Card>
        <CardTitle>Users</CardTitle>
        <div className="mb-6 -mx-4">
        <Table head={["Email", "Name", "Role", "Created", ""]}>
            {users.map((user) => (
              <Row key={user.id}>
                <Cell>{user.email}</Cell>
                <Cell>{user.name ?? "—"}</Cell>
                <Cell>
                  {ROLE_LABELS[user.role]} {user.disabledAt ? <Badge>disabled</Badge> : null}
                </Cell>
                <Cell className="text-fg-muted">
                  <LocalTime iso={user.createdAt.toISOString()} />
                </Cell>
                <Cell>
                  <UserActions email={user.email} role={user.role} disabled={Boolean(user.disabledAt)} />
                </Cell>
              </Row>
            ))}
        </Table>
        </div>
        <h3 className="mb-2 text-sm font-semibold">Add user</h3>
        <CreateUserForm />
      </Card>

      <Card>
        <CardTitle>API keys</CardTitle>
        <p className="mb-3 text-sm text-fg-muted">
          For scripts calling <code className="font-mono">/api/v1</code> with <code className="font-mono">Authorization: Bearer ick_…</code>. Only a hash is stored.
        </p>
        {keys.length ? (
          <div className="mb-6 -mx-4">
          <Table head={["Name", "Key", "Role", "Last used", "State", ""]}>
              {keys.map((key) => {
                const state = key.revokedAt ? "revoked" : key.expiresAt && key.expiresAt <= now ? "expired" : "active";
                return (
                  <Row key={key.id}>
                    <Cell>{key.name}</Cell>
                    <Cell className="font-mono text-xs">ick_{key.prefix}_…</Cell>
                    <Cell>{key.role}</Cell>
                    <Cell className="text-fg-muted">{key.lastUsedAt ? <LocalTime iso={key.lastUsedAt.toISOString()} /> : "never"}</Cell>
                    <Cell>
                      <Badge>{state}</Badge>
                    </Cell>
                    <Cell className="text-right">{state === "active" ? <RevokeApiKeyButton id={key.id} name={key.name} prefix={key.prefix} /> : null}</Cell>
                  </Row>
                );
              })}
          </Table>
          </div>
        ) : null}
        <CreateApiKeyForm />
      </Card>
    </div>
  );
}
