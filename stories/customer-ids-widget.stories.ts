// <customer-ids-widget> and its reference page (attributes, properties, events, parts and custom
// properties from custom-elements.json).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoSource } from './support.js';

const meta: Meta = { title: 'Widgets/customer-ids-widget', component: 'customer-ids-widget', tags: ['autodocs'] };
export default meta;

export const Default: StoryObj = {
  render: () => html`<customer-ids-widget customer-user-login="en.user2" .dataSource=${demoSource()}></customer-ids-widget>`,
};
