import { useMemo, useState } from 'react';
import { generateDemoData, InMemoryDataSource } from 'customer-information-center';
// One element's wrapper: registers the center and what it renders, not every element.
import { CustomerInformationCenter } from 'customer-information-center/react/customer-information-center';

/** A helpdesk page that keeps the open customer and the chosen ticket in its own state. */
export function App() {
  const source = useMemo(() => new InMemoryDataSource(generateDemoData({ customers: 30, customerUsers: 200, tickets: 2000 })), []);
  const [customerId, setCustomerId] = useState('BIGCORP');
  const [ticketId, setTicketId] = useState<string>();
  return (
    <>
      <header>
        <strong>Acme helpdesk</strong>
        <span id="host-customer">Customer: {customerId}</span>
        <span id="host-ticket">{ticketId ? `Ticket: ${ticketId}` : 'No ticket chosen'}</span>
      </header>
      <CustomerInformationCenter
        customerId={customerId}
        dataSource={source}
        onCustomerSelected={(event) => setCustomerId(event.detail.customerId)}
        onTicketSelected={(event) => setTicketId(event.detail.ticketId)}
      />
    </>
  );
}
