import { consume } from '@lit/context';
import { localized } from '@lit/localize';
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { DataSource } from '../data/data-source.js';
import { dataSourceContext, refreshContext } from './context.js';
import { themeStyles } from './theme.styles.js';

/**
 * Base of every element: design tokens, runtime localization, and the data source — set
 * directly, or taken from the nearest ancestor that provides one.
 */
@localized()
export class CicElement extends LitElement {
  static override styles = [themeStyles];

  /**
   * `light` or `dark`; unset follows the system (`prefers-color-scheme`). A container passes
   * its theme on to the widgets inside it.
   */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** The data source; when unset, the one provided by the nearest ancestor. */
  @property({ attribute: false }) dataSource?: DataSource;

  @consume({ context: dataSourceContext, subscribe: true })
  @state()
  private providedDataSource?: DataSource;

  /** Changes when the container asks every widget to reload. */
  @consume({ context: refreshContext, subscribe: true })
  @state()
  refreshToken = 0;

  /** The data source in effect. */
  get effectiveDataSource(): DataSource | undefined {
    return this.dataSource ?? this.providedDataSource;
  }
}
