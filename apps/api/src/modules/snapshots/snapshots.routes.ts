import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, PageQuery, Snapshot, SnapshotCreate, SnapshotList } from '@lrt/contracts';
import { actorOf } from '../../plugins/auth';
import { ProblemResponse } from '../../plugins/problems';
import { createSnapshot, getSnapshot, listSnapshots } from './snapshots.service';

const problems = { 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse };

export async function snapshotRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/snapshots', {
    config: { access: 'read' },
    schema: {
      tags: ['Reports'],
      summary: 'Board snapshots, newest first',
      description: 'Each with the day it is as at, who took it and when, and its counts: actions, BRAG and overdue.',
      querystring: PageQuery,
      response: { 200: SnapshotList, ...problems },
    },
    handler: async (request) => listSnapshots(app.db, request.query),
  });

  r.post('/snapshots', {
    config: { access: 'managePlans' },
    schema: {
      tags: ['Reports'],
      summary: 'Freeze the plan as at a board meeting under a name',
      description:
        'Copies every action’s state at the end of `asAt` (status, BRAG, overdue, stale, target date, owner) into an immutable snapshot a report can ' +
        'compare with (`compareTo`). A name already used (in any case) answers 409 `snapshot.name_taken`; an as-at date in the future or before the ' +
        'partnership’s first record 422 naming `asAt`. The business unit only.',
      body: SnapshotCreate,
      response: { 201: Snapshot, ...problems, 409: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request, reply) => reply.status(201).send(await createSnapshot(app.db, request.body, app.now(), actorOf(request))),
  });

  r.get('/snapshots/:id', {
    config: { access: 'read' },
    schema: {
      tags: ['Reports'],
      summary: 'One board snapshot',
      params: IdParams,
      response: { 200: Snapshot, ...problems, 404: ProblemResponse },
    },
    handler: async (request) => getSnapshot(app.db, request.params.id),
  });
}
