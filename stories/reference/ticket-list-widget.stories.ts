// The reference page of <ticket-list-widget>: attributes, properties, events, slots, parts and
// custom properties from custom-elements.json, and the element with the demo data.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoSource } from '../support.js';

const source = demoSource();

const meta: Meta = { title: 'Reference/ticket-list-widget', component: 'ticket-list-widget', tags: ['autodocs'] };
export default meta;

export const Default: StoryObj = {
  render: () => html`<ticket-list-widget customer-id="BIGCORP" view="open" .dataSource=${source}></ticket-list-widget>`,
};
