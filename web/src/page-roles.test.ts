import { describe, expect, it } from "vitest";
import { ACCESS } from "../../src/auth/access-rules.ts";
import { ROLES } from "../../src/auth/roles.ts";
import { PAGE_ROLES } from "./page-roles.ts";

describe("the roles each page is shown to", () => {
  it("are the API's own access rules", () => {
    expect(PAGE_ROLES.everyone).toEqual(ROLES);
    expect(PAGE_ROLES.aggregates).toEqual(ACCESS.readAggregates);
    expect(PAGE_ROLES.customerText).toEqual(ACCESS.readCustomerText);
    expect(PAGE_ROLES.writeRecords).toEqual(ACCESS.writeRecords);
    expect(PAGE_ROLES.editTaxonomy).toEqual(ACCESS.editTaxonomy);
    expect(PAGE_ROLES.manageUsers).toEqual(ACCESS.manageUsers);
    expect(PAGE_ROLES.handleCases).toEqual(ACCESS.handleCases);
    expect(PAGE_ROLES.readCoaching).toEqual(ACCESS.readCoaching);
    expect(PAGE_ROLES.runCoaching).toEqual(ACCESS.runCoaching);
    expect(PAGE_ROLES.readInitiatives).toEqual(ACCESS.readInitiatives);
    expect(PAGE_ROLES.planInitiatives).toEqual(ACCESS.planInitiatives);
    expect(ACCESS.readAudit).toEqual(ACCESS.manageUsers);
  });
});
