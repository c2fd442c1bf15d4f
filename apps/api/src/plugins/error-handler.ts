import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { FieldError, Problem } from '@lrt/contracts';
import { isConnectionFailure } from '@lrt/db';
import { PROBLEM_TYPE_BASE, ProblemError } from './problems';

export function sendProblem(reply: FastifyReply, problem: Omit<Problem, 'type'> & { type?: string }) {
  return reply
    .status(problem.status)
    .type('application/problem+json')
    .send({ type: problem.type ?? `${PROBLEM_TYPE_BASE}${problem.code}`, ...problem });
}

const LOCATION_WORDS: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

/** `/evidence/0/url` → `evidence.0.url`; an empty path (the whole body) → the location's name. */
const fieldPath = (instancePath: string, context: string | undefined) =>
  instancePath.replace(/^\//, '').replace(/\//g, '.') || LOCATION_WORDS[context ?? 'body'] || 'body';

/**
 * Every error leaves as application/problem+json. 4xx carry what the client needs to mend its request;
 * 5xx carry nothing of the internals (the log has them, under the request id).
 */
export const errorHandlerPlugin = fp(async (app) => {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof ProblemError) {
      return sendProblem(reply, {
        title: error.title,
        status: error.status,
        detail: error.detail,
        code: error.code,
        ...(error.errors ? { errors: error.errors } : {}),
        ...(error.current !== undefined ? { current: error.current } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors: FieldError[] = error.validation.flatMap((issue) => {
        // An unknown field is reported on its object; name the field itself so the client knows what to drop.
        const keys = issue.keyword === 'unrecognized_keys' ? issue.params['keys'] : undefined;
        if (Array.isArray(keys) && keys.length > 0) {
          const prefix = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
          // A key that is the empty string is named as written in JSON, so the path always names something.
          return keys.map((key) => {
            const name = String(key) === '' ? '""' : String(key);
            return { path: prefix ? `${prefix}.${name}` : name, message: 'is not a field this request takes' };
          });
        }
        return [{ path: fieldPath(issue.instancePath, error.validationContext), message: issue.message ?? 'is not valid' }];
      });
      return sendProblem(reply, {
        title: 'Invalid request',
        status: 400,
        detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
        code: 'validation.failed',
        errors,
      });
    }
    // The database is not there (PostgreSQL restarting, a failover, the network): nothing was acknowledged, so the
    // client may simply try again in a moment. Retry-After says when.
    if (isConnectionFailure(error)) {
      request.log.warn({ err: error }, 'the database is unavailable');
      reply.header('retry-after', '5');
      return sendProblem(reply, {
        title: 'The database is unavailable',
        status: 503,
        detail: `The tracker cannot reach its database just now, so this request was not acknowledged. Try again in a few seconds (reference ${request.id}).`,
        code: 'database.unavailable',
      });
    }
    if (isResponseSerializationError(error as never) || !error.statusCode || error.statusCode >= 500) {
      request.log.error({ err: error }, 'request failed');
      return sendProblem(reply, {
        title: 'Something went wrong',
        status: 500,
        detail: `The server could not complete the request. Quote reference ${request.id} if you report it.`,
        code: 'server.error',
      });
    }
    // Fastify's own 4xx: malformed JSON, wrong content type, body too large, and the like.
    const code =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'request.too_large'
        : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'request.unsupported_media_type'
          : error.statusCode === 400
            ? 'request.malformed'
            : 'request.refused';
    return sendProblem(reply, {
      title: 'Invalid request',
      status: error.statusCode,
      detail: error.message,
      code,
      errors: [{ path: 'body', message: error.message }],
    });
  });
});
