// Every state of <recent-tickets-widget>, and its reference page (attributes, properties, events,
// parts and custom properties from custom-elements.json).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { DataSource } from '../src/data/contract/data-source.js';
import { demoSource, failingSource, pendingSource } from './support.js';

const meta: Meta = { title: 'Widgets/recent-tickets-widget', component: 'recent-tickets-widget', tags: ['autodocs'] };
export default meta;
type Story = StoryObj;

const widget = (source: DataSource, customerId = 'BIGCORP') =>
  html`<recent-tickets-widget customer-id=${customerId} .dataSource=${source}></recent-tickets-widget>`;

export const Default: Story = { render: () => widget(demoSource()) };
export const WithTicketLinks: Story = {
  render: () => html`<recent-tickets-widget customer-id="BIGCORP" ticket-url-template="#ticket-{id}"
    .dataSource=${demoSource()}></recent-tickets-widget>`,
};
export const Empty: Story = { render: () => widget(demoSource(), 'NOBODY') };
export const Loading: Story = { render: () => widget(pendingSource()) };
export const Error: Story = { render: () => widget(failingSource()) };
