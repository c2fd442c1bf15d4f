import { and, asc, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { z } from 'zod';
import { first, writeTransaction, type Db, type Tx } from '@lrt/db';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '@lrt/contracts';
import { TEXT_THEN_ID, decodeCursor, toPage } from './pagination';
import { explainConstraint, nowIso, recordCreation, updateVersioned } from './persistence';
import type { Actor } from './audit';
import { ProblemResponse, notFound } from '../plugins/problems';
import { actorOf } from '../plugins/auth';

/**
 * Agencies, subgroups and themes are catalogues: named rows the plans refer to, listed by name, created and
 * edited by the business unit. One implementation serves all three.
 */
interface CatalogueTable extends SQLiteTable {
  id: SQLiteColumn;
  name: SQLiteColumn;
  version: SQLiteColumn;
  updatedAt: SQLiteColumn;
}

export interface CatalogueOptions<Row, Dto> {
  table: CatalogueTable;
  resource: string;
  toDto: (row: Row) => Dto;
  /** Columns searched by `q` (case-insensitive substring). */
  searchColumns: SQLiteColumn[];
  /** Extra list filters built from the query. */
  filters?: (query: Record<string, unknown>) => (SQL | undefined)[];
}

export function catalogueService<Row extends { id: number; name: string }, Dto extends { id: number }>(options: CatalogueOptions<Row, Dto>) {
  const { table, resource, toDto } = options;
  const findRow = async (db: Db, id: number) => (await first(db.select().from(table).where(eq(table.id, id)))) as Row | undefined;

  /** Creates a row inside the caller's transaction (an import creating the agencies its plan names). */
  const createIn = async (tx: Tx, values: Record<string, unknown>, now: Date, actor: Actor): Promise<Dto> => {
    try {
      const [row] = (await tx
        .insert(table)
        .values({ ...values, createdAt: nowIso(now), updatedAt: nowIso(now) } as never)
        .returning()) as Row[];
      const dto = toDto(row!);
      await recordCreation(tx, actor, resource, dto as { id: number }, now);
      return dto;
    } catch (error) {
      explainConstraint(error);
    }
  };

  return {
    async list(db: Db, query: { limit: number; cursor?: string | undefined; q?: string | undefined } & Record<string, unknown>) {
      const after = decodeCursor(query.cursor, TEXT_THEN_ID);
      const nameKey = sql`lower(${table.name})`;
      const conditions: (SQL | undefined)[] = [...(options.filters?.(query) ?? [])];
      if (query.q) {
        const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        // lower() on both sides: case-insensitive on PostgreSQL too, where like alone is not.
        conditions.push(or(...options.searchColumns.map((column) => sql`lower(${column}) like lower(${pattern}) escape '\\'`)));
      }
      if (after) {
        conditions.push(or(gt(nameKey, after[0]), and(eq(nameKey, after[0]), gt(table.id, after[1]))));
      }
      const rows = (await db
        .select()
        .from(table)
        .where(and(...conditions))
        .orderBy(asc(nameKey), asc(table.id))
        .limit(query.limit + 1)) as Row[];
      const page = toPage(rows, query.limit, (row) => [row.name.toLowerCase(), row.id]);
      return { items: page.items.map(toDto), nextCursor: page.nextCursor };
    },

    async get(db: Db, id: number): Promise<Dto> {
      const row = await findRow(db, id);
      if (!row) throw notFound(resource, id);
      return toDto(row);
    },

    create(db: Db, values: Record<string, unknown>, now: Date, actor: Actor): Promise<Dto> {
      return writeTransaction(db, (tx) => createIn(tx, values, now, actor));
    },

    createIn,

    patch(db: Db, id: number, patch: { version: number } & Record<string, unknown>, now: Date, actor: Actor): Promise<Dto> {
      const { version, ...values } = patch;
      return writeTransaction(db, (tx) =>
        updateVersioned(tx, {
          table,
          resource,
          id,
          version,
          values,
          now,
          actor,
          current: async () => toDto((await findRow(tx, id)) as Row) as Record<string, unknown>,
        }) as Promise<Dto>,
      );
    },
  };
}

export interface CatalogueService<Dto> {
  list(db: Db, query: never): Promise<{ items: Dto[]; nextCursor: string | null }>;
  get(db: Db, id: number): Promise<Dto>;
  create(db: Db, values: never, now: Date, actor: Actor): Promise<Dto>;
  patch(db: Db, id: number, patch: never, now: Date, actor: Actor): Promise<Dto>;
}

/** The HTTP face of a catalogue: list, create, read and patch, each fully declared for the OpenAPI document. */
export function registerCatalogueRoutes<Dto>(
  app: FastifyInstance,
  options: {
    path: string;
    tag: string;
    noun: string;
    service: CatalogueService<Dto>;
    schemas: { item: z.ZodType; page: z.ZodType; listQuery: z.ZodType; create: z.ZodType; patch: z.ZodType };
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { path, tag, noun, service, schemas } = options;
  const aNoun = `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
  r.get(path, {
    config: { access: 'read' },
    schema: { tags: [tag], summary: `List ${noun}s`, querystring: schemas.listQuery, response: { 200: schemas.page, 400: ProblemResponse } },
    handler: async (request) => service.list(app.db, request.query as never),
  });
  r.post(path, {
    config: { access: 'manageReferenceData' },
    schema: {
      tags: [tag],
      summary: `Create ${aNoun}`,
      body: schemas.create,
      response: { 201: schemas.item, 400: ProblemResponse, 409: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request, reply) => reply.status(201).send(await service.create(app.db, request.body as never, app.now(), actorOf(request))),
  });
  r.get(`${path}/:id`, {
    config: { access: 'read' },
    schema: { tags: [tag], summary: `Read ${aNoun}`, params: IdParams, response: { 200: schemas.item, 400: ProblemResponse, 404: ProblemResponse } },
    handler: async (request) => service.get(app.db, request.params.id),
  });
  r.patch(`${path}/:id`, {
    config: { access: 'manageReferenceData' },
    schema: {
      tags: [tag],
      summary: `Change ${aNoun}`,
      description: 'Carries the `version` it was based on; a stale version answers 409 with the current one.',
      params: IdParams,
      body: schemas.patch,
      response: { 200: schemas.item, 400: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request) => service.patch(app.db, request.params.id, request.body as never, app.now(), actorOf(request)),
  });
}
