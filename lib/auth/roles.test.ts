import { describe, expect, it } from "vitest";
import { can, isRole, lowestRoleWith, PERMISSIONS, ROLES } from "./roles";

describe("the permission matrix", () => {
  it("lets a viewer read and nothing else", () => {
    expect(PERMISSIONS.filter((permission) => can("viewer", permission))).toEqual(["console:read"]);
  });

  it("follows the runbook's levels: L1 restarts, L2 also scales and sets images, L3 also rolls back releases", () => {
    expect(can("l1", "operation:restart")).toBe(true);
    expect(can("l1", "operation:scale")).toBe(false);
    expect(can("l1", "operation:deploy")).toBe(false);
    expect(can("l2", "operation:scale")).toBe(true);
    expect(can("l2", "operation:deploy")).toBe(true);
    expect(can("l2", "operation:rollback")).toBe(false);
    expect(can("l3", "operation:rollback")).toBe(true);
    expect(can("l3", "operation:scale")).toBe(true);
    for (const role of ["l1", "l2", "l3"] as const) expect(can(role, "incident:write")).toBe(true);
  });

  it("keeps administration to administrators, who may do everything", () => {
    for (const role of ROLES.filter((role) => role !== "admin")) expect(can(role, "admin:users")).toBe(false);
    expect(PERMISSIONS.every((permission) => can("admin", permission))).toBe(true);
  });

  it("names the lowest role that has a permission", () => {
    expect(lowestRoleWith("incident:write")).toBe("l1");
    expect(lowestRoleWith("operation:deploy")).toBe("l2");
    expect(lowestRoleWith("operation:rollback")).toBe("l3");
    expect(lowestRoleWith("admin:audit")).toBe("admin");
  });

  it("recognises roles", () => {
    expect(isRole("l2")).toBe(true);
    expect(isRole("root")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
