// The reference page of <customer-user-information-widget>: attributes, properties, events, slots, parts and
// custom properties from custom-elements.json, and the element with the demo data.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { demoSource, firstUserLogin } from '../support.js';

const source = demoSource();

const meta: Meta = { title: 'Reference/customer-user-information-widget', component: 'customer-user-information-widget', tags: ['autodocs'] };
export default meta;

export const Default: StoryObj = {
  render: () => {
    const element = document.createElement('customer-user-information-widget');
    element.dataSource = source;
    void firstUserLogin().then((login) => (element.customerUserLogin = login));
    return element;
  },
};
