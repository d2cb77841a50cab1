// Type-checked after the build (npm run check-framework-types), as a strict TypeScript React
// 19 app would be: the plain tags in JSX (dist/types/jsx.d.ts), and the @lit/react wrappers
// (dist/react.js), with typed properties and events and no hand-written declarations. Every
// `@ts-expect-error` line is a mistake that must stay a type error. (TypeScript checks a
// hyphenated JSX name only when the type declares it: an unknown `onno-such-event` passes.)
import type { CustomElements, ScopedElements } from '../../dist/types/jsx.js';
import { InMemoryDataSource, generateDemoData } from '../../dist/index.js';
import { CustomerInformationCenter, TicketListWidget } from '../../dist/react.js';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements extends CustomElements, ScopedElements<'acme-'> {}
  }
}

const source = new InMemoryDataSource(generateDemoData());

export const page = (
  <customer-information-center customer-id="BIGCORP" dataSource={source} theme="dark" className="wide"
    oncustomer-selected={(event) => event.detail.customerId.toUpperCase()}
    onticket-selected={(event) => event.detail.ticketId.toUpperCase()} />
);
export const byProperty = <ticket-list-widget customerId="BIGCORP" view="open" requestTimeout={5000} />;
export const prefixed = <acme-customer-information-center customerId="BIGCORP" onticket-selected={(event) => event.detail.ticketId} />;

// @ts-expect-error an unknown theme is refused
export const wrongTheme = <ticket-list-widget theme="purple" />;
// @ts-expect-error a number is not a customer id
export const wrongType = <customer-information-center customerId={42} />;
// @ts-expect-error read-only: the element computes it
export const readOnly = <ticket-list-widget effectiveDataSource={source} />;
// @ts-expect-error read-only: the element computes it
export const readOnlyDrag = <ticket-list-widget isDragImage />;
// @ts-expect-error no such property
export const unknownProperty = <ticket-list-widget customerID="BIGCORP" />;
// @ts-expect-error the detail of ticket-selected has no customerId
export const wrongDetail = <customer-information-center onticket-selected={(event) => event.detail.customerId} />;

export const wrapped = (
  <CustomerInformationCenter customerId="BIGCORP" dataSource={source}
    onCustomerSelected={(event) => event.detail.customerId.toUpperCase()}
    onTicketSelected={(event) => event.detail.ticketId} />
);
// @ts-expect-error a view the list does not know
export const wrongView = <TicketListWidget view="someday" />;
export const listEvent = <TicketListWidget onTicketSelected={(event) => event.detail.ticketId} />;
// @ts-expect-error a ticket list never fires customer-user-saved
export const eventNeverFired = <TicketListWidget onCustomerUserSaved={() => undefined} />;
