// CIC_WORKERS: several server processes on one port, on PostgreSQL (scripts/with-postgres.sh).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { openPostgres } from '../sql/db.js';

const postgresUrl = process.env.CIC_TEST_DATABASE_URL;
const MAIN = new URL('../main.ts', import.meta.url).pathname;

/** A port nobody listens on now. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });

interface Answer {
  status: number;
  worker: string | undefined;
  body: string;
}

/** One request on a connection of its own (a kept-alive connection would stay with one worker). */
const get = (port: number, path: string, token = 'demo-agent-1') =>
  new Promise<Answer>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: `/api${path}`, agent: false, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, worker: res.headers['x-cic-worker'] as string | undefined, body }));
    });
    req.on('error', reject);
    // A connection handed to a worker as it is killed is never answered: given up, asked again.
    req.setTimeout(5000, () => req.destroy(new Error('no answer')));
    req.end();
  });

/** Asks until `done` says yes (at most `tries` times, 100 ms apart). */
async function until<T>(what: string, ask: () => Promise<T | undefined>, tries = 300): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const found = await ask().catch(() => undefined);
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting: ${what}`);
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

describe('CIC_WORKERS', () => {
  it('refuses more than one worker without PostgreSQL, with a message that says why', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, CIC_WORKERS: '2', CIC_TOKENS: 't=agent-1', PORT: String(await freePort()) };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const { code } = await exited(child);
    assert.equal(code, 1);
    assert.match(stderr, /CIC_WORKERS.*DATABASE_URL/);
  });
});

describe('CIC_WORKERS=2 on PostgreSQL', { skip: postgresUrl ? false : 'no PostgreSQL: set CIC_TEST_DATABASE_URL (scripts/with-postgres.sh does)' }, () => {
  let child: ChildProcess;
  let port: number;
  let log = '';

  before(async () => {
    // A database of its own, so as not to disturb the others' tables.
    const admin = await openPostgres(postgresUrl!, { max: 1 });
    await admin.query('DROP DATABASE IF EXISTS cic_workers WITH (FORCE)');
    await admin.query('CREATE DATABASE cic_workers');
    await admin.close();
    const url = new URL(postgresUrl!);
    url.pathname = '/cic_workers';
    port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: { ...process.env, CIC_WORKERS: '2', DATABASE_URL: url.href, CIC_SEED: '1', CIC_DEMO_TOKENS: '1', CIC_DEBUG_WORKER: '1', PORT: String(port), HOST: '127.0.0.1', CIC_CURSOR_SECRET: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (log += chunk));
    child.stderr!.on('data', (chunk) => (log += chunk));
    await until('the server answers', async () => ((await get(port, '/capabilities')).status === 200 ? true : undefined));
  });

  after(async () => {
    if (process.env.DEBUG_WORKERS_TEST) console.log(log);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited(child);
    }
  });

  /** Asks until `count` different workers have answered; returns their pids. */
  const workersAnswering = async (count: number, path = '/capabilities') => {
    const seen = new Set<string>();
    await until(`${count} workers answering`, async () => {
      const answer = await get(port, path);
      assert.equal(answer.status, 200, answer.body);
      assert.ok(answer.worker, 'each answer names its worker (CIC_DEBUG_WORKER=1)');
      seen.add(answer.worker);
      return seen.size >= count ? true : undefined;
    });
    return [...seen];
  };

  it('answers from both workers on the one port', async () => {
    const pids = await workersAnswering(2);
    assert.equal(pids.length, 2);
    assert.ok(!pids.includes(String(child.pid)), 'the primary serves no requests');
  });

  it('accepts a page cursor of one worker on the other (one secret for all)', async () => {
    const first = await get(port, '/tickets?customerId=BIGCORP&view=all&size=5&sort=age:desc');
    assert.equal(first.status, 200, first.body);
    const cursor = JSON.parse(first.body).nextCursor as string;
    assert.ok(cursor, 'the first page has a next one');
    const next = await until('the next page from the other worker', async () => {
      const answer = await get(port, `/tickets?customerId=BIGCORP&view=all&size=5&sort=age:desc&cursor=${encodeURIComponent(cursor)}`);
      assert.equal(answer.status, 200, answer.body);
      return answer.worker !== first.worker ? answer : undefined;
    });
    const firstIds = JSON.parse(first.body).items.map((t: { id: string }) => t.id);
    const nextIds = JSON.parse(next.body).items.map((t: { id: string }) => t.id);
    assert.equal(nextIds.length, 5);
    assert.deepEqual(nextIds.filter((id: string) => firstIds.includes(id)), [], 'the next page goes on from the first');
  });

  it('starts a worker that dies again', { timeout: 60_000 }, async () => {
    const before = await workersAnswering(2);
    const victim = before[0];
    process.kill(Number(victim), 'SIGKILL');
    // The new worker has a pid of its own.
    const restarted = await until('a restarted worker answering', async () => {
      const answer = await get(port, '/capabilities');
      return answer.status === 200 && answer.worker && !before.includes(answer.worker) ? answer.worker : undefined;
    });
    const now = await workersAnswering(2);
    assert.ok(now.includes(restarted) && now.includes(before[1]), 'the survivor and the new worker answer');
    assert.ok(!now.includes(victim), 'the killed worker answers no more');
    assert.match(log, /ended \(SIGKILL\).*starting another/);
  });

  it('stops gracefully on SIGTERM: the workers, then the primary', async () => {
    child.kill('SIGTERM');
    const { code } = await exited(child);
    assert.equal(code, 0, log);
  });
});
