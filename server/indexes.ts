// `npm run server:indexes`: creates the indexes the server's queries need on a live Znuny
// database without blocking its writes (CREATE INDEX CONCURRENTLY, one statement at a time,
// outside any transaction), printing each statement. Re-runnable: an index already there is
// kept, one left invalid by an interrupted build is dropped and built again.
//   DATABASE_URL=postgres://owner@host/znuny npm run server:indexes
//   … npm run server:indexes -- --count-summary   also installs the optional per-customer count summary
import { pathToFileURL } from 'node:url';
import { installCountSummary } from './sql/seed.js';
import { CIC_INDEXES } from './sql/schema.js';
import { openPostgres, type Db } from './sql/db.js';

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
export async function createIndexesConcurrently(db: Db, log: (line: string) => void = console.log): Promise<void> {
  for (const { name, sql } of concurrentIndexStatements()) {
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
    console.log('-- done');
  } finally {
    await db.close();
  }
}
