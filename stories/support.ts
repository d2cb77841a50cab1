import { generateDemoData, type DemoDataOptions } from '../src/data/demo/demo-data.js';
import { UnavailableError } from '../src/data/contract/errors.js';
import { InMemoryDataSource, type InMemoryDataSourceOptions } from '../src/data/adapters/in-memory-data-source.js';
import type { DataSource } from '../src/data/contract/data-source.js';

/** The clock of every story, so that reminders and escalations look the same each time. */
export const STORY_NOW = new Date('2026-06-01T09:00:00Z');

const cache = new Map<string, InMemoryDataSource>();

/** The §7 demo data on the embedded source (generated once per option set). */
export function demoSource(data: DemoDataOptions = {}, options: InMemoryDataSourceOptions = {}): InMemoryDataSource {
  const key = JSON.stringify([data, options]);
  let source = cache.get(key);
  if (!source) {
    source = new InMemoryDataSource(generateDemoData({ now: STORY_NOW, ...data }), {
      now: STORY_NOW,
      currentAgentId: 'agent-1',
      ...options,
    });
    cache.set(key, source);
  }
  return source;
}

/** Wraps a source so that every call answers with `answer()` instead (errors, never-ending loads). */
function replaceCalls(answer: () => Promise<unknown>): DataSource {
  const base = demoSource({ customers: 10, customerUsers: 20, tickets: 50 });
  return new Proxy(base, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || key === 'now') return value;
      return answer;
    },
  });
}

/** A data source whose every call fails as if the backend were down. */
export const failingSource = (): DataSource => replaceCalls(() => Promise.reject(new UnavailableError()));

/** A data source that never answers: shows the loading state. */
export const pendingSource = (): DataSource => replaceCalls(() => new Promise(() => {}));

/** The login of the first user of the big demo customer (for the customer-user elements). */
export async function firstUserLogin(): Promise<string> {
  return (await demoSource().listCustomerUsers('BIGCORP', { page: { size: 1 } })).items[0].login;
}
