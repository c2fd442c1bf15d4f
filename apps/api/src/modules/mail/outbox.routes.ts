import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { IdParams, OutboxEmailDetail, OutboxListQuery, OutboxPage } from '@lrt/contracts';
import { emails, first } from '@lrt/db';
import { notFound, ProblemResponse, unprocessable } from '../../plugins/problems';

type Row = typeof emails.$inferSelect;
const toDto = (row: Row) => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  createdAt: row.createdAt,
  toName: row.toName,
  toAddress: row.toAddress,
  subject: row.subject,
  text: row.text,
  chaseId: row.chaseId,
  attempts: row.attempts,
  lastError: row.lastError,
  nextAttemptAt: row.nextAttemptAt,
  sentAt: row.sentAt,
});

/** The outbox is the administrators': it holds people's addresses, and without SMTP the links of the demo. */
export async function outboxRoutes(app: FastifyInstance, options: { transport: 'smtp' | 'log' }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/outbox', {
    config: { access: 'manageSettings' },
    schema: {
      tags: ['Chasing'],
      summary: 'Every email the tracker sent or will send, newest first',
      description:
        '`transport` says how mail leaves: `smtp` (SMTP_URL is set; once a message is sent its personal link is not kept, the copy says where ' +
        'it was) or `log` (no SMTP server: messages are kept here, links and all, and written to the log). Each message is `queued` (with ' +
        '`attempts` and `lastError` while it is being retried), `sending`, `sent` or `logged`. Filters: `status`, `kind`, `q` (address or subject).',
      querystring: OutboxListQuery,
      response: { 200: OutboxPage, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request) => {
      const { limit, cursor, status, kind, q } = request.query;
      const before = cursor === undefined ? undefined : Number(cursor);
      if (cursor !== undefined && !Number.isInteger(before)) throw unprocessable('validation.failed', [{ path: 'cursor', message: 'is not a cursor this list gave' }]);
      const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
      const rows = await app.db
        .select()
        .from(emails)
        .where(
          and(
            before !== undefined ? lt(emails.id, before) : undefined,
            status ? eq(emails.status, status) : undefined,
            kind ? eq(emails.kind, kind) : undefined,
            // lower() on both sides: SQLite's like ignores case (of ASCII letters), PostgreSQL's does not.
            like
              ? sql`(lower(${emails.toAddress}) like lower(${like}) escape '\\' or lower(${emails.toName}) like lower(${like}) escape '\\'
                  or lower(${emails.subject}) like lower(${like}) escape '\\')`
              : undefined,
          ),
        )
        .orderBy(desc(emails.id))
        .limit(limit + 1);
      const items = rows.slice(0, limit);
      return { items: items.map(toDto), nextCursor: rows.length > limit ? String(items.at(-1)!.id) : null, transport: options.transport };
    },
  });
  r.get('/outbox/:id', {
    config: { access: 'manageSettings' },
    schema: {
      tags: ['Chasing'],
      summary: 'One email of the outbox, with its HTML part',
      params: IdParams,
      response: { 200: OutboxEmailDetail, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse },
    },
    handler: async (request) => {
      const row = await first(app.db.select().from(emails).where(eq(emails.id, request.params.id)));
      if (!row) throw notFound('email', request.params.id);
      return { ...toDto(row), html: row.html };
    },
  });
}
