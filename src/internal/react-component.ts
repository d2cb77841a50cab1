// The React side of the wrappers (`customer-information-center/react` and `…/react/<tag>`):
// one @lit/react component per element, its props the element's properties, and a callback
// prop for every event of the library (`onCustomerSelected` receives the typed event).
import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';
import * as React from 'react';
import { CIC_EVENTS, type CicEventMap } from '../events.js';

/** `customer-selected` → `CustomerSelected`. */
export type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalCase<Tail>}` : Capitalize<S>;
export const pascalCase = (name: string): string => name.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase());

/** A callback prop for every event of the library: `onCustomerSelected` … */
export type CicEventProps = {
  [Name in keyof CicEventMap as `on${PascalCase<Name>}`]: EventName<CustomEvent<CicEventMap[Name]>>;
};
const events = Object.fromEntries(CIC_EVENTS.map((name) => [`on${pascalCase(name)}`, name])) as unknown as CicEventProps;

/** The React component of the element registered as `tagName`. */
export function reactComponent<Element extends HTMLElement>(
  tagName: string,
  elementClass: abstract new () => Element,
): ReactWebComponent<Element, CicEventProps> {
  return createComponent({ react: React, tagName, elementClass: elementClass as unknown as new () => Element, events });
}
