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
  private exported = '';

  constructor(private readonly host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment }) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (!this.prefix) return;
    for (const element of this.host.renderRoot.querySelectorAll('[part]')) {
      for (const part of element.getAttribute('part')!.split(/\s+/)) if (part) this.parts.add(part);
    }
    const value = [...this.parts].map((part) => `${part}, ${part}: ${this.prefix}-${part}`).join(', ');
    if (value !== this.exported) {
      this.exported = value;
      this.host.setAttribute('exportparts', value);
    }
  }
}
