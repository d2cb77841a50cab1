import { HttpDataSource } from '../../src/data/adapters/http-data-source.js';
import { runDataSourceConformance } from '../../src/testing.js';
import { slowDescribe } from '../support/helpers.js';

let instances = 0;

// HttpDataSource → the reference server → SQL on the Znuny schema in PGlite.
runDataSourceConformance(
  'HttpDataSource → reference server → PGlite',
  ({ now }) =>
    HttpDataSource.connect({
      baseUrl: `/api/pglite/run-${Date.now()}-${instances++}`,
      headers: { Authorization: 'Bearer conformance-token' },
      now: () => now,
    }),
  { describe: slowDescribe, it },
);
