// Every state of <customer-history-widget>, and its reference page (attributes, properties, events,
// parts and custom properties from custom-elements.json).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { DataSource } from '../src/data/contract/data-source.js';
import { demoSource, failingSource, pendingSource } from './support.js';

const meta: Meta = { title: 'Widgets/customer-history-widget', component: 'customer-history-widget', tags: ['autodocs'] };
export default meta;
type Story = StoryObj;

const widget = (source: DataSource, customerId = 'BIGCORP') =>
  html`<customer-history-widget customer-id=${customerId} .dataSource=${source}></customer-history-widget>`;

/** History and notes, with Add note: the demo source can write. */
export const Default: Story = { render: () => widget(demoSource()) };
export const WithTickets: Story = {
  render: () => html`<customer-history-widget customer-id="BIGCORP" include-tickets .dataSource=${demoSource()}></customer-history-widget>`,
};
export const ReadOnly: Story = { render: () => widget(demoSource({}, { writable: false })) };
export const Empty: Story = { render: () => widget(demoSource(), 'NOBODY') };
export const Loading: Story = { render: () => widget(pendingSource()) };
export const Error: Story = { render: () => widget(failingSource()) };
