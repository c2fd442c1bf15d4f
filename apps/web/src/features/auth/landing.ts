import type { Me } from '@lrt/contracts';
import { writeActionFilters } from '@/features/actions/filters';

/** Agency leads who are not also the business unit work from their own agency's actions. */
export const isAgencyLead = (me: Me) =>
  me.user.roles.includes('agency_lead') && !me.user.roles.includes('admin') && me.user.agencyIds.length > 0;

/** "My agency's actions": the actions list filtered to the user's agencies, those needing attention first. */
export const myAgencyActionsPath = (me: Me) =>
  `/actions?${writeActionFilters({ agencyId: [...me.user.agencyIds], sort: 'attention' }).toString()}`;

/** True when a list of agency filters is exactly the user's own agencies. */
export function isMyAgencies(me: Me, agencyIds: readonly number[]) {
  const mine = new Set(me.user.agencyIds);
  const shown = new Set(agencyIds);
  return mine.size > 0 && mine.size === shown.size && [...mine].every((id) => shown.has(id));
}

/** Subgroup chairs who are not the business unit work from their subgroup's view. */
/** Who prepares board assurance reports: the business unit, the independent chair and subgroup chairs. */
export const preparesBoardReports = (me: Me) =>
  me.user.roles.some((role) => role === 'admin' || role === 'independent_chair' || role === 'subgroup_chair');

export const isSubgroupChair = (me: Me) =>
  me.user.roles.includes('subgroup_chair') && !me.user.roles.includes('admin') && me.user.subgroupIds.length > 0;

export const mySubgroupPath = (me: Me) => `/subgroups/${me.user.subgroupIds[0]}`;

/**
 * Where someone lands: agency leads on what their agency owes, subgroup chairs on their subgroup, and the
 * business unit, the independent chair and viewers on the overview.
 */
export function homePath(me: Me) {
  if (isAgencyLead(me)) return '/my-agency';
  if (isSubgroupChair(me)) return mySubgroupPath(me);
  return '/overview';
}
