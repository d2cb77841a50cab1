// The reference page of <settings-widget>: attributes, properties, events, slots, parts and
// custom properties from custom-elements.json, and the element with the demo data.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoSource } from '../support.js';

const source = demoSource();

const meta: Meta = { title: 'Reference/settings-widget', component: 'settings-widget', tags: ['autodocs'] };
export default meta;

export const Default: StoryObj = {
  render: () => html`<settings-widget .dataSource=${source}></settings-widget>`,
};
