import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreatedUser, IdParams, NewUser, User, UserListQuery, UserPage, UserPatch } from '@lrt/contracts';
import { actorOf } from '../../plugins/auth';
import { createUser, getUser, listUsers, patchUser, revokeSessions } from './users.service';
import { resetSecondFactor } from '../auth/mfa.service';
import { ProblemResponse } from '../../plugins/problems';

export async function userRoutes(app: FastifyInstance, options: { scryptCost: number }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const access = 'manageUsers' as const;
  r.get('/users', {
    config: { access },
    schema: { tags: ['Accounts'], summary: 'List users', querystring: UserListQuery, response: { 200: UserPage, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse } },
    handler: async (request) => listUsers(app.db, request.query),
  });
  r.post('/users', {
    config: { access },
    schema: {
      tags: ['Accounts'],
      summary: 'Create a user',
      description:
        'Either a `password` (at least 12 characters, no composition rules, not one of the most common passwords; hashed with scrypt), which the ' +
        'user must change at first sign-in, or `sendInvitation: true` and no password: the account has no usable password until the user sets one ' +
        'with the single-use link emailed to them (see `POST /api/users/{id}/invitation`). `invitation` says when that link expires.',
      body: NewUser,
      response: { 201: CreatedUser, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 409: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request, reply) => reply.status(201).send(await createUser(app.db, request.body, app.now(), actorOf(request), options.scryptCost)),
  });
  r.get('/users/:id', {
    config: { access },
    schema: { tags: ['Accounts'], summary: 'Read a user', params: IdParams, response: { 200: User, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse } },
    handler: async (request) => getUser(app.db, request.params.id),
  });
  r.patch('/users/:id', {
    config: { access },
    schema: {
      tags: ['Accounts'],
      summary: 'Change a user: roles, agencies, subgroups, password, or deactivate',
      description: 'Deactivating a user or setting a new password ends all their sessions at once.',
      params: IdParams,
      body: UserPatch,
      response: { 200: User, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request) => patchUser(app.db, request.params.id, request.body, app.now(), actorOf(request), options.scryptCost),
  });
  r.delete('/users/:id/sessions', {
    config: { access },
    schema: {
      tags: ['Accounts'],
      summary: "End all of a user's sessions at once",
      params: IdParams,
      response: { 200: z.object({ sessionsEnded: z.number().int() }), 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse },
    },
    handler: async (request) => ({ sessionsEnded: await revokeSessions(app.db, request.params.id, app.now(), actorOf(request)) }),
  });
  r.delete('/users/:id/mfa', {
    config: { access },
    schema: {
      tags: ['Accounts'],
      summary: "Reset a user's two-factor sign-in (a lost phone, no recovery codes left)",
      description:
        'Turns it off and removes their recovery codes; every session of theirs ends. If their role requires two-factor sign-in, they set up a new one ' +
        'at their next sign-in. 409 `user.second_factor_off` when it is not on.',
      params: IdParams,
      response: { 200: z.object({ sessionsEnded: z.number().int() }), 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse },
    },
    handler: async (request) => resetSecondFactor(app.db, { userId: request.params.id, now: app.now() }, actorOf(request)),
  });
}
