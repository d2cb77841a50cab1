import { consume } from '@lit/context';
import { localized } from '@lit/localize';
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { DataSource } from '../data/contract/data-source.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../data/contract/errors.js';
import { guardDataSource } from '../data/adapters/guarded-data-source.js';
import type { TicketScope } from '../data/contract/types.js';
import { PartsExporter } from './export-parts.js';
import { keepWhileSameKey } from './memo.js';
import { dataSourceContext, refreshContext, requestTimeoutContext, subjectContext, type SubjectIds } from './context.js';
import { themeStyles } from './theme.styles.js';

let warnedOfAttribute = false;

/**
 * A data source set as an attribute arrives as the text "[object Object]", and the element
 * shows nothing. Frameworks do that when the element is not registered yet when they render,
 * or when asked to bind an attribute: say so once, with the fix.
 */
function warnOfDataSourceAttribute(element: HTMLElement): void {
  const attribute = ['datasource', 'data-source'].find((name) => element.hasAttribute(name));
  if (!attribute || warnedOfAttribute) return;
  warnedOfAttribute = true;
  console.warn(
    `[cic] <${element.localName}> got its data source as the attribute ${attribute}="${element.getAttribute(attribute)}", ` +
      'which cannot carry an object: set the dataSource property instead. ' +
      'React: register the elements (import a define.js entry) before the first render, or use the React wrappers; ' +
      'Vue: bind it as a property, :dataSource.prop="source" (or .dataSource="source"); ' +
      'plain DOM: element.dataSource = source.',
  );
}

/** The class of the copy of a card that follows the pointer while it is dragged. */
export const DRAG_IMAGE_CLASS = 'cic-drag-image';

/** The default of `requestTimeout` (ms). */
export { DEFAULT_REQUEST_TIMEOUT_MS };

/** Names of defined classes: a class is defined once, under one name, so the answer is kept once there is one. */
const registeredNames = new WeakMap<CustomElementConstructor, string>();
function registeredName(element: CustomElementConstructor): string | undefined {
  let name = registeredNames.get(element);
  if (name === undefined) {
    name = customElements.getName?.(element) ?? undefined;
    if (name) registeredNames.set(element, name);
  }
  return name;
}

/**
 * Base of every element: design tokens, runtime localization, and the data source — set
 * directly, or taken from the nearest ancestor that provides one.
 *
 * @cssprop --cic-font-family - Font of every element (default: the page's font, inherited).
 * @cssprop --cic-font-size - Base font size.
 * @cssprop --cic-color-text - Text.
 * @cssprop --cic-color-text-muted - Secondary text.
 * @cssprop --cic-color-surface - Background of elements and cards.
 * @cssprop --cic-color-surface-alt - Background behind cards, selected tabs, hovers.
 * @cssprop --cic-color-border - Borders and rules.
 * @cssprop --cic-color-accent - Links, focus and highlighted choices.
 * @cssprop --cic-color-on-accent - Text on the accent colour.
 * @cssprop --cic-color-danger - Errors and passed deadlines.
 * @cssprop --cic-color-warning-surface - Background of passed deadlines and invalid marks.
 * @cssprop --cic-color-highlight - Background of matched search text.
 * @cssprop --cic-color-focus - Focus ring.
 * @cssprop --cic-space-1 - Smallest spacing (also --cic-space-2, -3, -4).
 * @cssprop --cic-radius - Corner radius.
 * @cssprop --cic-color-scheme - `light` or `dark` for everything inside (what `theme` sets); unset: the system's.
 * @cssprop --cic-color-success - Good news (a healthy score).
 * @cssprop --cic-color-warning - What needs watching.
 */
@localized()
export class CicElement extends LitElement {
  static override styles = [themeStyles];

  /**
   * The elements this one renders, under their default tags: registering this element
   * (`defineElement`, a `define.js` entry) registers them too, so that no entry point
   * ships an element whose children are undefined.
   */
  static dependencies: Record<string, CustomElementConstructor> = {};

