import { CustomerSearchDialog } from './components/customer-search-dialog/customer-search-dialog.js';
import { defineElement } from './internal/define-element.js';

/** Every element of the library under its default tag. */
export const ELEMENTS: Record<string, CustomElementConstructor> = {
  'customer-search-dialog': CustomerSearchDialog,
};

/** Registers every element under its default tag (tags already taken are left alone, with a warning). */
export function defineAll(): void {
  for (const [tag, constructor] of Object.entries(ELEMENTS)) defineElement(tag, constructor);
}
