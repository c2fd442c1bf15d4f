import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { CreatedUser, NewUser, User, UserCreate, UserPatch } from '@lrt/contracts';
import { agencies, first, subgroups, userAgencies, userRoles, userSubgroups, users, writeTransaction, type Db, type Tx } from '@lrt/db';
import { passwordProblem } from '../../domain/password-policy';
import type { Actor } from '../../lib/audit';
import { recordAudit } from '../../lib/audit';
import { TEXT_THEN_ID, decodeCursor, toPage } from '../../lib/pagination';
import { explainConstraint, isUniqueViolation, nowIso, recordCreation, replaceLinks, requireReferences, updateVersioned } from '../../lib/persistence';
import { DEFAULT_SCRYPT_COST, hashPassword } from '../../lib/password-hash';
import { conflict, notFound, unprocessable } from '../../plugins/problems';
import { endAllSessions } from '../../plugins/auth';
import { inviteUser } from '../account-links/account-links.service';
import { NO_PASSWORD_HASH } from '../auth/oidc.service';

type UserRow = typeof users.$inferSelect;

async function toDtos(db: Db | Tx, rows: UserRow[]): Promise<User[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const roles = await db.select().from(userRoles).where(inArray(userRoles.userId, ids));
  const agencyLinks = await db.select().from(userAgencies).where(inArray(userAgencies.userId, ids)).orderBy(userAgencies.agencyId);
  const subgroupLinks = await db.select().from(userSubgroups).where(inArray(userSubgroups.userId, ids)).orderBy(userSubgroups.subgroupId);
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    roles: roles.filter((r) => r.userId === row.id).map((r) => r.role).sort(),
    agencyIds: agencyLinks.filter((a) => a.userId === row.id).map((a) => a.agencyId),
    subgroupIds: subgroupLinks.filter((s) => s.userId === row.id).map((s) => s.subgroupId),
    active: row.active,
    lastSignInAt: row.lastSignInAt,
    mustChangePassword: row.mustChangePassword,
    secondFactorEnabledAt: row.totpSecret ? row.totpEnabledAt : null,
    version: row.version,
  }));
}

export async function getUser(db: Db | Tx, id: number): Promise<User> {
  const row = await first(db.select().from(users).where(eq(users.id, id)));
  if (!row) throw notFound('user', id);
  return (await toDtos(db, [row]))[0] as User;
}

export interface UserListQuery {
  limit: number;
  cursor?: string | undefined;
  role?: string[] | undefined;
  agencyId?: number[] | undefined;
  active?: boolean | undefined;
  q?: string | undefined;
}

export async function listUsers(db: Db, query: UserListQuery) {
  const after = decodeCursor(query.cursor, TEXT_THEN_ID);
  const nameKey = sql<string>`lower(${users.name})`;
  const conditions: (SQL | undefined)[] = [
    query.role?.length ? inArray(users.id, db.select({ id: userRoles.userId }).from(userRoles).where(inArray(userRoles.role, query.role as User['roles']))) : undefined,
    query.agencyId?.length ? inArray(users.id, db.select({ id: userAgencies.userId }).from(userAgencies).where(inArray(userAgencies.agencyId, query.agencyId))) : undefined,
    query.active === undefined ? undefined : eq(users.active, query.active),
    // Case-insensitive on both databases (SQLite's like already is, for ASCII; PostgreSQL's is not).
    query.q ? or(sql`lower(${users.name}) like lower(${`%${query.q}%`})`, sql`lower(${users.email}) like lower(${`%${query.q}%`})`) : undefined,
    after ? or(gt(nameKey, after[0] as string), and(eq(nameKey, after[0] as string), gt(users.id, after[1] as number))) : undefined,
  ];
  const rows = await db.select().from(users).where(and(...conditions)).orderBy(asc(nameKey), asc(users.id)).limit(query.limit + 1);
  const page = toPage(rows, query.limit, (r) => [r.name.toLowerCase(), r.id]);
  return { items: await toDtos(db, page.items), nextCursor: page.nextCursor };
}

interface RoleShape {
  roles: User['roles'];
  agencyIds: number[];
  subgroupIds: number[];
}

/** An agency lead speaks for at least one agency; a subgroup chair chairs at least one subgroup. */
async function checkRoles(tx: Tx, shape: RoleShape) {
  await requireReferences(tx, [
    { table: agencies, ids: shape.agencyIds, path: 'agencyIds', what: 'agency' },
    { table: subgroups, ids: shape.subgroupIds, path: 'subgroupIds', what: 'subgroup' },
  ]);
  const errors = [];
  if (shape.roles.includes('agency_lead') && shape.agencyIds.length === 0) errors.push({ path: 'agencyIds', message: 'an agency lead needs at least one agency' });
  if (shape.roles.includes('subgroup_chair') && shape.subgroupIds.length === 0) errors.push({ path: 'subgroupIds', message: 'a subgroup chair needs at least one subgroup' });
  if (errors.length > 0) throw unprocessable('user.invalid', errors);
}

