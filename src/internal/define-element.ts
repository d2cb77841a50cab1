/** An element class that may name the elements it renders (see `CicElement.dependencies`). */
type ElementClass = CustomElementConstructor & { dependencies?: Record<string, CustomElementConstructor> };

export interface DefineOptions {
  /** Put before every tag this registers for the elements rendered inside (`acme-` → `acme-ticket-list-widget`). */
  prefix?: string;
}

/**
 * Registers `constructor` under `tag`, and the elements it renders under their default
 * tags (with `prefix` before them), unless they are registered already — under any name: the
 * elements find their children by class, so a host may use its own tags. A tag taken by
 * another class (two copies of the library on one page, common with plugins) warns instead
 * of throwing.
 */
export function defineElement(tag: string, constructor: ElementClass, { prefix = '' }: DefineOptions = {}): void {
  for (const [dependencyTag, dependency] of Object.entries(constructor.dependencies ?? {})) {
    if (!customElements.getName(dependency) && !customElements.get(prefix + dependencyTag)) {
      defineElement(prefix + dependencyTag, dependency, { prefix });
    }
  }
  const existing = customElements.get(tag);
  const registeredAs = customElements.getName(constructor);
  if (existing === undefined && registeredAs === null) {
    customElements.define(tag, constructor);
  } else if (existing === undefined) {
    console.warn(`[cic] <${tag}> is not defined: its class is registered as <${registeredAs}> already.`);
  } else if (existing !== constructor) {
    console.warn(`[cic] <${tag}> is already defined by another class; keeping the first definition.`);
  }
}
