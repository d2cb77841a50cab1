/**
 * Registers `constructor` under `tag` unless the tag is taken: two copies of the library
 * on one page (common with plugins) then warn instead of throwing.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing === undefined) {
    customElements.define(tag, constructor);
  } else if (existing !== constructor) {
    console.warn(`[cic] <${tag}> is already defined by another class; keeping the first definition.`);
  }
}
