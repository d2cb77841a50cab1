// <customer-user-information-center>, and its reference page (attributes, properties, events, slots,
// parts and custom properties from custom-elements.json).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoSource, firstUserLogin } from './support.js';

const meta: Meta = {
  title: 'Containers/customer-user-information-center',
  component: 'customer-user-information-center',
  tags: ['autodocs'],
};
export default meta;
type Story = StoryObj;

export const Default: Story = {
  render: () => html`<customer-user-information-center customer-user-login="de.user5"
    .dataSource=${demoSource()}></customer-user-information-center>`,
};

/** With the user's recent tickets and ticket statistics shown; it stores that layout, so not on the docs page. */
export const InTheCustomerUserCenter: Story = {
  tags: ['!autodocs'],
  render: () => {
    localStorage.setItem('cic:layout:customer-user-information-center', JSON.stringify({ main: ['ticket-statistics'], sidebar: ['recent-tickets'], hidden: [] }));
    const center = document.createElement('customer-user-information-center');
    center.dataSource = demoSource();
    void firstUserLogin().then((login) => (center.customerUserLogin = login));
    return center;
  },
};
