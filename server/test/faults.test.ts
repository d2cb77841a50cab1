import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { UnavailableError } from '../../src/data/contract/errors.js';
import { CONFORMANCE_AGENT_ID, CONFORMANCE_NOW, conformanceData } from '../../src/testing/conformance-data.js';
import { createServer, prepareDatabase } from '../app.js';
import { openPglite, openPostgres, unavailableFor } from '../sql/db.js';

const TOKENS = { 'token-me': CONFORMANCE_AGENT_ID };
const AUTHORIZED = { Authorization: 'Bearer token-me' };
/** Longer than any answer may take even on a loaded machine: a request still open then is hanging. */
const HANGING_MS = 15_000;

interface Outcome {
  status: number;
  retryAfter: string | null;
  /** Access-Control-Expose-Headers. */
  exposed?: string | null;
  /** When the answer came (ms since the epoch). */
  at: number;
  /** Set when no answer came: the fetch failed or hung until `HANGING_MS`. */
  failure?: string;
}

async function request(url: string, headers: Record<string, string> = {}): Promise<Outcome> {
  try {
    const response = await fetch(url, { headers: { ...AUTHORIZED, ...headers }, signal: AbortSignal.timeout(HANGING_MS) });
    await response.arrayBuffer();
    const header = (name: string) => response.headers.get(name);
    return { status: response.status, retryAfter: header('Retry-After'), exposed: header('Access-Control-Expose-Headers'), at: Date.now() };
  } catch (error) {
    return { status: 0, retryAfter: null, at: Date.now(), failure: String(error) };
  }
}

