import { describe, expect, it } from 'vitest';
import { ROLES } from '@lrt/contracts/constants';
import { capabilitiesOf, hasCapability, progressUpdatePermission, type Principal } from './permissions';

const person = (roles: Principal['roles'], extra: Partial<Principal> = {}): Principal => ({
  id: 1,
  name: 'A person',
  roles,
  agencyIds: [],
  subgroupIds: [],
  ...extra,
});
const police = 1;
const ambulance = 2;
const learning = 10;

describe('capabilities by role', () => {
  it('lets every role read', () => {
    for (const role of ROLES) expect(hasCapability(person([role]), 'read')).toBe(true);
  });

  it('lets only admins change plans, reference data, settings and users', () => {
    for (const role of ROLES) {
      const c = capabilitiesOf(person([role]));
      const admin = role === 'admin';
      expect([c.managePlans, c.manageReferenceData, c.manageSettings, c.manageUsers]).toEqual([admin, admin, admin, admin]);
    }
  });

  it('lets admins and the independent chair read the audit trail', () => {
    expect(ROLES.filter((role) => capabilitiesOf(person([role])).readAudit)).toEqual(['admin', 'independent_chair']);
  });

  it('adds up the capabilities of several roles', () => {
    expect(capabilitiesOf(person(['viewer', 'subgroup_chair'])).assureActions).toBe(true);
  });
});

describe('progress updates on an action', () => {
  const action = (status: 'not_started' | 'in_progress' | 'completed' | 'assured' | 'withdrawn', agencyIds = [police], subgroupId: number | null = learning) => ({
    status,
    agencyIds,
    subgroupId,
  });

  it("lets an agency lead start and propose completion of their agency's action", () => {
    const lead = person(['agency_lead'], { agencyIds: [police] });
    expect(progressUpdatePermission(lead, action('not_started'))).toEqual({ canPostUpdate: true, statusChanges: ['in_progress', 'completed'], agencyIds: [police] });
    expect(progressUpdatePermission(lead, action('in_progress')).statusChanges).toEqual(['completed']);
  });

  it('does not let an agency lead withdraw, assure or return', () => {
    const lead = person(['agency_lead'], { agencyIds: [police] });
    expect(progressUpdatePermission(lead, action('completed'))).toEqual({ canPostUpdate: true, statusChanges: [], agencyIds: [police] });
  });

  it("gives an agency lead nothing on another agency's action", () => {
    const lead = person(['agency_lead'], { agencyIds: [ambulance] });
    expect(progressUpdatePermission(lead, action('in_progress'))).toEqual({ canPostUpdate: false, statusChanges: [], agencyIds: [] });
  });

  it('lets a partner agency of a multi-agency action post, speaking for itself only', () => {
    const lead = person(['agency_lead'], { agencyIds: [ambulance] });
    expect(progressUpdatePermission(lead, action('in_progress', [police, ambulance]))).toMatchObject({ canPostUpdate: true, agencyIds: [ambulance] });
  });

  it("lets a subgroup chair assure or return what their subgroup oversees, and nothing else", () => {
    const chair = person(['subgroup_chair'], { subgroupIds: [learning] });
    expect(progressUpdatePermission(chair, action('completed')).statusChanges).toEqual(['assured', 'in_progress']);
    expect(progressUpdatePermission(chair, action('in_progress'))).toEqual({ canPostUpdate: true, statusChanges: [], agencyIds: [] });
    expect(progressUpdatePermission(chair, action('completed', [police], 99)).canPostUpdate).toBe(false);
    expect(progressUpdatePermission(chair, action('completed', [police], null)).canPostUpdate).toBe(false);
  });

  it('lets the business unit make any move the workflow allows', () => {
    const admin = person(['admin']);
    expect(progressUpdatePermission(admin, action('completed')).statusChanges).toEqual(['assured', 'in_progress', 'withdrawn']);
    expect(progressUpdatePermission(admin, action('assured'))).toEqual({ canPostUpdate: true, statusChanges: [], agencyIds: [police] });
  });

  it('gives the independent chair and viewers nothing', () => {
    for (const role of ['independent_chair', 'viewer'] as const) {
      expect(progressUpdatePermission(person([role], { agencyIds: [police], subgroupIds: [learning] }), action('completed')).canPostUpdate).toBe(false);
    }
  });
});
