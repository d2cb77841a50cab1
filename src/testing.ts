// The conformance suite for data-source adapters (not part of the elements' bundle).
export { runDataSourceConformance, type ConformanceRunner, type CreateSource } from './testing/conformance.js';
export { conformanceData, CONFORMANCE_NOW, CONFORMANCE_AGENT_ID, CONFORMANCE_SPECIAL_IDS } from './testing/conformance-data.js';
