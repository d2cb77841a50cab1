import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { tsImport } from 'tsx/esm/api';
import { defineConfig, type Plugin } from 'vite';
import { API_PATH, READY_PATH } from './paths.js';
import type { DemoServer } from './reference-server.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Serves the reference server under `API_PATH` on the demo's own origin (no CORS, one command).
 * `npm start` stays fast: PGlite starts and the demo data are loaded on the first request
 * that needs the server, not before.
 */
function referenceServer(): Plugin {
  let prepared: Promise<{ server: DemoServer; listener: Listener }> | undefined;
  const prepare = () =>
    (prepared ??= (async () => {
      const started = Date.now();
      console.log('[demo] preparing the reference server (PGlite, Znuny tables, demo data)…');
      // The server is TypeScript for Node; tsx loads it (vite bundles only this config).
      const { createDemoServer } = (await tsImport('./reference-server.ts', import.meta.url)) as typeof import('./reference-server.js');
      const server = await createDemoServer();
      console.log(`[demo] reference server ready under /api in ${Date.now() - started} ms`);
      return { server, listener: getRequestListener(server.app.fetch) as Listener };
    })().catch((error: unknown) => {
      prepared = undefined;
      throw error;
    }));

  return {
    name: 'cic-demo-reference-server',
    configureServer(vite) {
      vite.middlewares.use((req, res, next) => {
        const path = req.url ?? '';
        if (path !== READY_PATH && !path.startsWith(`${API_PATH}/`)) return next();
        prepare().then(
          ({ listener }) => {
            if (path === READY_PATH) res.end('ready');
            else void listener(req, res);
          },
          (error: unknown) => {
            console.error('[demo] the reference server could not start:', error);
            res.statusCode = 503;
            res.setHeader('Content-Type', 'text/plain');
            res.end(`The reference server could not start: ${error instanceof Error ? error.message : String(error)}`);
          },
        );
      });
      vite.httpServer?.once('close', () => void prepared?.then(({ server }) => server.db.close(), () => undefined));
    },
  };
}

export default defineConfig({
  plugins: [referenceServer()],
});
