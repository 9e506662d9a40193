/** The roles, most privileged first. */
export const ROLES = ["admin", "analyst", "manager", "agent", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
