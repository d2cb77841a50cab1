// Every state of <company-status-widget>, and its reference page (attributes, properties, events,
// parts and custom properties from custom-elements.json).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { DataSource } from '../src/data/contract/data-source.js';
import { InMemoryDataSource } from '../src/data/adapters/in-memory-data-source.js';
import { OPS_I_STATE_MAPPING } from '../src/data/rules/state-mapping.js';
import { demoSource, failingSource, pendingSource, STORY_NOW } from './support.js';

const meta: Meta = {
  title: 'Widgets/company-status-widget',
  // The stories' ids from before they had a file of their own: scripts/check-storybook.mjs opens one.
  id: 'widgets-others',
  component: 'company-status-widget',
  tags: ['autodocs'],
};
export default meta;
type Story = StoryObj;

const widget = (source: DataSource, customerId = 'BIGCORP') =>
  html`<company-status-widget customer-id=${customerId} .dataSource=${source}></company-status-widget>`;

export const CompanyStatus: Story = { name: 'Default', render: () => widget(demoSource()) };
export const CompanyStatusLoading: Story = { name: 'Loading', render: () => widget(pendingSource()) };
export const CompanyStatusError: Story = { name: 'Error', render: () => widget(failingSource()) };
/** Tickets in another product's state vocabulary, counted right once the mapping is configured. */
export const CompanyStatusOpsI: Story = {
  name: 'Ops I state mapping',
  render: () => {
    const tickets = ['planning', 'in_progress', 'pending', 'completed', 'cancelled', 'closed_with_backout'].map((state, i) => ({
      id: String(i), number: String(i), title: state, customerId: 'OPS', state, createdAt: STORY_NOW.toISOString(),
    }));
    const ops = new InMemoryDataSource({ customers: [{ id: 'OPS' }], customerUsers: [], tickets }, { stateMapping: OPS_I_STATE_MAPPING });
    return widget(ops, 'OPS');
  },
};
