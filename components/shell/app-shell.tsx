import type { ReactNode } from "react";
import { can, ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { consoleConfig } from "@/lib/config/console-config";
import { PROCEDURES } from "@/lib/runbooks/procedures";
import { CommandPalette } from "./command-palette";
import { MobileNav } from "./mobile-nav";
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
  // The navigation and who is signed in: in the side bar from md up, behind the menu button below it.
  const navigation = (
    <>
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
    </>
  );
  return (
    <div className="flex min-h-screen">
      <a
        href="#main"
        className="sr-only rounded-md bg-surface-raised px-3 py-2 text-sm font-medium focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50"
      >
        Skip to content
      </a>
      <aside className="sticky top-0 hidden h-screen w-56 shrink-0 flex-col border-r border-border bg-surface-raised px-3 py-4 md:flex">
        <a href="/" className="mb-6 px-3">
          <span className="block text-sm font-bold tracking-tight">254Carbon</span>
          <span className="block text-xs text-fg-muted">Incident Console</span>
        </a>
        {navigation}
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-10 flex items-center gap-2 border-b border-border bg-surface/90 px-4 py-2 backdrop-blur md:gap-3 md:px-6">
          <MobileNav>{navigation}</MobileNav>
          <CommandPalette items={items} procedures={procedures} services={services} />
          <div className="ml-auto">
            <ThemeToggle />
          </div>
        </header>
        <main id="main" tabIndex={-1} className="flex-1 px-4 py-4 md:px-6 md:py-6">
          {children}
        </main>
      </div>
    </div>
  );
}
