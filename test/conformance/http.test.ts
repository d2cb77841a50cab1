import { HttpDataSource } from '../../src/data/adapters/http-data-source.js';
import { runDataSourceConformance } from '../../src/testing.js';
import { slowDescribe } from '../support/helpers.js';

let instances = 0;

// Over real HTTP: the test server answers the REST contract from a fresh backend per instance.
runDataSourceConformance(
  'HttpDataSource over the REST contract',
  ({ now }) => HttpDataSource.connect({ baseUrl: `/api/conformance/run-${Date.now()}-${instances++}`, now: () => now }),
  { describe: slowDescribe, it },
);
