import { randomBytes } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { Role } from '@lrt/contracts';
import { agencies, first, reviews, type Db } from '@lrt/db';
import { SYSTEM_ACTOR } from '../../lib/audit';
import { createUser } from './users.service';

export interface DemoAccount {
  email: string;
  name: string;
  roles: Role[];
  agencyIds: number[];
  subgroupIds: number[];
}

/** One account per role, tied to the demo's police agency, a health agency and its busiest subgroup. */
export async function demoAccounts(db: Db): Promise<DemoAccount[]> {
  const police = await first(db.select({ id: agencies.id }).from(agencies).where(eq(agencies.kind, 'police')).orderBy(asc(agencies.id)));
  const health = await first(
    db
      .select({ id: agencies.id })
      .from(agencies)
      .where(sql`${agencies.kind} = 'health' and ${agencies.active}`)
      .orderBy(asc(agencies.id)),
  );
  const busiest = await first(
    db
      .select({ id: reviews.subgroupId })
      .from(reviews)
      .where(sql`${reviews.subgroupId} is not null`)
      .groupBy(reviews.subgroupId)
      .orderBy(sql`count(*) desc`, asc(reviews.subgroupId)),
  );
  if (!police || !health || !busiest?.id) throw new Error('The demo partnership needs a police agency, a health agency and a subgroup');
  return [
    { email: 'admin@demo.example', name: 'Alex Morgan', roles: ['admin'], agencyIds: [], subgroupIds: [] },
    { email: 'chair@demo.example', name: 'Professor Ruth Okafor', roles: ['independent_chair'], agencyIds: [], subgroupIds: [] },
    { email: 'subgroup@demo.example', name: 'Helen Marsh', roles: ['subgroup_chair'], agencyIds: [], subgroupIds: [busiest.id] },
    { email: 'police@demo.example', name: 'DI Sam Patel', roles: ['agency_lead'], agencyIds: [police.id], subgroupIds: [] },
    { email: 'health@demo.example', name: 'Jo Whitfield', roles: ['agency_lead'], agencyIds: [health.id], subgroupIds: [] },
    { email: 'viewer@demo.example', name: 'Chris Lane', roles: ['viewer'], agencyIds: [], subgroupIds: [] },
  ];
}

/** A password for the demo accounts when DEMO_PASSWORD is not set: 128 bits, shown once. */
export const randomDemoPassword = () => randomBytes(16).toString('base64url');

export async function createDemoAccounts(db: Db, password: string, now: Date, scryptCost?: number) {
  const accounts = await demoAccounts(db);
  for (const account of accounts) {
    await createUser(db, { ...account, password }, now, SYSTEM_ACTOR, scryptCost, { mustChangePassword: false });
  }
  return accounts;
}
