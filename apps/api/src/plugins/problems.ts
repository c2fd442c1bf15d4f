import { Problem, type FieldError } from '@lrt/contracts';

/**
 * An error the API answers with on purpose: an RFC 9457 problem with a stable code.
 * Services throw these; the error handler turns them into application/problem+json.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly current?: unknown,
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

export const notFound = (resource: string, id: number | string) =>
  new ProblemError(404, `${resource}.not_found`, 'Not found', `There is no ${resource.replace(/_/g, ' ')} with id ${id}.`);

export const versionConflict = (resource: string, current: unknown) =>
  new ProblemError(
    409,
    `${resource}.version_conflict`,
    'Changed by someone else',
    `Someone else changed the ${resource.replace(/_/g, ' ')} after you opened it. Nothing was saved; the current version is included.`,
    [{ path: 'version', message: 'is not the current version' }],
    current,
  );

/** 403: the person's role does not allow it (the same refusal the access rules give). */
export const forbidden = (detail = 'Your role does not allow this.') => new ProblemError(403, 'auth.forbidden', 'Not allowed', detail);

/** 422: well-formed input that breaks a rule of the domain (an unknown id it refers to, a workflow step). */
export const unprocessable = (code: string, errors: FieldError[], detail?: string) =>
  new ProblemError(422, code, 'Cannot be done', detail ?? errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);

/** 409: clashes with something that already exists (a code or number in use). */
export const conflict = (code: string, path: string, message: string) =>
  new ProblemError(409, code, 'Already exists', `${path}: ${message}`, [{ path, message }]);

export const PROBLEM_TYPE_BASE = 'https://learning-review-tracker.example/problems/';

/** How every error response is documented: RFC 9457 problem details, served as application/problem+json. */
export const ProblemResponse = {
  description: 'A problem (RFC 9457): `code` says which; `errors` name the fields.',
  content: { 'application/problem+json': { schema: Problem } },
};
