"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { Activity, BookOpen, Shield, Siren } from "lucide-react";
import type { NavItem } from "./nav-items";

const ICONS: Record<string, typeof Activity> = { "/": Activity, "/incidents": Siren, "/runbooks": BookOpen, "/admin": Shield };

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-1">
      {items.map((item) => {
        const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        const Icon = ICONS[item.href] ?? Activity;
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`flex items-center gap-2 rounded-md px-3 py-2 text-sm coarse:min-h-11 ${
              active ? "bg-surface-sunken font-semibold text-fg" : "text-fg-muted hover:bg-surface-sunken hover:text-fg"
            }`}
          >
            <Icon aria-hidden className="size-4" />
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
