import type { DataSource } from '../../src/data/contract/data-source.js';
import { InMemoryDataSource, type InMemoryDataSourceOptions } from '../../src/data/adapters/in-memory-data-source.js';
import { NOW, smallHelpdesk } from './fixtures.js';
import { wrapCalls } from './wrap-calls.js';

/** The small helpdesk in memory, as agent `me`. */
export const inMemory = (options: InMemoryDataSourceOptions = {}) =>
  new InMemoryDataSource(smallHelpdesk(), { now: NOW, currentAgentId: 'me', ...options });

/** A source whose `method` answers what `answer` makes of the real answer (until healed). */
export function mangled(method: string, answer: (real: unknown) => unknown) {
  let healed = false;
  const source = wrapCalls(inMemory(), async ({ method: called, proceed }) => {
    const real = await proceed();
    return called === method && !healed ? answer(real) : real;
  });
  return { source: source as DataSource, heal: () => (healed = true) };
}

/** Collects unhandled rejections and errors (`seen`) and the console's warnings while a test runs; `stop()` ends it. */
export function watchUnhandled() {
  const seen: unknown[] = [];
  const warnings: string[] = [];
  const onRejection = (event: PromiseRejectionEvent) => seen.push(event.reason);
  const onError = (event: ErrorEvent) => seen.push(event.error);
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(String(args[0]));
  window.addEventListener('unhandledrejection', onRejection);
  window.addEventListener('error', onError);
  return {
    seen,
    warnings,
    stop() {
      console.warn = warn;
      window.removeEventListener('unhandledrejection', onRejection);
      window.removeEventListener('error', onError);
    },
  };
}
