/**
 * The plugin kit: what a third-party widget needs to behave like a built-in one inside a
 * Customer Information Center — the data source and whom the center shows through context,
 * the one way to load data (abort on supersede, loading / error / empty states with Retry,
 * no refetch on move), per-agent settings, and registration in the dashboard.
 * See docs/PLUGINS.md for a complete widget.
 */
export { CicElement, DEFAULT_REQUEST_TIMEOUT_MS } from './internal/cic-element.js';
export { DataController, type DataControllerOptions, type DataRenderers } from './internal/data-controller.js';
export { PreferenceController, oneOf } from './internal/preference-controller.js';
export {
  dataSourceContext,
  refreshContext,
  requestTimeoutContext,
  settingsContext,
  subjectContext,
  type SettingsEntry,
  type SubjectIds,
} from './internal/context.js';
export { renderEmpty, renderError, renderLoading, errorMessage, isRetryable } from './internal/data-states.js';
export { dataStateStyles, themeStyles } from './internal/theme.styles.js';
export { defineElement, type DefineOptions } from './internal/define-element.js';
export { emit } from './internal/events.js';
export { registerWidget, registeredWidgets, type WidgetDefinition } from './components/information-center/widget-registry.js';
