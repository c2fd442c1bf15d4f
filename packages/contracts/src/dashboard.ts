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

export const Dashboard = z.object({
  asAt: z.string(),
  totals: ActionTotals,
  byAgency: z.array(ActionTotals.extend({ agencyId: z.number().int(), name: z.string(), shortName: z.string() })),
  byReview: z.array(ActionTotals.extend({ reviewId: z.number().int(), code: z.string(), title: z.string() })),
  trend: z.array(z.object({ month: z.string(), open: Count, completed: Count, assured: Count })),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const DashboardQuery = z.object({
  reviewId: Id.optional(),
  subgroupId: Id.optional(),
  agencyId: Id.optional(),
});
