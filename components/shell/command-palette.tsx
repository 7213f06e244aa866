"use client";

import { Command } from "cmdk";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useEffect, useState } from "react";
import { Search } from "lucide-react";
import type { NavItem } from "./nav-items";
import { applyTheme } from "./theme-toggle";

export interface PaletteProcedure {
  id: string;
  title: string;
  section: string;
}

/** Ctrl/Cmd-K: jump anywhere, open a service or a runbook procedure, switch theme, sign out. */
export function CommandPalette({ items, procedures, services = [] }: { items: NavItem[]; procedures: PaletteProcedure[]; services?: string[] }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setOpen((value) => !value);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const run = (task: () => void) => {
    setOpen(false);
    task();
  };

  const itemClass = "flex cursor-pointer items-center justify-between rounded px-3 py-2 text-sm aria-selected:bg-surface-sunken";
  const groupClass = "[&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:py-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:text-fg-muted";

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="flex w-full min-w-0 max-w-sm items-center gap-2 whitespace-nowrap rounded-md border border-border bg-surface-sunken px-3 py-1.5 text-sm text-fg-muted hover:text-fg"
      >
        <Search aria-hidden className="size-4" />
        <span className="min-w-0 flex-1 truncate text-left">Search or jump to…</span>
        <kbd className="hidden rounded border border-border px-1.5 font-mono text-xs sm:inline">Ctrl K</kbd>
      </button>
      <Command.Dialog
        open={open}
        onOpenChange={setOpen}
        label="Command palette"
        overlayClassName="fixed inset-0 bg-black/40"
        contentClassName="fixed left-1/2 top-4 w-[min(40rem,calc(100vw-2rem))] sm:top-24 -translate-x-1/2 rounded-lg border border-border bg-surface-raised text-fg shadow-2xl"
      >
        <Command.Input placeholder="Type a page, a runbook procedure or an action…" className="w-full border-b border-border bg-transparent px-4 py-3 text-sm outline-none" />
        <Command.List className="max-h-[min(24rem,60dvh)] overflow-y-auto p-2">
          <Command.Empty className="px-3 py-6 text-center text-sm text-fg-muted">Nothing matches.</Command.Empty>
          <Command.Group heading="Go to" className={groupClass}>
            {items.map((item) => (
              <Command.Item key={item.href} value={`go ${item.label}`} onSelect={() => run(() => router.push(item.href))} className={itemClass}>
                {item.label}
              </Command.Item>
            ))}
          </Command.Group>
          <Command.Group heading="Services" className={groupClass}>
            {services.map((service) => (
              <Command.Item key={service} value={`service ${service}`} onSelect={() => run(() => router.push(`/services/${service}`))} className={itemClass}>
                {service}
              </Command.Item>
            ))}
          </Command.Group>
          <Command.Group heading="Runbook procedures" className={groupClass}>
            {procedures.map((procedure) => (
              <Command.Item
                key={procedure.id}
                value={`runbook ${procedure.title} ${procedure.section}`}
                onSelect={() => run(() => router.push(`/runbooks/${procedure.id}`))}
                className={itemClass}
              >
                <span>{procedure.title}</span>
                <span className="text-xs text-fg-muted">{procedure.section}</span>
              </Command.Item>
            ))}
          </Command.Group>
          <Command.Group heading="Actions" className={groupClass}>
            <Command.Item value="theme dark" onSelect={() => run(() => applyTheme("dark"))} className={itemClass}>
              Switch to dark theme
            </Command.Item>
            <Command.Item value="theme light" onSelect={() => run(() => applyTheme("light"))} className={itemClass}>
              Switch to light theme
            </Command.Item>
            <Command.Item value="theme automatic night" onSelect={() => run(() => applyTheme("auto"))} className={itemClass}>
              Automatic theme (dark at night)
            </Command.Item>
            <Command.Item value="sign out" onSelect={() => run(() => void signOut({ callbackUrl: "/signin" }))} className={itemClass}>
              Sign out
            </Command.Item>
          </Command.Group>
        </Command.List>
      </Command.Dialog>
    </>
  );
}
