// The React entry (`customer-information-center/react`): a component per element, made with
// @lit/react from the element classes and the library's events — props are the elements'
// properties, `onCustomerSelected`-style callbacks receive the typed events. Importing it
// registers every element under its default tag; `customer-information-center/react/<tag>`
// registers one element and what it renders. Not counted in the library's size budget.
import type { ReactWebComponent } from '@lit/react';
import { defineAll, ELEMENTS } from './define-all.js';
import { pascalCase, reactComponent, type ElementEventProps, type PascalCase } from './internal/react-component.js';

export type { CicEventProps } from './internal/react-component.js';

defineAll();

type Elements = typeof ELEMENTS;
/** The React component of every element, by the PascalCase of its tag. */
export type CicReactComponents = {
  [Tag in keyof Elements as PascalCase<Tag>]: ReactWebComponent<InstanceType<Elements[Tag]>, ElementEventProps<Tag>>;
};

const components = Object.fromEntries(
  Object.entries(ELEMENTS).map(([tagName, elementClass]) => [pascalCase(tagName), reactComponent(tagName as keyof Elements, elementClass as unknown as new () => HTMLElement)]),
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
