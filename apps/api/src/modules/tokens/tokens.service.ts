import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { API_TOKEN_MAX_MONTHS, API_TOKEN_PREFIX, type ApiToken, type ApiTokenCreate, type ApiTokenCreated } from '@lrt/contracts';
import { addMonths, londonToday, type Principal } from '@lrt/domain';
import { agencies, apiTokens, first, subgroups, users, writeTransaction, type Db, type Tx } from '@lrt/db';
import { recordAudit, type Actor } from '../../lib/audit';
import { newestFirst, toPage } from '../../lib/pagination';
import { nowIso, recordCreation, requireReferences } from '../../lib/persistence';
import { notFound, unprocessable } from '../../plugins/problems';

type TokenRow = typeof apiTokens.$inferSelect;

/** 256 random bits, base64url: 43 characters after `lrt_`, which secret scanners can look for. */
const TOKEN_PATTERN = /^lrt_[A-Za-z0-9_-]{43}$/;
const PREFIX_LENGTH = 8;
const TOUCH_EVERY_MS = 60_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function statusOf(row: Pick<TokenRow, 'revokedAt' | 'expiresOn'>, today: string): ApiToken['status'] {
  if (row.revokedAt) return 'revoked';
  return row.expiresOn < today ? 'expired' : 'active';
}

function selectTokens(db: Db | Tx) {
  return db
    .select({ token: apiTokens, createdByName: users.name })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdByUserId));
}

function toDto(row: { token: TokenRow; createdByName: string | null }, today: string): ApiToken {
  const { token } = row;
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt,
    createdByName: row.createdByName,
    expiresOn: token.expiresOn,
    subgroupId: token.subgroupId,
    agencyId: token.agencyId,
    revokedAt: token.revokedAt,
    lastUsedAt: token.lastUsedAt,
    status: statusOf(token, today),
  };
}

export async function getToken(db: Db | Tx, id: number, now: Date): Promise<ApiToken> {
  const row = await first(selectTokens(db).where(eq(apiTokens.id, id)));
  if (!row) throw notFound('api_token', id);
  return toDto(row, londonToday(now));
}

/** Newest first. Never the token or its hash: only the prefix that tells tokens apart. */
export async function listTokens(db: Db, query: { limit: number; cursor?: string | undefined }, now: Date) {
  const order = newestFirst(apiTokens.createdAt, apiTokens.id, query.cursor);
  const rows = await selectTokens(db)
    .where(order.after)
    .orderBy(...order.orderBy)
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (r) => [r.token.createdAt, r.token.id]);
  const today = londonToday(now);
  return { items: page.items.map((row) => toDto(row, today)), nextCursor: page.nextCursor };
}

/**
 * Makes a token. Its last day is after today and at most a year ahead, so a forgotten token dies on its own; it
 * may be limited to one subgroup or one agency. The answer carries the token this once; the trail never does.
 */
export async function createToken(db: Db, input: ApiTokenCreate, now: Date, actor: Actor): Promise<ApiTokenCreated> {
  const today = londonToday(now);
  const latest = addMonths(today, API_TOKEN_MAX_MONTHS);
  const errors = [];
  if (input.expiresOn <= today) errors.push({ path: 'expiresOn', message: `must be after today (${today})` });
  else if (input.expiresOn > latest) errors.push({ path: 'expiresOn', message: `must be at most a year ahead (${latest} at the latest)` });
  if (input.subgroupId && input.agencyId) {
    errors.push({ path: 'agencyId', message: 'limit a token to a subgroup or to an agency, not both' });
  }
  if (errors.length > 0) throw unprocessable('api_token.invalid', errors);

  const secret = randomBytes(32).toString('base64url');
  const token = `${API_TOKEN_PREFIX}${secret}`;
  return writeTransaction(db, async (tx) => {
    await requireReferences(tx, [
      { table: subgroups, ids: input.subgroupId, path: 'subgroupId', what: 'subgroup' },
      { table: agencies, ids: input.agencyId, path: 'agencyId', what: 'agency' },
    ]);
    const [row] = await tx
      .insert(apiTokens)
      .values({
        name: input.name,
        tokenHash: hashToken(token),
        prefix: secret.slice(0, PREFIX_LENGTH),
        createdByUserId: actor.id,
        createdAt: nowIso(now),
        expiresOn: input.expiresOn,
        subgroupId: input.subgroupId ?? null,
        agencyId: input.agencyId ?? null,
      })
      .returning({ id: apiTokens.id });
    const created = await getToken(tx, row!.id, now);
    await recordCreation(tx, actor, 'api_token', created, now);
    return { ...created, token };
  });
}

