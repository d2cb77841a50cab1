// Type-checked after the build (npm run check-framework-types), as a strict TypeScript React
// 19 app would be: the plain tags in JSX (dist/types/jsx.d.ts), and the @lit/react wrappers
// (dist/react.js), with typed properties and events and no hand-written declarations.
import type { CustomElements } from '../../dist/types/jsx.js';
import { InMemoryDataSource, generateDemoData } from '../../dist/index.js';
import { CustomerInformationCenter, TicketListWidget } from '../../dist/react.js';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends CustomElements {}
  }
}

const source = new InMemoryDataSource(generateDemoData());

export const page = (
  <customer-information-center customer-id="BIGCORP" dataSource={source} theme="dark"
    oncustomer-selected={(event) => event.detail.customerId.toUpperCase()} />
);
// @ts-expect-error an unknown theme is refused
export const wrongTheme = <ticket-list-widget theme="purple" />;

export const wrapped = (
  <CustomerInformationCenter customerId="BIGCORP" dataSource={source}
    onCustomerSelected={(event) => event.detail.customerId.toUpperCase()}
    onTicketSelected={(event) => event.detail.ticketId} />
);
// @ts-expect-error a view the list does not know
export const wrongView = <TicketListWidget view="someday" />;
