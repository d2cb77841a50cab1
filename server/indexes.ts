// `npm run server:indexes`: creates the indexes the server's queries need on a live Znuny
// database without blocking its writes (CREATE INDEX CONCURRENTLY, one statement at a time,
// outside any transaction), printing each statement. Re-runnable: an index already there is
// kept, one left invalid by an interrupted build is dropped and built again.
//   DATABASE_URL=postgres://owner@host/znuny npm run server:indexes
//   … npm run server:indexes -- --count-summary   also installs the optional per-customer count summary
//   … npm run server:indexes -- --no-trigram      leaves out the extension pg_trgm and the search's trigram indexes
// The trigram indexes need `CREATE EXTENSION pg_trgm`; a site that does not allow it is told so,
// and the searches keep their plain path (same results, slower on big tables).
import { pathToFileURL } from 'node:url';
import { installCountSummary } from './sql/seed.js';
import { CIC_INDEXES, CIC_TRIGRAM_INDEXES, SUMMARY_TRIGRAM_INDEX, TRIGRAM_EXTENSION } from './sql/schema.js';
import { openPostgres, unavailableFor, type Db } from './sql/db.js';

/** The CIC index statements, one each, as `CREATE INDEX CONCURRENTLY IF NOT EXISTS …`. */
export function concurrentIndexStatements(script = CIC_INDEXES): { name: string; sql: string }[] {
  return script
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement.startsWith('CREATE INDEX'))
    .map((statement) => {
      const name = /^CREATE INDEX IF NOT EXISTS (\w+)/.exec(statement)?.[1];
      if (!name) throw new Error(`Not an index statement of the expected form: ${statement.slice(0, 60)}`);
      return { name, sql: statement.replace('CREATE INDEX IF NOT EXISTS', 'CREATE INDEX CONCURRENTLY IF NOT EXISTS') };
    });
}

/** Creates every missing CIC index concurrently; `log` is told each step. */
export async function createIndexesConcurrently(db: Db, log: (line: string) => void = console.log, script = CIC_INDEXES): Promise<void> {
  for (const { name, sql } of concurrentIndexStatements(script)) {
    const { rows } = await db.query<{ valid: boolean }>(
      `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       WHERE c.relname = $1 AND c.relnamespace = to_regnamespace(current_schema())`,
      [name],
    );
    if (rows[0]?.valid) {
      log(`-- ${name}: already there`);
      continue;
    }
    if (rows[0]) {
      // An interrupted concurrent build leaves an invalid index that IF NOT EXISTS would keep.
      log(`DROP INDEX CONCURRENTLY ${name};  -- left invalid by an interrupted build`);
      await db.exec(`DROP INDEX CONCURRENTLY ${name}`);
    }
    log(`${sql.replace(/\s+/g, ' ')};`);
    const started = Date.now();
    await db.exec(sql);
    log(`-- ${name}: created in ${Date.now() - started} ms`);
  }
}

/**
 * Installs `pg_trgm` (if it is not there) and the search's trigram indexes, concurrently.
 * Answers whether the searches can take the trigram path; a database that refuses the
 * extension is reported through `log` and answered false (nothing else is changed).
 */
export async function createTrigramIndexes(db: Db, log: (line: string) => void = console.log): Promise<boolean> {
  log(`${TRIGRAM_EXTENSION};`);
  try {
    await db.exec(TRIGRAM_EXTENSION);
  } catch (error) {
    if (unavailableFor(error)) throw error;
    const { message, code } = error as { message?: string; code?: string };
    log(`-- pg_trgm: refused by the database (${message ?? error}${code ? `, SQLSTATE ${code}` : ''}).`);
    log('-- The customer and customer-user searches keep their plain path: the same results, slower on big tables.');
    log('-- To have them: a superuser (or the database owner, pg_trgm being trusted on PostgreSQL 13+) runs');
    log('--   CREATE EXTENSION pg_trgm;   then this command again, then restart the server.');
    return false;
  }
  await createIndexesConcurrently(db, log, CIC_TRIGRAM_INDEXES);
  const { rows } = await db.query<{ summary: string | null }>("SELECT to_regclass('cic_ticket_counts')::text AS summary");
  if (rows[0].summary) await createIndexesConcurrently(db, log, SUMMARY_TRIGRAM_INDEX);
  else log('-- no count summary: customers known only from tickets are found by walking their ids (install the summary, then run this again)');
  log('-- trigram indexes there: the server takes the trigram path for searches from its next start.');
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('[cic-indexes] set DATABASE_URL=postgres://… (a role that owns the ticket tables)');
    process.exit(1);
  }
  const db = await openPostgres(url, { max: 1, connectionTimeoutMillis: 10_000 });
  try {
    await createIndexesConcurrently(db);
    if (process.argv.includes('--count-summary')) {
      console.log('-- count summary: table cic_ticket_counts, trigger cic_ticket_counts on ticket (filled once, in one transaction)');
      await installCountSummary(db);
    }
    if (process.argv.includes('--no-trigram')) console.log('-- pg_trgm and the trigram indexes: left out (--no-trigram); the searches keep their plain path');
    else await createTrigramIndexes(db);
    console.log('-- done');
  } finally {
    await db.close();
  }
}
