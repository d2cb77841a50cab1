// The reference page of <company-status-widget>: attributes, properties, events, slots, parts and
// custom properties from custom-elements.json, and the element with the demo data.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoSource } from '../support.js';

const source = demoSource();

const meta: Meta = { title: 'Reference/company-status-widget', component: 'company-status-widget', tags: ['autodocs'] };
export default meta;

export const Default: StoryObj = {
  render: () => html`<company-status-widget customer-id="BIGCORP" .dataSource=${source}></company-status-widget>`,
};
