import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ACTION_STATUSES, CONFIDENCE_LEVELS } from '@lrt/contracts';
import { actions, writeTransaction } from '@lrt/db';
import { createTestDatabase, factories } from '@lrt/db/testing';
import { assessAction, staleBefore, addDays } from '@lrt/domain';
import { actionRulesSql } from './action-rules.sql';

describe('the SQL rules agree with the domain rules', () => {
  it('for every combination of status, target date, confidence, update history and return for more information', async () => {
    const db = await createTestDatabase();
    const review = await factories.review(db);
    const agency = await factories.agency(db);
    const now = new Date('2026-03-02T10:00:00.000Z');
    const clock = { today: '2026-03-02', staleBefore: staleBefore(now, 56), dueSoonBy: addDays('2026-03-02', 28) };
    const cutoff = clock.staleBefore;
    const justBefore = new Date(Date.parse(cutoff) - 1).toISOString();

    // Every combination as one row, all written in one transaction (one each would take seconds on PostgreSQL).
    const grid: (typeof actions.$inferInsert)[] = [];
    for (const status of ACTION_STATUSES) {
      for (const targetDate of [null, '2026-03-01', '2026-03-02', '2026-03-20', '2026-12-31']) {
        for (const latestConfidence of [null, ...CONFIDENCE_LEVELS]) {
          for (const lastUpdateAt of [null, justBefore, cutoff, '2026-03-01T08:00:00.000Z']) {
            for (const createdAt of ['2025-06-01T00:00:00.000Z', justBefore, '2026-02-25T00:00:00.000Z']) {
              // Only an action in progress can be returned: answer late, due today, due later.
              for (const returnedReplyBy of status === 'in_progress' ? [null, '2026-03-01', '2026-03-02', '2026-03-10'] : [null]) {
                grid.push({
                  ref: `RULES-${grid.length + 1}`,
                  kind: 'single_agency',
                  learningNeed: 'Practitioners need to hear the child',
                  action: 'Deliver briefings to front-line staff',
                  reviewId: review.id,
                  ownerAgencyId: agency.id,
                  status,
                  targetDate,
                  latestConfidence,
                  lastUpdateAt,
                  createdAt,
                  evidenceOfImpact: status === 'assured' ? 'Audit showed change' : null,
                  withdrawnReason: status === 'withdrawn' ? 'Superseded' : null,
                  returnedAt: returnedReplyBy ? '2026-02-01T10:00:00.000Z' : null,
                  returnedQuestion: returnedReplyBy ? 'Where is the re-audit?' : null,
                  returnedReplyBy,
                });
              }
            }
          }
        }
      }
    }
    await writeTransaction(db, async (tx) => {
      for (let i = 0; i < grid.length; i += 200) await tx.insert(actions).values(grid.slice(i, i + 200));
    });

    const rules = actionRulesSql(clock);
    const rows = await db
      .select({
        row: actions,
        brag: rules.brag,
        overdue: sql<number>`${rules.overdue}`,
        stale: sql<number>`${rules.stale}`,
        dueSoon: sql<number>`${rules.dueSoon}`,
      })
      .from(actions);
    expect(rows.length).toBe((5 + 3) * 5 * 4 * 4 * 3);
    const seen = new Set<string>();
    for (const { row, brag, overdue, stale, dueSoon } of rows) {
      const expected = assessAction(row, clock);
      expect({ brag, overdue: Boolean(overdue), stale: Boolean(stale) }, JSON.stringify(row)).toEqual({
        brag: expected.brag,
        overdue: expected.overdue,
        stale: expected.stale,
      });
      expect(Boolean(dueSoon)).toBe(expected.dueSoon);
      seen.add(`${brag}/${expected.overdue}/${expected.stale}`);
      if (row.returnedReplyBy) seen.add(`returned:${brag}:${expected.bragReason.split(';')[1]?.trim().split(' ')[0]}`);
    }
    // The grid reaches every colour, and overdue and stale both ways.
    expect([...seen].sort()).toEqual(
      expect.arrayContaining(['blue/false/false', 'green/false/false', 'amber/false/true', 'amber/false/false', 'red/true/false', 'red/true/true', 'null/false/false']),
    );
    // A returned action is Amber while its answer is due, Red once the answer is late.
    expect([...seen].filter((key) => key.startsWith('returned:')).sort()).toEqual(['returned:amber:answer', 'returned:red:no']);
    // Its own database and 1,920 rows: on PostgreSQL, with the other test files running, more than the default 5 s.
  }, 30_000);
});