  /**
   * `light` or `dark`, for this element and everything inside it; unset follows the
   * enclosing element's theme, else the system (`prefers-color-scheme`).
   */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** The data source; when unset, the one provided by the nearest ancestor. */
  @property({ attribute: false }) dataSource?: DataSource;

  /**
   * How long (ms) a data-source call may take before it ends in a "timed out" error with
   * Retry; 0 waits forever. Unset (or not a number): the container's, else 30 s.
   */
  @property({ type: Number, attribute: 'request-timeout' }) requestTimeout?: number;

  @consume({ context: requestTimeoutContext, subscribe: true })
  @state()
  private providedRequestTimeout?: number;

  @consume({ context: dataSourceContext, subscribe: true })
  @state()
  private providedDataSource?: DataSource;

  /** Whom the container shows; a widget's own `customerId` / `customerUserLogin` win over it. */
  @consume({ context: subjectContext, subscribe: true })
  @state()
  protected providedSubjectIds?: SubjectIds;

  /** Changes when the container asks every widget to reload. */
  @consume({ context: refreshContext, subscribe: true })
  @state()
  refreshToken = 0;

  /** Grows each time a live change reaches this element; its data reloads in place. */
  @state() liveToken = 0;

  /**
   * Loads this element's data again after a live change, keeping what it shows (page, sort,
   * filter, focus, a form being edited) until the new answer replaces it. The centers call
   * it on the widgets a change affects; an element not built on this base may have its own.
   */
  liveReload(): void {
    this.liveToken++;
  }

  /** `own` when set, else the container's value of `key` (empty when there is none). */
  protected subjectValue(key: keyof SubjectIds, own: string | undefined): string {
    return own || this.providedSubjectIds?.[key] || '';
  }

  /**
   * The tag under which the class of `defaultTag` (one of `dependencies`) is registered on
   * this page: a host may register the library's elements under its own names.
   */
  protected tagOf(defaultTag: string): string {
    const dependency = (this.constructor as typeof CicElement).dependencies[defaultTag];
    return (dependency && registeredName(dependency)) || defaultTag;
  }

  /**
   * Exports this element's parts through a container's shadow root (the container sets the prefix).
   * @internal
   */
  readonly exportedParts: PartsExporter = new PartsExporter(this);

  override connectedCallback(): void {
    super.connectedCallback();
    warnOfDataSourceAttribute(this);
  }

  private readonly sameScope = keepWhileSameKey<TicketScope | undefined>((scope) => JSON.stringify(scope ?? null));

  /**
   * Whose tickets the element shows: a customer user's (its own login, else the container's)
   * or else a customer's — the same object as long as it does not change, so that a data
   * controller does not load again for an equal scope.
   */
  protected ticketScope(own: { customerId: string; customerUserLogin: string }, access: 'assigned' | 'accessible' = 'assigned'): TicketScope | undefined {
    const login = this.subjectValue('customerUserLogin', own.customerUserLogin);
    if (login) return this.sameScope({ customerUserLogin: login, access });
    const customerId = this.subjectValue('customerId', own.customerId);
    return this.sameScope(customerId ? { customerId } : undefined);
  }

  /**
   * True inside the copy of a card that follows the pointer while it is dragged: a fresh
   * element that must load nothing (the original keeps its data).
   */
  get isDragImage(): boolean {
    return this.closest(`.${DRAG_IMAGE_CLASS}`) !== null;
  }

  /** The request timeout in effect (ms). */
  get effectiveRequestTimeout(): number {
    // An attribute that is no number ("30s") is as unset, not a wait for ever.
    return (Number.isNaN(this.requestTimeout) ? undefined : this.requestTimeout) ?? this.providedRequestTimeout ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  /** The data source in effect, its answers checked before anything renders them. */
  get effectiveDataSource(): DataSource | undefined {
    return guardDataSource(this.dataSource ?? this.providedDataSource);
  }
}
