// <customer-information-widget> for a valid, an invalid and an unsafe record, and its reference page
// (attributes, properties, events, parts and custom properties from custom-elements.json).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { DataSource } from '../src/data/contract/data-source.js';
import { DEMO_EDGE_CASES } from '../src/data/demo/demo-data.js';
import { InMemoryDataSource } from '../src/data/adapters/in-memory-data-source.js';
import { demoSource } from './support.js';

const meta: Meta = { title: 'Widgets/customer-information-widget', component: 'customer-information-widget', tags: ['autodocs'] };
export default meta;
type Story = StoryObj;

const widget = (source: DataSource, customerId = 'BIGCORP') =>
  html`<customer-information-widget customer-id=${customerId} .dataSource=${source}></customer-information-widget>`;

/** With Edit for the custom fields: the demo source can change customers. */
export const Default: Story = { render: () => widget(demoSource()) };
export const Invalid: Story = { render: () => widget(demoSource(), DEMO_EDGE_CASES.invalid) };
export const UnsafeUrl: Story = {
  render: () => {
    const unsafe = new InMemoryDataSource({
      customers: [{ id: 'X', name: 'Unsafe URL Ltd.', url: 'javascript:alert(1)', comment: 'The URL stays text.' }],
      customerUsers: [], tickets: [],
    });
    return widget(unsafe, 'X');
  },
};
