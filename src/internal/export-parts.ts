import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Exports an element's parts through the shadow root of the container it sits in, so that a
 * page can style a widget inside a center: every part `p` the element has rendered is
 * exported as `p` (all widgets) and as `<prefix>-p` (this widget, e.g. `open-tickets-table`).
 * Parts that appear later (an error, a form) are added when they first render.
 */
export class PartsExporter implements ReactiveController {
  /** Set by the container: the widget's id. Unset: nothing is exported. */
  prefix?: string;
  private readonly parts = new Set<string>();
  private exportedWith?: string;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment }) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (!this.prefix) return;
    const known = this.parts.size;
    for (const element of this.host.renderRoot.querySelectorAll('[part]')) {
      // Most part attributes are one name, and the same few come back on every update.
      const value = element.getAttribute('part')!;
      if (this.parts.has(value)) continue;
      for (const part of value.split(/\s+/)) if (part) this.parts.add(part);
    }
    // Set again only when a part appeared or the prefix changed: each setting restyles the element.
    if (this.parts.size === 0 || (this.parts.size === known && this.exportedWith === this.prefix)) return;
    this.exportedWith = this.prefix;
    this.host.setAttribute('exportparts', [...this.parts].map((part) => `${part}, ${part}: ${this.prefix}-${part}`).join(', '));
  }
}
