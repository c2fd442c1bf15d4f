import { defineConfig } from 'drizzle-kit';

/** The PostgreSQL migrations, generated from the tables derived from the one schema (packages/db/src/postgres). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/db/src/postgres/tables.ts',
  out: './migrations/postgres',
});
