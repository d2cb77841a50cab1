// The reference page of <customer-user-form>: attributes, properties, events, slots, parts and
// custom properties from custom-elements.json, and the element with the demo data.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoSource } from '../support.js';

const source = demoSource();

const meta: Meta = { title: 'Reference/customer-user-form', component: 'customer-user-form', tags: ['autodocs'] };
export default meta;

export const Default: StoryObj = {
  render: () => html`<customer-user-form customer-id="BIGCORP" .dataSource=${source}></customer-user-form>`,
};
