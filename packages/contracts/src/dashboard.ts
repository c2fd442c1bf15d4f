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

/**
 * How many reviews the dashboard lists in `byReview`: the ones needing most attention. The response stays the same
 * size however many reviews the partnership has held; the reviews list (`GET /api/reviews`) pages through them all.
 */
export const DASHBOARD_REVIEWS_SHOWN = 10;

export const DashboardReview = ActionTotals.extend({ reviewId: z.number().int(), code: z.string(), title: z.string() });
export type DashboardReview = z.infer<typeof DashboardReview>;

export const Dashboard = z.object({
  asAt: z.string(),
  totals: ActionTotals,
  /** Every agency with actions in scope: grows with the number of agencies, never with reviews or years. */
  byAgency: z.array(DashboardAgency),
  /**
   * At most DASHBOARD_REVIEWS_SHOWN reviews, those needing most attention first: the most red actions, then the most
   * overdue, then the most stale, then by code. Narrowed to one review, that review.
   */
  byReview: z.array(DashboardReview),
  /** How many reviews in scope have actions: `byReview` shows the first DASHBOARD_REVIEWS_SHOWN of them. */
  reviewCount: Count,
  trend: z.array(z.object({ month: z.string(), open: Count, completed: Count, assured: Count })),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const DashboardQuery = z.object({
  reviewId: Id.optional(),
  subgroupId: Id.optional(),
  agencyId: Id.optional(),
});