/**
 * Revokes a token: it stops working at once, and its row stays so the list and the trail still name it.
 * Revoking a token already revoked changes nothing (its first revocation stands) and is not an error.
 */
export async function revokeToken(db: Db, id: number, now: Date, actor: Actor): Promise<void> {
  await writeTransaction(db, async (tx) => {
    const current = await getToken(tx, id, now);
    if (current.revokedAt) return;
    await tx.update(apiTokens).set({ revokedAt: nowIso(now) }).where(eq(apiTokens.id, id));
    await recordAudit(tx, actor, { entity: 'api_token', entityId: id, operation: 'revoke', before: { revokedAt: null }, after: { revokedAt: nowIso(now) }, at: now });
  });
}

/** What a request made with a token may read. */
export interface TokenHolder {
  id: number;
  name: string;
  subgroupId: number | null;
  agencyId: number | null;
}

/**
 * The token presented, if it is one of ours, not revoked and not past its last day. Only looks: a refused request
 * must change nothing, so its use is recorded apart (`recordTokenUse`) once the request is let through.
 */
export async function findUsableToken(
  db: Db,
  presented: string,
  now: Date,
): Promise<(TokenHolder & { lastUsedAt: string | null }) | null> {
  if (!TOKEN_PATTERN.test(presented)) return null;
  const row = await first(db.select().from(apiTokens).where(eq(apiTokens.tokenHash, hashToken(presented))));
  if (!row || statusOf(row, londonToday(now)) !== 'active') return null;
  return { id: row.id, name: row.name, subgroupId: row.subgroupId, agencyId: row.agencyId, lastUsedAt: row.lastUsedAt };
}

/** A token reads as a viewer with no agency or subgroup of its own; it is nobody's account (id 0 is no user's). */
export const tokenPrincipal = (token: TokenHolder): Principal => ({
  id: 0,
  name: `API token "${token.name}"`,
  roles: ['viewer'],
  agencyIds: [],
  subgroupIds: [],
});

/**
 * Notes a token's use: `lastUsedAt` at most once a minute, and the first use of each London day in the audit trail,
 * so the trail says which days a reporting tool read the plans without a row for every refresh.
 */
export async function recordTokenUse(db: Db, token: TokenHolder & { lastUsedAt: string | null }, now: Date, actor: Actor, route: string) {
  const firstToday = token.lastUsedAt === null || londonToday(new Date(token.lastUsedAt)) !== londonToday(now);
  if (!firstToday && now.getTime() - Date.parse(token.lastUsedAt!) < TOUCH_EVERY_MS) return;
  await writeTransaction(db, async (tx) => {
    await tx.update(apiTokens).set({ lastUsedAt: nowIso(now) }).where(eq(apiTokens.id, token.id));
    if (firstToday) await recordAudit(tx, actor, { entity: 'api_token', entityId: token.id, operation: 'token_used', after: { route }, at: now });
  });
}

/** The name of what a scoped token is limited to, for the words of a refusal. */
export async function scopeName(db: Db, token: TokenHolder): Promise<string> {
  if (token.agencyId !== null) {
    const agency = await first(db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, token.agencyId)));
    return `the agency ${agency?.name ?? token.agencyId}`;
  }
  const subgroup = await first(db.select({ name: subgroups.name }).from(subgroups).where(eq(subgroups.id, token.subgroupId ?? 0)));
  return `the subgroup ${subgroup?.name ?? token.subgroupId}`;
}
