import type { ActionStatus, Capabilities, Role } from '@lrt/contracts';
import { STATUS_TRANSITIONS } from './action-status';

/**
 * Who may do what: the one rule table of the product. Routes name the capability they need (see
 * plugins/access.ts); progress updates, which depend on the action, ask `progressUpdatePermission`.
 */
export type Capability = keyof Capabilities | 'read';

export const ROLE_CAPABILITIES: Readonly<Record<Role, readonly Capability[]>> = {
  /** The partnership business unit: everything. */
  admin: ['read', 'managePlans', 'manageReferenceData', 'manageUsers', 'manageSettings', 'readAudit', 'postUpdates', 'assureActions'],
  /** Posts updates on, and proposes completion of, their own agency's actions; reads every plan. */
  agency_lead: ['read', 'postUpdates'],
  /** Assures or returns the actions their subgroups oversee. */
  subgroup_chair: ['read', 'postUpdates', 'assureActions'],
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
  };
}

export interface ActionScope {
  status: ActionStatus;
  /** The owner and every partner agency. */
  agencyIds: readonly number[];
  subgroupId: number | null;
}

export interface UpdatePermission {
  /** May post a note (with no status change) on this action. */
  canPostUpdate: boolean;
  /** The status changes this person may make now with a progress update, within the workflow. */
  statusChanges: ActionStatus[];
  /** The agencies this person may speak for on this action. */
  agencyIds: number[];
  /** May sign off this completed action: assure it, or return it for more information. */
  canDecideAssurance: boolean;
  /** May ask for a new target date: a lead of one of the action's agencies, while it is still open. */
  canRequestTargetDate: boolean;
  /** May agree or refuse a request for a new target date: the business unit, or the overseeing subgroup's chair. */
  canDecideTargetDate: boolean;
}

/** Sign-off moves: assuring a completed action, or returning it to its agency (back to in progress). */
export const isSignOff = (from: ActionStatus, to: ActionStatus) => from === 'completed' && (to === 'assured' || to === 'in_progress');

/**
 * What a person may do with an action's progress. An agency lead: notes on their agency's actions, starting
 * them, proposing completion and asking for a new target date. A subgroup chair: notes on what their subgroups
 * oversee, signing off completed actions (assure or return) and deciding requests for new dates. The business
 * unit: anything the workflow allows.
 */
export function progressUpdatePermission(principal: Principal, action: ActionScope): UpdatePermission {
  const workflow = STATUS_TRANSITIONS[action.status].filter((to) => !isSignOff(action.status, to));
  const statusChanges = new Set<ActionStatus>();
  let canPostUpdate = false;
  const isAdmin = principal.roles.includes('admin');
  const agencyIds = isAdmin ? [...action.agencyIds] : action.agencyIds.filter((id) => principal.agencyIds.includes(id));
  const chairsIt =
    principal.roles.includes('subgroup_chair') && action.subgroupId !== null && principal.subgroupIds.includes(action.subgroupId);
  const leadsIt = principal.roles.includes('agency_lead') && agencyIds.length > 0;
  const open = action.status === 'not_started' || action.status === 'in_progress';

  if (isAdmin) {
    canPostUpdate = true;
    workflow.forEach((s) => statusChanges.add(s));
  }
  if (leadsIt) {
    canPostUpdate = true;
    if (open) workflow.filter((s) => s === 'in_progress' || s === 'completed').forEach((s) => statusChanges.add(s));
  }
  if (chairsIt) canPostUpdate = true;
  return {
    canPostUpdate,
    statusChanges: [...statusChanges],
    agencyIds,
    canDecideAssurance: action.status === 'completed' && (isAdmin || chairsIt),
    canRequestTargetDate: open && leadsIt,
    canDecideTargetDate: open && (isAdmin || chairsIt),
  };
}

/**
 * The agency a progress update speaks for when its author names none: an agency lead speaks for the owner if it
 * is theirs, else for their first partner agency on the action; the business unit and chairs speak for none.
 */
export function defaultUpdateAgency(author: Pick<Principal, 'roles'>, theirs: readonly number[], ownerAgencyId: number): number | null {
  if (author.roles.includes('admin') || theirs.length === 0) return null;
  return theirs.includes(ownerAgencyId) ? ownerAgencyId : (theirs[0] ?? null);
}
