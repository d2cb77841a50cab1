// Several server processes on one port (CIC_WORKERS, see server/main.ts): node:cluster's primary
// forks the workers, which share the listening socket; it holds no state of the service itself.
import cluster, { type Worker } from 'node:cluster';

export interface WorkersOptions {
  /** Environment added to every worker's (the cursor secret every worker must share). */
  env?: Record<string, string>;
  /** The first restart waits this long (ms, default 500); each further one in a row twice as long. */
  restartDelayMs?: number;
  /** …up to this (ms, default 30,000). */
  maxRestartDelayMs?: number;
  /** A worker that ran this long (ms, default 30,000) before it died starts the backoff over. */
  stableAfterMs?: number;
  /** How long workers have to finish their requests on SIGTERM before they are killed (ms, default 10,000). */
  shutdownTimeoutMs?: number;
  log?: (message: string) => void;
}

/**
 * Forks `count` workers and keeps them running: a worker that dies is started again, after a
 * delay that doubles while workers keep dying soon after they start (a database that is down,
 * a bad setting) so that a crash loop does not spin. SIGTERM and SIGINT are passed on to every
 * worker, which stop taking connections and finish what they serve; the primary exits once they
 * all have (or kills them after `shutdownTimeoutMs`).
 */
export function runWorkers(count: number, options: WorkersOptions = {}): void {
  const log = options.log ?? ((message: string) => console.log(`[cic-server] ${message}`));
  const restartDelayMs = options.restartDelayMs ?? 500;
  const maxRestartDelayMs = options.maxRestartDelayMs ?? 30_000;
  const stableAfterMs = options.stableAfterMs ?? 30_000;
  const started = new Map<Worker, number>();
  let failuresInARow = 0;
  let stopping = false;

  const fork = () => {
    const worker = cluster.fork(options.env);
    started.set(worker, Date.now());
  };

  cluster.on('exit', (worker, code, signal) => {
    const ranMs = Date.now() - (started.get(worker) ?? Date.now());
    started.delete(worker);
    if (stopping) {
      if (!started.size) process.exit(0);
      return;
    }
    failuresInARow = ranMs >= stableAfterMs ? 1 : failuresInARow + 1;
    const delay = Math.min(maxRestartDelayMs, restartDelayMs * 2 ** (failuresInARow - 1));
    log(`worker ${worker.process.pid} ended (${signal ?? `exit code ${code}`}) after ${Math.round(ranMs / 1000)} s: starting another in ${delay} ms`);
    setTimeout(() => {
      if (!stopping) fork();
    }, delay);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      if (!started.size) process.exit(0);
      for (const worker of started.keys()) worker.process.kill('SIGTERM');
      setTimeout(() => {
        for (const worker of started.keys()) worker.process.kill('SIGKILL');
        process.exit(1);
      }, options.shutdownTimeoutMs ?? 10_000).unref();
    });
  }

  for (let i = 0; i < count; i++) fork();
  log(`${count} workers started (primary ${process.pid})`);
}
