import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from './error-handler';

/** The path of the first string in `value` holding U+0000, or undefined. */
function firstNul(value: unknown, path: string[], depth = 0): string[] | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (depth > 64 || value === null || typeof value !== 'object') return undefined;
  if (Buffer.isBuffer(value)) return undefined;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (key.includes('\u0000')) return [...path, key.replaceAll('\u0000', '\\u0000')];
    const found = firstNul(inner, [...path, key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Refuses, before anything reads it, a request whose body, query or path carries the character U+0000 in any
 * text: no field of the tracker can hold it (PostgreSQL cannot store it at all), and a name, a note or an email
 * address with one in it is a mistake or an attack. A 400 naming the field, on either database.
 */
export async function refuseNulCharacters(request: FastifyRequest, reply: FastifyReply) {
  const where = [
    ['params', firstNul(request.params, [])],
    ['query', firstNul(request.query, [])],
    ['body', firstNul(request.body, [])],
  ] as const;
  for (const [location, path] of where) {
    if (!path) continue;
    const field = path.join('.') || location;
    return sendProblem(reply, {
      title: 'Invalid request',
      status: 400,
      detail: `${field}: must not contain the character U+0000`,
      code: 'validation.failed',
      errors: [{ path: field, message: 'must not contain the character U+0000' }],
    });
  }
}
