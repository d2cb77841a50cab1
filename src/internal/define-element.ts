/** An element class that may name the elements it renders (see `CicElement.dependencies`). */
type ElementClass = CustomElementConstructor & { dependencies?: Record<string, CustomElementConstructor> };

/**
 * Registers `constructor` under `tag`, and the elements it renders under their default
 * tags, unless a tag is taken: two copies of the library on one page (common with plugins)
 * then warn instead of throwing.
 */
export function defineElement(tag: string, constructor: ElementClass): void {
  for (const [dependencyTag, dependency] of Object.entries(constructor.dependencies ?? {})) {
    if (!customElements.get(dependencyTag)) defineElement(dependencyTag, dependency);
  }
  const existing = customElements.get(tag);
  if (existing === undefined) {
    customElements.define(tag, constructor);
  } else if (existing !== constructor) {
    console.warn(`[cic] <${tag}> is already defined by another class; keeping the first definition.`);
  }
}
