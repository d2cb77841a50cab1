// Every state of <ticket-statistics-widget>, and its reference page (attributes, properties, events,
// parts and custom properties from custom-elements.json).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { DataSource } from '../src/data/contract/data-source.js';
import { demoSource, failingSource, pendingSource } from './support.js';

const meta: Meta = { title: 'Widgets/ticket-statistics-widget', component: 'ticket-statistics-widget', tags: ['autodocs'] };
export default meta;
type Story = StoryObj;

const widget = (source: DataSource, customerId = 'BIGCORP') =>
  html`<ticket-statistics-widget customer-id=${customerId} .dataSource=${source}></ticket-statistics-widget>`;

export const Default: Story = { render: () => widget(demoSource()) };
export const AsTables: Story = {
  render: () => html`<ticket-statistics-widget customer-id="BIGCORP" show-tables .dataSource=${demoSource()}></ticket-statistics-widget>`,
};
export const Dark: Story = {
  render: () => html`<ticket-statistics-widget theme="dark" customer-id="BIGCORP" .dataSource=${demoSource()}></ticket-statistics-widget>`,
};
export const JapaneseRtlDark: Story = { render: () => widget(demoSource()), globals: { locale: 'ja', dir: 'rtl', theme: 'dark' } };
export const Empty: Story = { render: () => widget(demoSource(), 'NOBODY') };
export const Loading: Story = { render: () => widget(pendingSource()) };
export const Error: Story = { render: () => widget(failingSource()) };
