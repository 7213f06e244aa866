import type pg from "pg";

/**
 * The audit log is append-only by a trigger, but a table's owner can TRUNCATE it or drop the
 * trigger. So with a real PostgreSQL the console should not run as the owner: migrations run
 * as the owner (DATABASE_MIGRATION_URL) and the console connects as another role
 * (DATABASE_URL), which gets exactly what it needs, after every migration (new tables):
 * reading and writing its tables, only SELECT and INSERT on "AuditLog", reading the
 * migrations table (readiness), and using the sequences. It owns nothing, so it can neither
 * TRUNCATE nor ALTER (drop triggers on) any table.
 *
 * Returns the problem when the role may not be used that way, else null.
 */
export async function grantConsoleRole(owner: pg.Client, role: string): Promise<string | null> {
  const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const { rows } = await owner.query<{ owner: string; superuser: boolean | null }>(
    `SELECT t.tableowner AS owner, (SELECT rolsuper FROM pg_roles WHERE rolname = $1) AS superuser
       FROM pg_tables t WHERE t.schemaname = 'public' AND t.tablename = 'AuditLog'`,
    [role],
  );
  const table = rows[0];
  if (!table) return "the AuditLog table does not exist yet: apply the migrations first";
  if (table.superuser === null) return `the role ${role} (the user in DATABASE_URL) does not exist`;
  if (table.owner === role) return `the role ${role} owns the tables; DATABASE_URL must name another role than DATABASE_MIGRATION_URL`;
  if (table.superuser) return `the role ${role} is a superuser, which can do anything to the audit log; use an ordinary role`;
  const grantee = ident(role);
  await owner.query(`GRANT USAGE ON SCHEMA public TO ${grantee}`);
  await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${grantee}`);
  await owner.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "AuditLog" FROM ${grantee}`);
  await owner.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "_prisma_migrations" FROM ${grantee}`);
  await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${grantee}`);
  return null;
}
