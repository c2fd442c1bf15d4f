import type { ActionStatus, Capabilities, PostedAs, ProgressUpdateKind, Role } from '@lrt/contracts';
import { STATUS_TRANSITIONS } from './action-status';

/**
 * Who may do what: the one rule table of the product. Routes name the capability they need (see
 * plugins/access.ts); progress updates, which depend on the action, ask `progressUpdatePermission`.
 */
export type Capability = keyof Capabilities | 'read';

export const ROLE_CAPABILITIES: Readonly<Record<Role, readonly Capability[]>> = {
  /** The partnership business unit: everything. */
  admin: ['read', 'managePlans', 'manageReferenceData', 'manageUsers', 'manageSettings', 'readAudit', 'postUpdates', 'assureActions', 'chase'],
  /** Posts updates on, and proposes completion of, their own agency's actions; reads every plan. */
  agency_lead: ['read', 'postUpdates'],
  /** Assures or returns the actions their subgroups oversee. */
  subgroup_chair: ['read', 'postUpdates', 'assureActions', 'chase'],
  /** Reads everything, the audit trail included; changes no plan. */
  independent_chair: ['read', 'readAudit'],
  viewer: ['read'],
};

export interface Principal {
  id: number;
  name: string;
  roles: readonly Role[];
  agencyIds: readonly number[];
  subgroupIds: readonly number[];
}

export const hasCapability = (principal: Principal, capability: Capability) =>
  principal.roles.some((role) => ROLE_CAPABILITIES[role].includes(capability));

export function capabilitiesOf(principal: Principal): Capabilities {
  const has = (c: Capability) => hasCapability(principal, c);
  return {
    managePlans: has('managePlans'),
    manageReferenceData: has('manageReferenceData'),
    manageUsers: has('manageUsers'),
    manageSettings: has('manageSettings'),
    readAudit: has('readAudit'),
    postUpdates: has('postUpdates'),
    assureActions: has('assureActions'),
    chase: has('chase'),
  };
}

export interface ActionScope {
  status: ActionStatus;
  /** The owner and every partner agency. */
  agencyIds: readonly number[];
  subgroupId: number | null;
  /**
   * Who proposed the completion a completed action awaits sign-off on: the user who posted its latest move to
   * completed. Null or left out when not known (a demo or imported history has no user).
   */
  completionProposedBy?: number | null | undefined;
}

export interface UpdatePermission {
  /**
   * May post the agency's progress on this action: a note with a confidence, perhaps moving its status, which
   * restarts its staleness clock and sets its BRAG. A lead of one of its agencies, or the business unit on an
   * agency's behalf.
   */
  canPostUpdate: boolean;
  /**
   * May comment on this action: the overseeing subgroup's chair, or the business unit. A comment is kept in the
   * history but is not the agency's progress: no confidence, no status change, no agency, and the action's BRAG,
   * staleness and any return for more information stay as they were.
   */
  canComment: boolean;
  /** The status changes this person may make now with a progress update, within the workflow. */
  statusChanges: ActionStatus[];
  /** The agencies this person may speak for on this action. */
  agencyIds: number[];
  /** May sign off this completed action: assure it, or return it for more information. */
  canDecideAssurance: boolean;
  /**
   * Would sign off this completed action, but proposed its completion themselves: someone else (another chair of
   * the subgroup, or the business unit) must sign it off.
   */
  proposedCompletion: boolean;
  /** May ask for a new target date: a lead of one of the action's agencies, while it is still open. */
  canRequestTargetDate: boolean;
  /** May agree or refuse a request for a new target date: the business unit, or the overseeing subgroup's chair. */
  canDecideTargetDate: boolean;
}

/** Sign-off moves: assuring a completed action, or returning it to its agency (back to in progress). */
export const isSignOff = (from: ActionStatus, to: ActionStatus) => from === 'completed' && (to === 'assured' || to === 'in_progress');

/**
 * Assured and withdrawn are final (no move leads out of them): such an action takes nothing more, from anyone:
 * no progress, no comment, no sign-off, no new target date.
 */
export const isClosed = (status: ActionStatus) => STATUS_TRANSITIONS[status].length === 0;

