import type { ReactNode } from "react";
import { can, ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { consoleConfig } from "@/lib/config/console-config";
import { PROCEDURES } from "@/lib/runbooks/procedures";
import { CommandPalette } from "./command-palette";
import { NAV_ITEMS } from "./nav-items";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";
import { ThemeToggle } from "./theme-toggle";

export interface ShellUser {
  email: string;
  name: string | null;
  role: Role;
}

export function AppShell({ user, children }: { user: ShellUser; children: ReactNode }) {
  const items = NAV_ITEMS.filter((item) => can(user.role, item.permission));
  const procedures = PROCEDURES.map(({ id, title, section }) => ({ id, title, section }));
  const services = consoleConfig().services.map((service) => service.name);
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 flex h-screen w-56 shrink-0 flex-col border-r border-border bg-surface-raised px-3 py-4">
        <a href="/" className="mb-6 px-3">
          <span className="block text-sm font-bold tracking-tight">254Carbon</span>
          <span className="block text-xs text-fg-muted">Incident Console</span>
        </a>
        <NavLinks items={items} />
        <div className="mt-auto space-y-2 border-t border-border pt-3">
          <div className="px-2" data-testid="current-user">
            <p className="truncate text-sm font-medium">{user.name ?? user.email}</p>
            <p className="truncate text-xs text-fg-muted">{user.email}</p>
            <p className="mt-1 text-xs text-fg-muted" data-testid="current-role">
              {ROLE_LABELS[user.role]}
            </p>
          </div>
          <SignOutButton />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-10 flex items-center gap-3 border-b border-border bg-surface/90 px-6 py-2 backdrop-blur">
          <CommandPalette items={items} procedures={procedures} services={services} />
          <div className="ml-auto">
            <ThemeToggle />
          </div>
        </header>
        <main className="flex-1 px-6 py-6">{children}</main>
      </div>
    </div>
  );
}
