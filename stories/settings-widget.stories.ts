// <settings-widget> opened, and its reference page (attributes, properties, events, parts and custom
// properties from custom-elements.json).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

const meta: Meta = { title: 'Widgets/settings-widget', component: 'settings-widget', tags: ['autodocs'] };
export default meta;

export const Default: StoryObj = {
  render: () => html`<settings-widget expanded .entries=${[
    { id: 'a', title: 'Customer Users', mandatory: false, visible: true },
    { id: 'b', title: 'Reminder Tickets', mandatory: false, visible: false },
    { id: 'c', title: 'Settings', mandatory: true, visible: true },
  ]}></settings-widget>`,
};
