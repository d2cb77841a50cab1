import type { ReactiveElement } from 'lit';

export interface FocusAfterUpdateOptions {
  /** What to wait for once the host has updated (a load the update started): the control comes back with its data. */
  loaded?: () => Promise<unknown>;
  /** Focus even if the focus did not fall to the page (a control now standing for something else). */
  always?: boolean;
}

/**
 * After the host's next update (and `loaded`), focuses the first of `selectors` in its shadow
 * root that can take focus, if the control the agent pressed was rendered away meanwhile and
 * the focus fell to the page (a keyboard user would have to start again from the top).
 */
export async function focusAfterUpdate(host: ReactiveElement, selectors: readonly string[], { loaded, always = false }: FocusAfterUpdateOptions = {}): Promise<void> {
  await host.updateComplete;
  if (loaded) {
    await loaded().catch(() => undefined);
    await host.updateComplete;
  }
  if (!always && document.activeElement !== document.body) return;
  const target = selectors.map((selector) => host.renderRoot.querySelector<HTMLElement>(selector)).find((element) => element && !element.matches(':disabled'));
  target?.focus();
}
