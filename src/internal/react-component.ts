// The React side of the wrappers (`customer-information-center/react` and `…/react/<tag>`):
// one @lit/react component per element, its props the element's properties, and a callback
// prop for every event of the library (`onCustomerSelected` receives the typed event).
import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';
import * as React from 'react';
import { CIC_EVENTS, type CicEventMap } from '../events.js';
import type { ElementEvents } from './element-events.js';

/** `customer-selected` → `CustomerSelected`. */
export type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalCase<Tail>}` : Capitalize<S>;
export const pascalCase = (name: string): string => name.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase());

/** A callback prop for each event in `Names`: `onCustomerSelected` … */
export type EventProps<Names extends keyof CicEventMap> = {
  [Name in Names as `on${PascalCase<Name>}`]: EventName<CustomEvent<CicEventMap[Name]>>;
};
/** A callback prop for every event of the library. */
export type CicEventProps = EventProps<keyof CicEventMap>;
/** The callback props of the events that can reach the element registered as `Tag`. */
export type ElementEventProps<Tag extends keyof ElementEvents> = EventProps<Extract<ElementEvents[Tag], keyof CicEventMap>>;
const events = Object.fromEntries(CIC_EVENTS.map((name) => [`on${pascalCase(name)}`, name])) as unknown as CicEventProps;

/**
 * The React component of the element registered as `tagName`: its callback props are those
 * of the events that can reach that element (listening for the others would never fire).
 */
export function reactComponent<Tag extends keyof ElementEvents, Element extends HTMLElement>(
  tagName: Tag,
  elementClass: abstract new () => Element,
): ReactWebComponent<Element, ElementEventProps<Tag>> {
  const component = createComponent({ react: React, tagName, elementClass: elementClass as unknown as new () => Element, events });
  return component as unknown as ReactWebComponent<Element, ElementEventProps<Tag>>;
}
