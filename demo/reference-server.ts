// The reference server for the demo page: the REST contract answered with SQL on the Znuny
// schema in embedded PGlite, loaded with the same generated data the page's in-memory source
// uses. `demo/vite.config.ts` mounts it under /api on the page's own origin.
import type { Hono } from 'hono';
import { generateDemoData } from '../src/data/demo/demo-data.js';
import { createServer, prepareDatabase } from '../server/app.js';
import { openPglite, type Db } from '../server/sql/db.js';

export interface DemoServer {
  app: Hono;
  db: Db;
}

/**
 * Creates the tables, loads the demo data and answers the server, which accepts the demo
 * tokens `demo-<agent login>` for every agent. Takes seconds (PGlite starts and loads
 * 30,000 tickets): call it when the reference server is first wanted.
 */
export async function createDemoServer(): Promise<DemoServer> {
  const data = generateDemoData({ now: new Date() });
  const db = await openPglite();
  await prepareDatabase(db, data);
  const tokens = Object.fromEntries((data.agents ?? []).map((agent) => [`demo-${agent.id}`, agent.id]));
  return { app: await createServer({ db, tokens }), db };
}