/** Requests `url` from `workers` loops, one after the other in each, until stopped or `maxRequests` were sent. */
function traffic(url: string, { workers, maxRequests }: { workers: number; maxRequests: number }) {
  const outcomes: Outcome[] = [];
  let sent = 0;
  let stopped = false;
  const loop = async () => {
    while (!stopped && sent < maxRequests) {
      sent++;
      outcomes.push(await request(url));
      // Not a busy loop against a database that refuses at once.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const running = Promise.all(Array.from({ length: workers }, loop));
  return {
    outcomes,
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}

/** Waits until `done()` holds, checking every 20 ms; fails after `timeoutMs`. */
async function until(what: string, done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function listen(app: Awaited<ReturnType<typeof createServer>>) {
  const { serve } = await import('@hono/node-server');
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({
        url: `http://127.0.0.1:${info.port}/api`,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    );
  });
}

describe('database errors', () => {
  const error = (message: string, code?: string) => Object.assign(new Error(message), { code });

  it('are a 503 with a retry time when the database is down, busy, or going away', () => {
    for (const down of [
      error('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      error('Connection terminated due to connection timeout'),
      error('Connection terminated unexpectedly'),
      error('terminating connection due to administrator command', '57P01'),
      error('the database system is starting up', '57P03'),
      error('the database system is shutting down', '57P03'),
      error('connection failure', '08006'),
      error('timeout exceeded when trying to connect'),
      error('sorry, too many clients already', '53300'),
    ]) {
      const unavailable = unavailableFor(down);
      assert.ok(unavailable instanceof UnavailableError, down.message);
      assert.ok(unavailable.retryAfterMs >= 1000, down.message);
      assert.ok(!unavailable.message.includes(down.message), 'the database\'s own words stay out of the answer');
    }
  });

  it('are the request\'s own otherwise', () => {
    assert.equal(unavailableFor(error('duplicate key value violates unique constraint', '23505')), undefined);
    assert.equal(unavailableFor(error('value too long for type character varying(50)', '22001')), undefined);
    assert.equal(unavailableFor('not an error'), undefined);
  });
});

const postgresUrl = process.env.CIC_TEST_DATABASE_URL;
const pgCtl = process.env.CIC_TEST_PG_CTL;
const postgresSkip = !postgresUrl
  ? 'no PostgreSQL: set CIC_TEST_DATABASE_URL (scripts/with-postgres.sh does)'
  : !pgCtl
    ? 'no way to stop the database: set CIC_TEST_PG_CTL (scripts/with-postgres.sh does)'
    : false;

describe('reference server while PostgreSQL restarts', { skip: postgresSkip, timeout: 120_000 }, () => {
  it('answers 503 with Retry-After while the database is down, and 200 again soon after it is back', async () => {
    const control = (command: 'start' | 'stop') => promisify(execFile)(pgCtl!, [command], { timeout: 60_000 });
    const db = await openPostgres(postgresUrl!, { max: 6, connectionTimeoutMillis: 2000 });
    let server: Awaited<ReturnType<typeof listen>> | undefined;
    let load: ReturnType<typeof traffic> | undefined;
    try {
      await db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
      await prepareDatabase(db, conformanceData());
      server = await listen(await createServer({ db, tokens: TOKENS, now: () => CONFORMANCE_NOW }));
      const url = `${server.url}/company-status?customerId=BIG`;
      // Six connections open at once; two loops then leave some of them idle, where the pool
      // hears of the shutdown through an 'error' event of its own.
      const warm = await Promise.all(Array.from({ length: 6 }, () => request(url)));
      assert.deepEqual(warm.map((o) => o.status), [200, 200, 200, 200, 200, 200]);

      load = traffic(url, { workers: 2, maxRequests: 5_000 });
      const { outcomes } = load;
      await until('answers before the stop', () => outcomes.length >= 10, 30_000);
      await control('stop');
      const down = Date.now();
      await until('answers while down', () => outcomes.filter((o) => o.at > down).length >= 10, 30_000);
      const whileDown = outcomes.filter((o) => o.at > down);
      await control('start');
      const back = Date.now();
      await until('a 200 after the restart', () => outcomes.some((o) => o.at > back && o.status === 200), 30_000);
      const firstOk = outcomes.find((o) => o.at > back && o.status === 200)!;
      await load.stop();

      assert.deepEqual(outcomes.filter((o) => o.failure), [], 'every request was answered');
      const statuses = new Set(outcomes.map((o) => o.status));
      assert.deepEqual([...statuses].filter((s) => s !== 200 && s !== 503), [], `only 200 and 503: ${[...statuses]}`);
      assert.deepEqual(whileDown.map((o) => o.status).filter((s) => s !== 503), [], 'every answer while down is 503');
      for (const outcome of outcomes.filter((o) => o.status === 503)) assert.match(outcome.retryAfter ?? '', /^[1-9]\d*$/);
      assert.ok(firstOk.at - back < 5_000, `served again ${firstOk.at - back} ms after the database was back`);
      assert.equal((await request(url)).status, 200);
    } finally {
      await load?.stop();
      await control('start').catch(() => {}); // already running unless the test failed while it was down
      await server?.close();
      await db.close();
    }
  });
});

describe('reference server on PGlite under more load than it takes', () => {
  it('refuses queries beyond the in-flight and queue bounds at once', async () => {
    const db = await openPglite(undefined, { maxInFlight: 2, maxQueued: 3 });
    try {
      const settled = await Promise.allSettled(Array.from({ length: 20 }, () => db.query('SELECT 1')));
      const refused = settled.filter((s) => s.status === 'rejected');
      assert.equal(settled.length - refused.length, 5, 'two running and three waiting are answered');
      for (const r of refused) {
        assert.ok(r.reason instanceof UnavailableError, String(r.reason));
        assert.ok(r.reason.retryAfterMs > 0);
      }
      assert.deepEqual((await db.query('SELECT 1 AS one')).rows, [{ one: 1 }], 'serves again once the queue drained');
    } finally {
      await db.close();
    }
  });

  it('answers a burst beyond the bounds with 503 and Retry-After, and every request gets an answer', async () => {
    const db = await openPglite(undefined, { maxInFlight: 1, maxQueued: 4 });
    let server: Awaited<ReturnType<typeof listen>> | undefined;
    try {
      await prepareDatabase(db, conformanceData());
      const origin = 'https://helpdesk.example';
      server = await listen(await createServer({ db, tokens: TOKENS, now: () => CONFORMANCE_NOW, corsOrigins: [origin] }));
      const url = `${server.url}/tickets?customerId=BIG&view=all&size=50`;
      const outcomes = await Promise.all(Array.from({ length: 60 }, () => request(url, { Origin: origin })));
      assert.deepEqual(outcomes.filter((o) => o.failure), [], 'every request was answered');
      const ok = outcomes.filter((o) => o.status === 200);
      const refused = outcomes.filter((o) => o.status === 503);
      assert.equal(ok.length + refused.length, outcomes.length, `only 200 and 503: ${outcomes.map((o) => o.status)}`);
      assert.ok(ok.length > 0 && refused.length > 0, `${ok.length} answered, ${refused.length} refused`);
      for (const outcome of refused) {
        assert.match(outcome.retryAfter ?? '', /^[1-9]\d*$/);
        assert.match(outcome.exposed ?? '', /Retry-After/i, 'a page on another origin can read Retry-After');
      }
    } finally {
      await server?.close();
      await db.close();
    }
  });
});
