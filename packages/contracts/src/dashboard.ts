import { z } from 'zod';
import { Id } from './common';

const Count = z.number().int();
export const StatusCounts = z.object({
  not_started: Count,
  in_progress: Count,
  completed: Count,
  assured: Count,
  withdrawn: Count,
});
export const BragCounts = z.object({ blue: Count, green: Count, amber: Count, red: Count });

export const ActionTotals = z.object({
  actions: Count,
  byStatus: StatusCounts,
  byBrag: BragCounts,
  overdue: Count,
  stale: Count,
  dueSoon: Count,
});
export type ActionTotals = z.infer<typeof ActionTotals>;

/** Someone who answers for an agency's actions: an active user with the agency lead role for it. */
export const DashboardAgencyLead = z.object({ name: z.string(), email: z.string() });

export const DashboardAgency = ActionTotals.extend({
  agencyId: z.number().int(),
  name: z.string(),
  shortName: z.string(),
  /** The agency's active leads, by name; empty: no one leads it in the tracker, so no one is asked for its updates. */
  leads: z.array(DashboardAgencyLead),
});
export type DashboardAgency = z.infer<typeof DashboardAgency>;

export const Dashboard = z.object({
  asAt: z.string(),
  totals: ActionTotals,
  byAgency: z.array(DashboardAgency),
  byReview: z.array(ActionTotals.extend({ reviewId: z.number().int(), code: z.string(), title: z.string() })),
  trend: z.array(z.object({ month: z.string(), open: Count, completed: Count, assured: Count })),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const DashboardQuery = z.object({
  reviewId: Id.optional(),
  subgroupId: Id.optional(),
  agencyId: Id.optional(),
});
