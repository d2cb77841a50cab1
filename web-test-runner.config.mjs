import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { summaryReporter } from './test/support/summary-reporter.mjs';
import { defaultReporter } from '@web/test-runner';
import { tsImport } from 'tsx/esm/api';
import { CHROME_ARGS, findChrome } from './scripts/test-tools.mjs';

// The REST API of the contract, served by this dev server for the HttpDataSource tests.
const { testApiMiddleware } = await tsImport('./server/test-api.ts', import.meta.url);

// `npm run test:quick` leaves out what runs the reference server (PGlite, set up per test).
const SERVER_BACKED = ['test/conformance/server-pglite.test.ts', 'test/data/http-live.test.ts', 'test/conformance/http.test.ts', 'test/conformance/center-over-http.test.ts'];
const quick = process.env.CIC_QUICK === '1';

export default {
  // test/node/ runs in Node (`npm run test:node`).
  files: ['test/**/*.test.ts', '!test/node/**', ...(quick ? SERVER_BACKED.map((file) => `!${file}`) : [])],
  nodeResolve: true,
  middleware: [testApiMiddleware()],
  concurrency: 1,
  browserStartTimeout: 60_000,
  // Budgets that a busy machine meets too (`npm run test:stress`): a test fails for what it
  // checks, not for the machine's speed. Suites doing real server work set their own (slowDescribe).
  testsStartTimeout: 300_000,
  testsFinishTimeout: 3_600_000,
  testFramework: { config: { timeout: 20_000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: findChrome(),
        headless: true,
        args: CHROME_ARGS,
      },
      // Every test page counts as focused (as Playwright's pages do): without it Chromium holds
      // back focus events while the browser has not brought that page to the front, and a test
      // of what focusing shows fails now and then in a long run.
      async createPage({ context }) {
        const page = await context.newPage();
        const session = await page.createCDPSession();
        await session.send('Emulation.setFocusEmulationEnabled', { enabled: true });
        return page;
      },
    }),
  ],
  reporters: [defaultReporter({ reportTestResults: true, reportTestProgress: false }), summaryReporter()],
};
