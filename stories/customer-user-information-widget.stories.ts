// <customer-user-information-widget> and its reference page (attributes, properties, events, parts
// and custom properties from custom-elements.json).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoSource } from './support.js';

const meta: Meta = { title: 'Widgets/customer-user-information-widget', component: 'customer-user-information-widget', tags: ['autodocs'] };
export default meta;

export const Default: StoryObj = {
  render: () => html`<customer-user-information-widget customer-user-login="de.user3"
    .dataSource=${demoSource()}></customer-user-information-widget>`,
};
