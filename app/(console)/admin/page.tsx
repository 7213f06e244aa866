import type { Metadata } from "next";
import Link from "next/link";
import { CreateApiKeyForm } from "@/components/admin/create-api-key-form";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { RevokeApiKeyButton } from "@/components/admin/revoke-api-key-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
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
        <table className="mb-6 w-full text-left text-sm">
          <thead className="text-xs text-fg-muted">
            <tr>
              <th className="py-1 font-medium">Email</th>
              <th className="py-1 font-medium">Name</th>
              <th className="py-1 font-medium">Role</th>
              <th className="py-1 font-medium">Created</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} className="border-t border-border">
                <td className="py-2">{user.email}</td>
                <td className="py-2">{user.name ?? "—"}</td>
                <td className="py-2">
                  {ROLE_LABELS[user.role]} {user.disabledAt ? <Badge>disabled</Badge> : null}
                </td>
                <td className="py-2 text-fg-muted">
                  <LocalTime iso={user.createdAt.toISOString()} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3 className="mb-2 text-sm font-semibold">Add user</h3>
        <CreateUserForm />
      </Card>

      <Card>
        <CardTitle>API keys</CardTitle>
        <p className="mb-3 text-sm text-fg-muted">
          For scripts calling <code className="font-mono">/api/v1</code> with <code className="font-mono">Authorization: Bearer ick_…</code>. Only a hash is stored.
        </p>
        {keys.length ? (
          <table className="mb-6 w-full text-left text-sm">
            <thead className="text-xs text-fg-muted">
              <tr>
                <th className="py-1 font-medium">Name</th>
                <th className="py-1 font-medium">Key</th>
                <th className="py-1 font-medium">Role</th>
                <th className="py-1 font-medium">Last used</th>
                <th className="py-1 font-medium">State</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => {
                const state = key.revokedAt ? "revoked" : key.expiresAt && key.expiresAt <= now ? "expired" : "active";
                return (
                  <tr key={key.id} className="border-t border-border">
                    <td className="py-2">{key.name}</td>
                    <td className="py-2 font-mono text-xs">ick_{key.prefix}_…</td>
                    <td className="py-2">{key.role}</td>
                    <td className="py-2 text-fg-muted">{key.lastUsedAt ? <LocalTime iso={key.lastUsedAt.toISOString()} /> : "never"}</td>
                    <td className="py-2">
                      <Badge>{state}</Badge>
                    </td>
                    <td className="py-2 text-right">{state === "active" ? <RevokeApiKeyButton id={key.id} name={key.name} prefix={key.prefix} /> : null}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
        <CreateApiKeyForm />
      </Card>
    </div>
  );
}