/**
 * What a person may do with an action's progress. An agency lead: progress notes on their agency's actions,
 * starting them, proposing completion and asking for a new target date. A subgroup chair: comments on what their
 * subgroups oversee (their word is not the agency's progress), signing off completed actions (assure or return)
 * and deciding requests for new dates. The business unit: progress on an agency's behalf, comments, and anything
 * the workflow allows. Nobody signs off a completion they proposed, and an assured or withdrawn action takes
 * nothing more.
 */
export function progressUpdatePermission(principal: Principal, action: ActionScope): UpdatePermission {
  const isAdmin = principal.roles.includes('admin');
  const agencyIds = isAdmin ? [...action.agencyIds] : action.agencyIds.filter((id) => principal.agencyIds.includes(id));
  const chairsIt =
    principal.roles.includes('subgroup_chair') && action.subgroupId !== null && principal.subgroupIds.includes(action.subgroupId);
  const leadsIt = principal.roles.includes('agency_lead') && agencyIds.length > 0;
  if (isClosed(action.status)) {
    return {
      canPostUpdate: false,
      canComment: false,
      statusChanges: [],
      agencyIds,
      canDecideAssurance: false,
      proposedCompletion: false,
      canRequestTargetDate: false,
      canDecideTargetDate: false,
    };
  }
  const workflow = STATUS_TRANSITIONS[action.status].filter((to) => !isSignOff(action.status, to));
  const statusChanges = new Set<ActionStatus>();
  const open = action.status === 'not_started' || action.status === 'in_progress';

  if (isAdmin) workflow.forEach((s) => statusChanges.add(s));
  if (leadsIt && open) workflow.filter((s) => s === 'in_progress' || s === 'completed').forEach((s) => statusChanges.add(s));
  const mayDecide = action.status === 'completed' && (isAdmin || chairsIt);
  const proposedIt = action.completionProposedBy !== undefined && action.completionProposedBy !== null && action.completionProposedBy === principal.id;
  return {
    canPostUpdate: isAdmin || leadsIt,
    canComment: isAdmin || chairsIt,
    statusChanges: [...statusChanges],
    agencyIds,
    canDecideAssurance: mayDecide && !proposedIt,
    proposedCompletion: mayDecide && proposedIt,
    canRequestTargetDate: open && leadsIt,
    canDecideTargetDate: open && (isAdmin || chairsIt),
  };
}

/**
 * The agency a progress update speaks for when its author names none: the owner if it is one of theirs, else the
 * first of theirs on the action. For the business unit, which speaks for any of the action's agencies, that is
 * the owner: an emailed reply is most often the owner agency's. Someone who speaks for none of them (a chair's
 * comment) speaks for none.
 */
export function defaultUpdateAgency(_author: Pick<Principal, 'roles'>, theirs: readonly number[], ownerAgencyId: number): number | null {
  if (theirs.length === 0) return null;
  return theirs.includes(ownerAgencyId) ? ownerAgencyId : (theirs[0] ?? null);
}

/**
 * Who an entry of an action's history was posted as, from its author as they are now. A progress note is its
 * agency's own unless its author is the business unit and not one of that agency's people: then it was posted on
 * the agency's behalf. An entry that speaks for no agency (a comment, a sign-off decision) is the overseeing
 * subgroup chair's if its author chairs that subgroup, else the business unit's. Null when the author is not
 * known (a demo or imported history) or none of these.
 */
export function postedAs(
  author: Pick<Principal, 'roles' | 'agencyIds' | 'subgroupIds'> | undefined,
  entry: { kind: ProgressUpdateKind; agencyId: number | null },
  actionSubgroupId: number | null,
): PostedAs | null {
  if (!author) return null;
  const isAdmin = author.roles.includes('admin');
  if (entry.kind === 'progress' && entry.agencyId !== null) {
    return isAdmin && !author.agencyIds.includes(entry.agencyId) ? 'business_unit' : 'agency';
  }
  if (author.roles.includes('subgroup_chair') && actionSubgroupId !== null && author.subgroupIds.includes(actionSubgroupId)) return 'subgroup_chair';
  return isAdmin ? 'business_unit' : null;
}
