// Every state of <customer-users-widget>, and its reference page (attributes, properties, events,
// parts and custom properties from custom-elements.json).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { DataSource } from '../src/data/contract/data-source.js';
import { demoSource, failingSource } from './support.js';

const meta: Meta = { title: 'Widgets/customer-users-widget', component: 'customer-users-widget', tags: ['autodocs'] };
export default meta;
type Story = StoryObj;

const widget = (source: DataSource) =>
  html`<customer-users-widget customer-id="BIGCORP" .dataSource=${source}></customer-users-widget>`;

/** Rest the pointer on a name, or press its ⓘ, for the contact card. */
export const Default: Story = { render: () => widget(demoSource()) };
export const ReadOnly: Story = { render: () => widget(demoSource({}, { writable: false })) };
export const Error: Story = { render: () => widget(failingSource()) };
