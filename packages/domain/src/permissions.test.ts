import { describe, expect, it } from 'vitest';
import { ROLES } from '@lrt/contracts/constants';
import { capabilitiesOf, defaultUpdateAgency, hasCapability, isClosed, postedAs, progressUpdatePermission, type Principal } from './permissions';

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
  const action = (
    status: 'not_started' | 'in_progress' | 'completed' | 'assured' | 'withdrawn',
    agencyIds = [police],
    subgroupId: number | null = learning,
    completionProposedBy: number | null = null,
  ) => ({ status, agencyIds, subgroupId, completionProposedBy });

  it("lets an agency lead start and propose completion of their agency's action", () => {
    const lead = person(['agency_lead'], { agencyIds: [police] });
    expect(progressUpdatePermission(lead, action('not_started'))).toEqual({
      canPostUpdate: true,
      canComment: false,
      statusChanges: ['in_progress', 'completed'],
      agencyIds: [police],
      canDecideAssurance: false,
      proposedCompletion: false,
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

  it("lets a subgroup chair assure or return what their subgroup oversees, and comment on it, and nothing else", () => {
    const chair = person(['subgroup_chair'], { subgroupIds: [learning] });
    // Signing off is a decision of its own, not a status change of a progress note.
    expect(progressUpdatePermission(chair, action('completed'))).toMatchObject({ statusChanges: [], canDecideAssurance: true });
    expect(progressUpdatePermission(chair, action('in_progress'))).toMatchObject({
      canPostUpdate: false,
      canComment: true,
      statusChanges: [],
      agencyIds: [],
      canDecideAssurance: false,
      canRequestTargetDate: false,
      canDecideTargetDate: true,
    });
    expect(progressUpdatePermission(chair, action('completed', [police], 99))).toMatchObject({ canPostUpdate: false, canComment: false, canDecideAssurance: false });
    expect(progressUpdatePermission(chair, action('in_progress', [police], 99)).canDecideTargetDate).toBe(false);
    expect(progressUpdatePermission(chair, action('completed', [police], null))).toMatchObject({ canPostUpdate: false, canComment: false });
  });

  it("gives a chair's comment no weight as the agency's progress: a chair posts progress only as a lead of one of its agencies", () => {
    const chairAndLead = person(['subgroup_chair', 'agency_lead'], { subgroupIds: [learning], agencyIds: [police] });
    expect(progressUpdatePermission(chairAndLead, action('in_progress'))).toMatchObject({
      canPostUpdate: true,
      canComment: true,
      statusChanges: ['completed'],
      agencyIds: [police],
    });
    const chairOfAnotherAgency = person(['subgroup_chair', 'agency_lead'], { subgroupIds: [learning], agencyIds: [ambulance] });
    expect(progressUpdatePermission(chairOfAnotherAgency, action('in_progress'))).toMatchObject({ canPostUpdate: false, canComment: true, agencyIds: [] });
  });

  it('does not let an agency lead comment: their word on their action is its progress', () => {
    const lead = person(['agency_lead'], { agencyIds: [police] });
    expect(progressUpdatePermission(lead, action('in_progress')).canComment).toBe(false);
  });

  it('takes nothing at all on an assured or withdrawn action, from anyone', () => {
    const people = [
      person(['admin']),
      person(['agency_lead'], { agencyIds: [police] }),
      person(['subgroup_chair'], { subgroupIds: [learning] }),
      person(['subgroup_chair', 'agency_lead'], { subgroupIds: [learning], agencyIds: [police] }),
    ];
    for (const status of ['assured', 'withdrawn'] as const) {
      expect(isClosed(status)).toBe(true);
      for (const who of people) {
        expect(progressUpdatePermission(who, action(status)), `${who.roles.join('+')} on ${status}`).toMatchObject({
          canPostUpdate: false,
          canComment: false,
          statusChanges: [],
          canDecideAssurance: false,
          canRequestTargetDate: false,
          canDecideTargetDate: false,
        });
      }
    }
    expect(['not_started', 'in_progress', 'completed'].map((s) => isClosed(s as 'completed'))).toEqual([false, false, false]);
  });

  it('does not let the person who proposed a completion sign it off, admins included', () => {
    const chair = person(['subgroup_chair', 'agency_lead'], { id: 7, subgroupIds: [learning], agencyIds: [police] });
    const admin = person(['admin'], { id: 8 });
    expect(progressUpdatePermission(chair, action('completed', [police], learning, 7))).toMatchObject({ canDecideAssurance: false, proposedCompletion: true });
    expect(progressUpdatePermission(admin, action('completed', [police], learning, 8))).toMatchObject({ canDecideAssurance: false, proposedCompletion: true });
    // Someone else's proposal, or one whose author is not known: they may sign it off.
    expect(progressUpdatePermission(chair, action('completed', [police], learning, 8))).toMatchObject({ canDecideAssurance: true, proposedCompletion: false });
    expect(progressUpdatePermission(admin, action('completed', [police], learning, null))).toMatchObject({ canDecideAssurance: true, proposedCompletion: false });
    // A lead who proposed it could not sign it off anyway: nothing to explain.
    const lead = person(['agency_lead'], { id: 9, agencyIds: [police] });
    expect(progressUpdatePermission(lead, action('completed', [police], learning, 9))).toMatchObject({ canDecideAssurance: false, proposedCompletion: false });
  });

  it("lets the business unit make any move the workflow allows, speaking for any of the action's agencies, and comment", () => {
    const admin = person(['admin']);
    expect(progressUpdatePermission(admin, action('completed'))).toMatchObject({ statusChanges: ['withdrawn'], canDecideAssurance: true });
    expect(progressUpdatePermission(admin, action('in_progress', [police, ambulance]))).toMatchObject({
      canPostUpdate: true,
      canComment: true,
      agencyIds: [police, ambulance],
      canDecideTargetDate: true,
      canRequestTargetDate: false,
    });
  });

  it('gives the independent chair and viewers nothing', () => {
    for (const role of ['independent_chair', 'viewer'] as const) {
      expect(progressUpdatePermission(person([role], { agencyIds: [police], subgroupIds: [learning] }), action('completed'))).toMatchObject({
        canPostUpdate: false,
        canComment: false,
        canDecideAssurance: false,
        canRequestTargetDate: false,
      });
    }
  });
});

describe('the agency an update speaks for, when its author names none', () => {
  it('is the owner for the business unit posting on its behalf; for a lead, the owner if theirs, else their first; else none', () => {
    expect(defaultUpdateAgency(person(['admin']), [police, ambulance], police)).toBe(police);
    expect(defaultUpdateAgency(person(['admin']), [ambulance, police], police)).toBe(police);
    const lead = person(['agency_lead']);
    expect(defaultUpdateAgency(lead, [police], police)).toBe(police);
    expect(defaultUpdateAgency(lead, [ambulance], police)).toBe(ambulance);
    expect(defaultUpdateAgency(person(['subgroup_chair']), [], police)).toBeNull();
  });
});

describe('who an entry of the history was posted as', () => {
  const lead = person(['agency_lead'], { agencyIds: [police] });
  const admin = person(['admin']);
  const chair = person(['subgroup_chair'], { subgroupIds: [learning] });

  it("tells an agency's own progress from the business unit's on its behalf", () => {
    expect(postedAs(lead, { kind: 'progress', agencyId: police }, learning)).toBe('agency');
    expect(postedAs(admin, { kind: 'progress', agencyId: police }, learning)).toBe('business_unit');
    // An admin who is also one of the agency's people speaks as the agency.
    expect(postedAs(person(['admin'], { agencyIds: [police] }), { kind: 'progress', agencyId: police }, learning)).toBe('agency');
  });

  it("tells the overseeing subgroup chair's comment from the business unit's", () => {
    expect(postedAs(chair, { kind: 'comment', agencyId: null }, learning)).toBe('subgroup_chair');
    expect(postedAs(admin, { kind: 'comment', agencyId: null }, learning)).toBe('business_unit');
    expect(postedAs(person(['admin', 'subgroup_chair'], { subgroupIds: [learning] }), { kind: 'assurance', agencyId: null }, learning)).toBe('subgroup_chair');
  });

  it('is unknown when the author is', () => {
    expect(postedAs(undefined, { kind: 'progress', agencyId: police }, learning)).toBeNull();
    expect(postedAs(person(['viewer']), { kind: 'comment', agencyId: null }, learning)).toBeNull();
  });
});
