import type { Permission } from "@/lib/auth/roles";

export interface NavItem {
  href: string;
  label: string;
  /** Shown only to roles with this permission (the server checks again). */
  permission: Permission;
}

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview", permission: "console:read" },
  { href: "/incidents", label: "Incidents", permission: "console:read" },
  { href: "/runbooks", label: "Runbooks", permission: "console:read" },
  { href: "/admin", label: "Admin", permission: "admin:users" },
];
