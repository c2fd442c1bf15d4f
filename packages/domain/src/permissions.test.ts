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
    expect(progressUpdatePermission(lead, action('not_started'))).toEqual({
      canPostUpdate: true,
      statusChanges: ['in_progress', 'completed'],
      agencyIds: [police],
      canDecideAssurance: false,
      canRequestTargetDate: true,
      canDecideTargetDate: false,
    });
    expect(progressUpdatePermission(lead, action('in_progress')).statusChanges).toEqual(['completed']);
  });

  it('does not let an agency lead withdraw, assure, return or decide a new target date', () => {
    const lead = person(['agency_lead'], { agencyIds: [police] });
    expect(progressUpdatePermission(lead, action('completed'))).toMatchObject({ canPostUpdate: true, statusChanges: [], agencyIds: [police], canDecideAssurance: false });
    // A closed action's target date no longer matters.
    expect(progressUpdatePermission(lead, action('completed')).canRequestTargetDate).toBe(false);
  });

  it("gives an agency lead nothing on another agency's action", () => {
    const lead = person(['agency_lead'], { agencyIds: [ambulance] });
    expect(progressUpdatePermission(lead, action('in_progress'))).toMatchObject({ canPostUpdate: false, statusChanges: [], agencyIds: [], canRequestTargetDate: false });
  });

  it('lets a partner agency of a multi-agency action post, speaking for itself only', () => {
    const lead = person(['agency_lead'], { agencyIds: [ambulance] });
    expect(progressUpdatePermission(lead, action('in_progress', [police, ambulance]))).toMatchObject({ canPostUpdate: true, agencyIds: [ambulance] });
  });

  it("lets a subgroup chair assure or return what their subgroup oversees, and nothing else", () => {
    const chair = person(['subgroup_chair'], { subgroupIds: [learning] });
    // Signing off is a decision of its own, not a status change of a progress note.
    expect(progressUpdatePermission(chair, action('completed'))).toMatchObject({ statusChanges: [], canDecideAssurance: true });
    expect(progressUpdatePermission(chair, action('in_progress'))).toMatchObject({
      canPostUpdate: true,
      statusChanges: [],
      agencyIds: [],
      canDecideAssurance: false,
      canRequestTargetDate: false,
      canDecideTargetDate: true,
    });
    expect(progressUpdatePermission(chair, action('completed', [police], 99))).toMatchObject({ canPostUpdate: false, canDecideAssurance: false });
    expect(progressUpdatePermission(chair, action('in_progress', [police], 99)).canDecideTargetDate).toBe(false);
    expect(progressUpdatePermission(chair, action('completed', [police], null)).canPostUpdate).toBe(false);
  });

  it('lets the business unit make any move the workflow allows', () => {
    const admin = person(['admin']);
    expect(progressUpdatePermission(admin, action('completed'))).toMatchObject({ statusChanges: ['withdrawn'], canDecideAssurance: true });
    expect(progressUpdatePermission(admin, action('in_progress'))).toMatchObject({ canDecideTargetDate: true, canRequestTargetDate: false });
    expect(progressUpdatePermission(admin, action('assured'))).toMatchObject({ canPostUpdate: true, statusChanges: [], agencyIds: [police], canDecideAssurance: false });
  });

  it('gives the independent chair and viewers nothing', () => {
    for (const role of ['independent_chair', 'viewer'] as const) {
      expect(progressUpdatePermission(person([role], { agencyIds: [police], subgroupIds: [learning] }), action('completed'))).toMatchObject({
        canPostUpdate: false,
        canDecideAssurance: false,
        canRequestTargetDate: false,
      });
    }
  });
});
