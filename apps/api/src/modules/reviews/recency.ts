import { sql } from 'drizzle-orm';
import { reviews } from '@lrt/db';

/**
 * How recent a review is: the first date the partnership has for it (notified, else started, else the day it was
 * recorded). Reviews are listed most recent first by it, and a subgroup's recommendations in the same order.
 */
export const reviewRecency = sql<string>`coalesce(${reviews.notifiedOn}, ${reviews.startedOn}, substr(${reviews.createdAt}, 1, 10))`;
