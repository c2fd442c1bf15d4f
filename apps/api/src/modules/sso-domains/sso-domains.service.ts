import { asc, eq } from 'drizzle-orm';
import type { SsoDomain, SsoDomainCreate } from '@lrt/contracts';
import { agencies, first, ssoDomains, writeTransaction, type Db } from '@lrt/db';
import { recordAudit, type Actor } from '../../lib/audit';
import { requireReferences } from '../../lib/persistence';
import { conflict, ProblemError } from '../../plugins/problems';

type Row = typeof ssoDomains.$inferSelect;
const toDto = (row: Row): SsoDomain => ({ domain: row.domain, roles: [...row.roles].sort(), agencyId: row.agencyId, createdAt: row.createdAt });
/** What the audit trail keeps of a domain (its key is text, so the event names it in its fields). */
const auditView = (domain: SsoDomain) => ({ domain: domain.domain, roles: domain.roles, agencyId: domain.agencyId });

const notFound = (domain: string) => new ProblemError(404, 'sso_domain.not_found', 'Not found', `No accounts are opened for ${domain}.`);

/** The email domains whose people get an account the first time they sign in with their organisation. */
export async function listSsoDomains(db: Db): Promise<SsoDomain[]> {
  return (await db.select().from(ssoDomains).orderBy(asc(ssoDomains.domain))).map(toDto);
}

export async function createSsoDomain(db: Db, input: SsoDomainCreate, now: Date, actor: Actor): Promise<SsoDomain> {
  return writeTransaction(db, async (tx) => {
    await requireReferences(tx, [{ table: agencies, ids: input.agencyId, path: 'agencyId', what: 'agency' }]);
    if (await first(tx.select({ domain: ssoDomains.domain }).from(ssoDomains).where(eq(ssoDomains.domain, input.domain)))) {
      throw conflict('sso_domain.taken', 'domain', 'accounts are already opened for this domain; remove it first to change its roles');
    }
    const [row] = await tx
      .insert(ssoDomains)
      .values({ domain: input.domain, roles: [...new Set(input.roles)], agencyId: input.agencyId, createdAt: now.toISOString(), createdByUserId: actor.id })
      .returning();
    const created = toDto(row!);
    await recordAudit(tx, actor, { entity: 'sso_domain', entityId: null, operation: 'create', after: auditView(created), at: now });
    return created;
  });
}

/** Stops opening accounts for a domain. Accounts already opened stay as they are. */
export async function deleteSsoDomain(db: Db, domain: string, now: Date, actor: Actor): Promise<void> {
  await writeTransaction(db, async (tx) => {
    const row = await first(tx.select().from(ssoDomains).where(eq(ssoDomains.domain, domain)));
    if (!row) throw notFound(domain);
    await tx.delete(ssoDomains).where(eq(ssoDomains.domain, domain));
    await recordAudit(tx, actor, { entity: 'sso_domain', entityId: null, operation: 'delete', before: auditView(toDto(row)), at: now });
  });
}