async function writeRoleLinks(tx: Tx, userId: number, shape: Partial<RoleShape>) {
  if (shape.roles) await replaceLinks(tx, userRoles, userRoles.userId, userId, [...new Set(shape.roles)].map((role) => ({ userId, role })));
  if (shape.agencyIds) {
    await replaceLinks(tx, userAgencies, userAgencies.userId, userId, [...new Set(shape.agencyIds)].map((agencyId) => ({ userId, agencyId })));
  }
  if (shape.subgroupIds) {
    await replaceLinks(tx, userSubgroups, userSubgroups.userId, userId, [...new Set(shape.subgroupIds)].map((subgroupId) => ({ userId, subgroupId })));
  }
}

function checkPassword(password: string, context: { email?: string; name?: string }) {
  const problem = passwordProblem(password, context);
  if (problem) throw unprocessable('user.weak_password', [{ path: 'password', message: problem }]);
}

/**
 * Creates a user. A password an administrator typed is theirs to know, so by default the user must change it at
 * first sign-in; the demo accounts and the first administrator (made on the command line) are not asked to.
 * Instead of a password, an admin can send an invitation email, in the same transaction: the user then chooses
 * their own password with its link, and has none until then.
 */
export async function createUser(
  db: Db,
  input: NewUser | UserCreate,
  now: Date,
  actor: Actor,
  scryptCost = DEFAULT_SCRYPT_COST,
  { mustChangePassword = true }: { mustChangePassword?: boolean } = {},
): Promise<CreatedUser> {
  const invite = 'sendInvitation' in input && input.sendInvitation;
  if (input.password !== undefined) checkPassword(input.password, input);
  // Invited by email: no password anyone knows until they choose their own with the link.
  const passwordHash = input.password !== undefined ? await hashPassword(input.password, scryptCost) : NO_PASSWORD_HASH;
  return writeTransaction(db, async (tx) => {
    await checkRoles(tx, input);
    try {
      const [row] = await tx
        .insert(users)
        .values({
          email: input.email,
          name: input.name,
          passwordHash,
          mustChangePassword: mustChangePassword && !invite,
          createdAt: nowIso(now),
          updatedAt: nowIso(now),
        })
        .returning({ id: users.id });
      await writeRoleLinks(tx, row!.id, input);
      const created = await getUser(tx, row!.id);
      await recordCreation(tx, actor, 'user', created, now);
      return { ...created, invitation: invite ? await inviteUser(tx, { userId: row!.id, now, actor }) : null };
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_unique')) {
        throw conflict('user.email_taken', 'email', 'another user has this email address');
      }
      explainConstraint(error);
    }
  });
}

/**
 * Changes a user. A new password or deactivation ends every session of theirs at once, and a password set here
 * must be changed by its user at their next sign-in. Admins cannot deactivate themselves or drop their own admin
 * role, so the partnership is never left without one, and cannot set their own password here: they change it
 * on their account page, with the current one, so a stolen session cannot keep the account.
 */
export async function patchUser(db: Db, id: number, patch: UserPatch, now: Date, actor: Actor, scryptCost: number): Promise<User> {
  const { version, password, roles, agencyIds, subgroupIds, ...values } = patch;
  const existing = await getUser(db, id);
  if (password && actor.id === id) {
    throw unprocessable('user.own_password', [{ path: 'password', message: 'change your own password on your account page, with your current one' }]);
  }
  if (password) checkPassword(password, { email: patch.email ?? existing.email, name: patch.name ?? existing.name });
  const passwordHash = password ? await hashPassword(password, scryptCost) : undefined;
  return writeTransaction(db, async (tx) => {
    const current = await getUser(tx, id);
    const shape = { roles: roles ?? current.roles, agencyIds: agencyIds ?? current.agencyIds, subgroupIds: subgroupIds ?? current.subgroupIds };
    const check = async () => {
      await checkRoles(tx, shape);
      if (actor.id === id && (values.active === false || (roles && !roles.includes('admin') && current.roles.includes('admin')))) {
        throw unprocessable('user.cannot_lock_out_self', [
          { path: values.active === false ? 'active' : 'roles', message: 'you cannot remove your own access; ask another administrator' },
        ]);
      }
    };
    let updated: User;
    try {
      updated = await updateVersioned(tx, {
        table: users,
        resource: 'user',
        id,
        version,
        values: { ...values, ...(passwordHash ? { passwordHash, mustChangePassword: true, passwordChangedAt: nowIso(now) } : {}) },
        now,
        actor,
        current: () => getUser(tx, id),
        check,
        ...(roles || agencyIds || subgroupIds ? { alsoWrite: () => writeRoleLinks(tx, id, { roles, agencyIds, subgroupIds }) } : {}),
        // The hash never enters the trail; that the password changed does.
        ...(password ? { alsoChanged: { before: { password: 'previous' }, after: { password: 'changed' } } } : {}),
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_unique')) {
        throw conflict('user.email_taken', 'email', 'another user has this email address');
      }
      throw error;
    }
    if (password || values.active === false) await endAllSessions(tx, id);
    return updated;
  });
}

export async function revokeSessions(db: Db, id: number, now: Date, actor: Actor): Promise<number> {
  return writeTransaction(db, async (tx) => {
    await getUser(tx, id);
    const ended = await endAllSessions(tx, id);
    await recordAudit(tx, actor, { entity: 'user', entityId: id, operation: 'sessions_revoked', after: { sessionsEnded: ended }, at: now });
    return ended;
  });
}
