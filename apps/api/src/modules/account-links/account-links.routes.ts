import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ACCOUNT_LINK_HOURS,
  AccountLinkParams,
  AccountLinkPassword,
  AccountLinkView,
  IdParams,
  Invitation,
  PasswordResetAccepted,
  PasswordResetRequest,
  UserInvitation,
} from '@lrt/contracts';
import { actorOf } from '../../plugins/auth';
import { ProblemResponse } from '../../plugins/problems';
import {
  PASSWORD_RESET_ANSWER,
  latestInvitation,
  requestPasswordReset,
  sendInvitation,
  setPasswordWithLink,
  viewAccountLink,
} from './account-links.service';

const LINKS =
  'The link is `PUBLIC_URL/set-password/<token>`: its token is made when the email is sent and only its SHA-256 is kept. It works once; ' +
  'only the newest link of each kind works, and none sent before the password last changed.';

const GONE =
  '410 when the link no longer works, with `code` saying why in words: `account_link.used`, `account_link.expired`, `account_link.superseded` ' +
  '(a newer link was sent, or the password changed since) or `account_link.account_deactivated`. 404 `account_link.not_found` for a token the tracker never sent.';

export async function accountLinkRoutes(app: FastifyInstance, options: { scryptCost: number }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/users/:id/invitation', {
    config: { access: 'manageUsers' },
    schema: {
      tags: ['Accounts'],
      summary: 'Email a user an invitation to set their password',
      description:
        `Takes no body. Queues an email with a single-use link to set a password, lasting ${ACCOUNT_LINK_HOURS.invitation / 24} days; any invitation sent before stops working. ` +
        `The email names the partnership and who sent it. A deactivated account is refused (422 \`account_link.user_deactivated\`). ${LINKS}`,
      params: IdParams,
      response: { 202: Invitation, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request, reply) => reply.status(202).send(await sendInvitation(app.db, { userId: request.params.id, now: app.now(), actor: actorOf(request) })),
  });

  r.get('/users/:id/invitation', {
    config: { access: 'manageUsers' },
    schema: {
      tags: ['Accounts'],
      summary: "A user's latest invitation and whether its link still works",
      params: IdParams,
      response: { 200: UserInvitation, 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse },
    },
    handler: async (request) => ({ invitation: await latestInvitation(app.db, request.params.id, app.now()) }),
  });

  r.post('/auth/password-reset', {
    config: { access: 'public' },
    schema: {
      tags: ['Accounts'],
      summary: 'Ask for a link to reset a forgotten password',
      description:
        'Always answers 202 with the same body, whether or not an account uses the address, so it reveals nothing. An active account is emailed a ' +
        `single-use link lasting ${ACCOUNT_LINK_HOURS.password_reset} hour; earlier reset links stop working. Requests are limited per address asked for and per client ` +
        `(past the limit the answer is the same and nothing is sent). ${LINKS}`,
      body: PasswordResetRequest,
      response: { 202: PasswordResetAccepted, 400: ProblemResponse },
    },
    handler: async (request, reply) => {
      await requestPasswordReset(app.db, { email: request.body.email, ip: request.ip, now: app.now(), actor: actorOf(request) }, request.log);
      return reply.status(202).send(PASSWORD_RESET_ANSWER);
    },
  });

  r.get('/auth/password-reset/:token', {
    config: { access: 'public' },
    schema: {
      tags: ['Accounts'],
      summary: 'Who a password link (invitation or reset) is for, while it works',
      description: `For the page the link opens: the account's name and email, the link's purpose and when it expires. ${GONE}`,
      params: AccountLinkParams,
      response: { 200: AccountLinkView, 400: ProblemResponse, 404: ProblemResponse, 410: ProblemResponse },
    },
    handler: async (request) => viewAccountLink(app.db, request.params.token, app.now()),
  });

  r.post('/auth/password-reset/:token', {
    config: { access: 'public' },
    schema: {
      tags: ['Accounts'],
      summary: 'Set a password with a link from an invitation or a reset email',
      description:
        'The password follows the same policy as every password (422 `user.weak_password` naming `password`). The link is used, every session of the ' +
        'account ends, and a password change an administrator asked for is no longer due. It signs no one in: sign in with the new password afterwards. ' +
        `A link that no longer works changes nothing. ${GONE}`,
      params: AccountLinkParams,
      body: AccountLinkPassword,
      response: { 204: z.null().describe('The password is set'), 400: ProblemResponse, 404: ProblemResponse, 410: ProblemResponse, 422: ProblemResponse },
    },
    handler: async (request, reply) => {
      await setPasswordWithLink(app.db, {
        token: request.params.token,
        password: request.body.password,
        now: app.now(),
        actor: actorOf(request),
        scryptCost: options.scryptCost,
      });
      return reply.status(204).send(null);
    },
  });
}
