import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import { runDataSourceConformance } from '../../src/testing.js';

runDataSourceConformance(
  'InMemoryDataSource',
  ({ data, now, agentId }) => new InMemoryDataSource(data, { now, currentAgentId: agentId, preferences: true }),
  { describe, it },
);
