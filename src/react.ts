// The React entry (`customer-information-center/react`): a component per element, made with
// @lit/react from the element classes and the library's events — props are the elements'
// properties, `onCustomerSelected`-style callbacks receive the typed events. Importing it
// registers every element under its default tag. Not counted in the library's size budget.
import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';
import * as React from 'react';
import { defineAll, ELEMENTS } from './define-all.js';
import { CIC_EVENTS, type CicEventMap } from './events.js';

defineAll();

/** `customer-selected` → `CustomerSelected`. */
type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalCase<Tail>}` : Capitalize<S>;
const pascalCase = (name: string) => name.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase());

/** A callback prop for every event of the library: `onCustomerSelected` … */
export type CicEventProps = {
  [Name in keyof CicEventMap as `on${PascalCase<Name>}`]: EventName<CustomEvent<CicEventMap[Name]>>;
};
const events = Object.fromEntries(CIC_EVENTS.map((name) => [`on${pascalCase(name)}`, name])) as unknown as CicEventProps;

type Elements = typeof ELEMENTS;
/** The React component of every element, by the PascalCase of its tag. */
export type CicReactComponents = {
  [Tag in keyof Elements as PascalCase<Tag>]: ReactWebComponent<InstanceType<Elements[Tag]>, CicEventProps>;
};

const components = Object.fromEntries(
  Object.entries(ELEMENTS).map(([tagName, elementClass]) => [
    pascalCase(tagName),
    createComponent({ react: React, tagName, elementClass: elementClass as CustomElementConstructor as typeof HTMLElement, events }),
  ]),
) as unknown as CicReactComponents;

export const {
  CustomerInformationCenter,
  CustomerUserInformationCenter,
  CustomerSearchDialog,
  CustomerUsersWidget,
  CustomerUserForm,
  TicketListWidget,
  CompanyStatusWidget,
  CustomerInformationWidget,
  SettingsWidget,
  CustomerIdsWidget,
  CustomerUserInformationWidget,
  RecentTicketsWidget,
  TicketStatisticsWidget,
  CustomerHealthWidget,
  CustomerHistoryWidget,
} = components;
