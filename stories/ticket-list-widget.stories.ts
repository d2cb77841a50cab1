import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { DataSource } from '../src/data/contract/data-source.js';
import { OPS_I_STATE_MAPPING } from '../src/data/rules/state-mapping.js';
import { InMemoryDataSource } from '../src/data/adapters/in-memory-data-source.js';
import { TICKET_VIEWS, type TicketView } from '../src/data/contract/types.js';
import { demoSource, failingSource, pendingSource, STORY_NOW } from './support.js';

const meta: Meta = {
  title: 'Widgets/ticket-list-widget',
  component: 'ticket-list-widget',
  tags: ['autodocs'],
  argTypes: { view: { control: 'select', options: TICKET_VIEWS } },
  args: { view: 'open', customerId: 'BIGCORP' },
};
export default meta;

type Story = StoryObj<{ view: TicketView; customerId: string }>;

const list = (view: string, customerId: string, source: DataSource, extra = '') =>
  html`<ticket-list-widget view=${view} customer-id=${customerId} ticket-url-template=${extra}
    .dataSource=${source}></ticket-list-widget>`;

export const Open: Story = { render: ({ view, customerId }) => list(view, customerId, demoSource()) };
export const Reminder: Story = { args: { view: 'reminder' }, render: ({ view, customerId }) => list(view, customerId, demoSource()) };
export const Escalated: Story = { args: { view: 'escalated' }, render: ({ view, customerId }) => list(view, customerId, demoSource()) };
export const New: Story = { args: { view: 'new' }, render: ({ view, customerId }) => list(view, customerId, demoSource()) };
export const Closed: Story = { args: { view: 'closed' }, render: ({ view, customerId }) => list(view, customerId, demoSource()) };
export const All: Story = { args: { view: 'all' }, render: ({ view, customerId }) => list(view, customerId, demoSource()) };
export const WithTicketLinks: Story = {
  render: ({ view, customerId }) => list(view, customerId, demoSource(), '/index.pl?Action=AgentTicketZoom;TicketID={id}'),
};
export const Empty: Story = { args: { customerId: 'NO-SUCH-CUSTOMER' }, render: ({ view, customerId }) => list(view, customerId, demoSource()) };
export const Loading: Story = { render: ({ view, customerId }) => list(view, customerId, pendingSource()) };
export const Error: Story = { render: ({ view, customerId }) => list(view, customerId, failingSource()) };

/** One customer with 100,000 tickets: lists and counts stay instant because the source pages and indexes. */
export const HundredThousandTickets: Story = {
  render: ({ view, customerId }) =>
    list(view, customerId, demoSource({ customers: 50, customerUsers: 500, tickets: 100_000, largeCustomerShare: 1 })),
};

/** Tickets in another product's state vocabulary, counted right once the mapping is configured. */
export const OpsIStateMapping: Story = {
  render: ({ view, customerId }) => {
    const states = ['awaiting_approval', 'planning', 'in_progress', 'open', 'pending', 'completed', 'cancelled'];
    const tickets = states.map((state, index) => ({
      id: String(index + 1), number: `OPS-${100 + index}`, title: `Change request ${index + 1} (${state})`, customerId,
      state, createdAt: new Date(STORY_NOW.getTime() - (index + 1) * 86_400_000).toISOString(),
      pendingUntil: state === 'pending' ? new Date(STORY_NOW.getTime() - 3_600_000).toISOString() : undefined,
    }));
    const source = new InMemoryDataSource({ customers: [{ id: customerId, name: 'Ops I' }], customerUsers: [], tickets },
      { now: STORY_NOW, stateMapping: OPS_I_STATE_MAPPING });
    return list(view, customerId, source);
  },
};
