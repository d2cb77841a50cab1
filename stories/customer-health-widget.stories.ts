// Every state of <customer-health-widget>, and its reference page (attributes, properties, events,
// parts and custom properties from custom-elements.json).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { DataSource } from '../src/data/contract/data-source.js';
import { demoSource, failingSource, pendingSource } from './support.js';

const meta: Meta = { title: 'Widgets/customer-health-widget', component: 'customer-health-widget', tags: ['autodocs'] };
export default meta;
type Story = StoryObj;

const widget = (source: DataSource) =>
  html`<customer-health-widget customer-id="BIGCORP" .dataSource=${source}></customer-health-widget>`;

export const Default: Story = { render: () => widget(demoSource()) };
export const Rtl: Story = { render: () => html`<div dir="rtl">${widget(demoSource())}</div>` };
export const Dark: Story = {
  render: () => html`<customer-health-widget theme="dark" customer-id="BIGCORP" .dataSource=${demoSource()}></customer-health-widget>`,
};
export const German: Story = { render: () => widget(demoSource()), globals: { locale: 'de' } };
export const Loading: Story = { render: () => widget(pendingSource()) };
export const Error: Story = { render: () => widget(failingSource()) };
