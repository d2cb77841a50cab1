import { CONFORMANCE_AGENT_ID, CONFORMANCE_NOW, conformanceData } from '../../src/testing/conformance-data.js';
import { createServer, prepareDatabase, type ServerOptions } from '../app.js';
import { openPglite, openPostgres, type Db } from '../sql/db.js';

/** The tokens of the test servers: the conformance agent, and one that may read the Support queue only. */
export const TOKENS = { 'token-me': CONFORMANCE_AGENT_ID, 'token-limited': 'agent-limited' };

/** Where a test server keeps its data: PGlite (always), PostgreSQL when `CIC_TEST_DATABASE_URL` is set. */
export const DATABASES: { name: string; open: () => Promise<Db> }[] = [
  { name: 'PGlite', open: () => openPglite() },
  ...(process.env.CIC_TEST_DATABASE_URL ? [{ name: 'PostgreSQL', open: () => openPostgres(process.env.CIC_TEST_DATABASE_URL!, { max: 5 }) }] : []),
];

/**
 * A reference server on a fresh database with the conformance data; `agent-limited` may read
 * the Support queue only (Billing belongs to a group only the conformance agent has).
 * `setupSql` runs before the server starts.
 */
export async function testServer(open: () => Promise<Db> = () => openPglite(), options: Partial<ServerOptions> = {}, setupSql = '') {
  const db = await open();
  await db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  await prepareDatabase(db, conformanceData());
  await db.exec(`
    INSERT INTO permission_groups (id, name, valid_id) VALUES (2, 'billing', 1);
    UPDATE queue SET group_id = 2 WHERE name = 'Billing';
    INSERT INTO users (login, first_name, last_name, valid_id) VALUES ('agent-limited', 'Lim', 'Ited', 1);
    INSERT INTO group_user (user_id, group_id, permission_key)
      SELECT id, 1, 'ro' FROM users WHERE login = 'agent-limited'
      UNION ALL SELECT id, 2, 'rw' FROM users WHERE login = '${CONFORMANCE_AGENT_ID}';
    ${setupSql}`);
  const app = await createServer({ db, tokens: TOKENS, now: () => CONFORMANCE_NOW, ...options });
  const call = (path: string, init: RequestInit & { token?: string } = {}) =>
    app.fetch(new Request(`http://server/api${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${init.token ?? 'token-me'}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
    }));
  const json = async (path: string, init?: RequestInit & { token?: string }) => (await call(path, init)).json();
  return { db, app, call, json };
}

export type TestServer = Awaited<ReturnType<typeof testServer>>;
