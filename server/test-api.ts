import { InMemoryDataSource } from '../src/data/in-memory-data-source.js';
import { CONFORMANCE_AGENT_ID, CONFORMANCE_NOW, conformanceData } from '../src/testing/conformance-data.js';
import { koaMiddleware } from './koa-bridge.js';
import { createRestApi } from './rest-api.js';

/**
 * The REST API for the browser tests, on their own dev server: `/api/conformance/<name>/…`
 * answers from a fresh in-memory backend with the conformance data, one per `<name>`, so
 * that every test starts from the same data.
 */
export function testApiMiddleware() {
  const apps = new Map<string, ReturnType<typeof createRestApi>>();
  return koaMiddleware('/api/conformance/', (rest) => {
    const slash = rest.indexOf('/');
    if (slash < 0) return undefined;
    const name = rest.slice(0, slash);
    let app = apps.get(name);
    if (!app) {
      const source = new InMemoryDataSource(conformanceData(), { now: CONFORMANCE_NOW, currentAgentId: CONFORMANCE_AGENT_ID, preferences: true });
      app = createRestApi({ sourceFor: () => source });
      apps.set(name, app);
    }
    return { handler: (request) => app.fetch(request), path: rest.slice(slash) };
  });
}
