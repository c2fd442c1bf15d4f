import { eq, sql } from 'drizzle-orm';
import type { Action, FieldError, ReviewActionsCreate } from '@lrt/contracts';
import { actions as actionsTable, first, forDialect, reviews, savepoint, writeTransaction, type Db, type Tx } from '@lrt/db';
import type { Actor } from '../../lib/audit';
import { notFound, ProblemError } from '../../plugins/problems';
import type { PlanClock } from '../settings/settings.service';
import { createActionIn, getAction } from './actions.service';

type RowInput = ReviewActionsCreate['actions'][number];

interface RowRefusal {
  /** 0-based, as in the request body. */
  index: number;
  problem: ProblemError;
}

const rowPath = (index: number, field: string) => `actions.${index}.${field}`;

/**
 * One refusal for the whole batch, naming every row that was refused and each of its fields, so the person
 * typing the plan mends them all at once. A taken reference alone is a 409, as it is for a single action;
 * anything else is a 422 (with the row's own code when every row was refused for the same reason).
 */
function batchRefusal(refusals: RowRefusal[]): ProblemError {
  const errors: FieldError[] = [];
  const sentences: string[] = [];
  for (const { index, problem } of refusals) {
    const fields = problem.errors?.length ? problem.errors : [{ path: 'row', message: problem.detail }];
    for (const error of fields) errors.push({ path: rowPath(index, error.path), message: error.message });
    sentences.push(`Row ${index + 1}: ${fields.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  }
  const codes = [...new Set(refusals.map((r) => r.problem.code))];
  const allConflicts = refusals.every((r) => r.problem.status === 409);
  const status = allConflicts ? 409 : 422;
  const code = codes.length === 1 ? codes[0]! : allConflicts ? 'action.ref_taken' : 'action.invalid';
  const rows = refusals.length === 1 ? 'One row was refused' : `${refusals.length} rows were refused`;
  return new ProblemError(
    status,
    code,
    allConflicts ? 'Already exists' : 'Cannot be done',
    `${rows}; nothing was saved. ${sentences.join('. ')}.`,
    errors,
  );
}

/** References typed twice in one batch: the later row is the one to change. */
function repeatedRefs(rows: RowInput[]): RowRefusal[] {
  const firstRow = new Map<string, number>();
  const refusals: RowRefusal[] = [];
  rows.forEach((row, index) => {
    if (row.ref === undefined) return;
    const key = row.ref.toLowerCase();
    const first = firstRow.get(key);
    if (first === undefined) firstRow.set(key, index);
    else {
      const message = `repeats the reference of row ${first + 1}`;
      refusals.push({ index, problem: new ProblemError(409, 'action.ref_taken', 'Already exists', `ref: ${message}`, [{ path: 'ref', message }]) });
    }
  });
  return refusals;
}

/**
 * Creates a review's actions in one write transaction, each with the rules and audit event of a single one.
 * Every row is tried so that every refusal is reported; if any row is refused, the transaction is rolled back
 * and nothing is saved. Returns the actions in the order they were sent.
 */
export async function createReviewActions(db: Db, reviewId: number, rows: RowInput[], clock: PlanClock, actor: Actor): Promise<Action[]> {
  const ids = await writeTransaction(db, async (tx) => {
    const review = await first(tx.select({ id: reviews.id }).from(reviews).where(eq(reviews.id, reviewId)));
    if (!review) throw notFound('review', reviewId);
    const repeated = repeatedRefs(rows);
    const skipped = new Set(repeated.map((r) => r.index));
    const refusals: RowRefusal[] = [...repeated];
    /** Row index → the id of the action it created. */
    const created = new Map<number, number>();
    // A row the database refuses (a taken ref) must not stop the rows after it being tried. SQLite undoes only the
    // failed statement; PostgreSQL aborts the whole transaction, so there each row runs in its own savepoint. The
    // batch is rolled back whole if any row is refused, so SQLite needs none.
    const eachRow = forDialect<<T>(work: (tx: Tx) => Promise<T>) => Promise<T>>(tx, {
      sqlite: (work) => work(tx),
      postgres: (work) => savepoint(tx, work),
    });
    for (const [index, row] of rows.entries()) {
      if (skipped.has(index)) continue;
      try {
        created.set(index, await eachRow((rowTx) => createActionIn(rowTx, { ...row, reviewId }, clock, actor)));
      } catch (error) {
        if (!(error instanceof ProblemError) || error.status >= 500) throw error;
        refusals.push({ index, problem: await explainTakenRef(tx, error, row, created) });
      }
    }
    // Throwing rolls back every row written so far.
    if (refusals.length > 0) throw batchRefusal(refusals.sort((a, b) => a.index - b.index));
    return [...created.values()];
  });
  const answer: Action[] = [];
  for (const id of ids) answer.push(await getAction(db, id, clock));
  return answer;
}

/** A reference this batch has just given to an earlier row (one sent without a ref) is worth saying so. */
async function explainTakenRef(tx: Tx, error: ProblemError, row: RowInput, created: Map<number, number>) {
  if (error.code !== 'action.ref_taken' || row.ref === undefined) return error;
  const holder = await first(
    tx.select({ id: actionsTable.id }).from(actionsTable).where(sql`lower(${actionsTable.ref}) = lower(${row.ref})`),
  );
  const earlierRow = [...created].find(([, id]) => id === holder?.id)?.[0];
  if (earlierRow === undefined) return error;
  const message = `is the reference just given to row ${earlierRow + 1}; leave it out or choose another`;
  return new ProblemError(409, error.code, error.title, `ref: ${message}`, [{ path: 'ref', message }]);
}
