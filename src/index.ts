// Exports only: importing this module registers nothing (see `define.js` or `defineAll()`).
export * from './data/types.js';
export * from './data/data-source.js';
export * from './data/errors.js';
export * from './data/state-mapping.js';
export { compileSearchPattern, splitByMatches, MIN_SEARCH_LENGTH } from './data/search-pattern.js';
export type { SearchPattern, MatchRange } from './data/search-pattern.js';
export { validateCustomerUser, type FieldProblem } from './data/validation.js';
export { InMemoryDataSource, type InMemoryDataSourceOptions } from './data/in-memory-data-source.js';
export { generateDemoData, DEMO_EDGE_CASES, type DemoDataOptions } from './data/demo-data.js';
export { dataSourceContext, refreshContext } from './internal/context.js';
export { setLocale, getLocale, SOURCE_LOCALE, TARGET_LOCALES, type SupportedLocale } from './internal/localize.js';
export { CicElement } from './internal/cic-element.js';
export { DataController } from './internal/data-controller.js';
export { defineAll, ELEMENTS } from './define-all.js';
export * from './events.js';
export { CustomerSearchDialog } from './components/customer-search-dialog/customer-search-dialog.js';
