import type { TokenHolder } from './tokens.service';

/**
 * What a token limited to a subgroup or an agency may read, route by route: the one place this is decided.
 *
 * - `filters`: a reporting route that takes `agencyId` and `subgroupId` filters. The token's scope becomes the
 *   filter (a request that leaves it out gets the scope; one that names another agency or subgroup is refused
 *   with 403 `auth.token_scope`, never answered with an empty list that would read as "nothing to report").
 * - `reference`: names only (agencies, subgroups, themes), the same whatever the scope, so a report can label
 *   its ids.
 *
 * Every other route cannot be narrowed to a part of the plan (a single review, the themes matrix, a document),
 * so a scoped token is refused there. A token with no scope reads whatever a viewer reads.
 * A new reporting route that takes these filters (an xlsx export, the assurance report) joins this table.
 */
export const TOKEN_SCOPED_ROUTES: Readonly<Record<string, 'filters' | 'reference'>> = {
  'GET /api/actions': 'filters',
  'GET /api/exports/actions.csv': 'filters',
  'GET /api/exports/actions.xlsx': 'filters',
  'GET /api/dashboard': 'filters',
  'GET /api/agencies': 'reference',
  'GET /api/subgroups': 'reference',
  'GET /api/themes': 'reference',
};

export type ScopeOutcome = { allowed: true } | { allowed: false; reason: 'route' | 'filter'; field?: 'agencyId' | 'subgroupId' };

/**
 * Narrows a scoped token's request to its part of the plan, before the query is validated: sets the filter the
 * scope names, or says why the request is refused. `query` is the raw query string (values are text, or arrays
 * of text when repeated).
 */
export function applyTokenScope(token: TokenHolder, route: { method: string; url: string }, query: Record<string, unknown>): ScopeOutcome {
  if (token.agencyId === null && token.subgroupId === null) return { allowed: true };
  const kind = TOKEN_SCOPED_ROUTES[`${route.method === 'HEAD' ? 'GET' : route.method} ${route.url}`];
  if (kind === 'reference') return { allowed: true };
  if (kind !== 'filters') return { allowed: false, reason: 'route' };
  const [field, id] = token.agencyId !== null ? (['agencyId', token.agencyId] as const) : (['subgroupId', token.subgroupId!] as const);
  const given = query[field];
  const values = given === undefined ? [] : [given].flat();
  if (values.some((value) => value !== String(id))) return { allowed: false, reason: 'filter', field };
  query[field] = String(id);
  return { allowed: true };
}
