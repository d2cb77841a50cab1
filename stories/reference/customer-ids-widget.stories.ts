// The reference page of <customer-ids-widget>: attributes, properties, events, slots, parts and
// custom properties from custom-elements.json, and the element with the demo data.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { demoSource, firstUserLogin } from '../support.js';

const source = demoSource();

const meta: Meta = { title: 'Reference/customer-ids-widget', component: 'customer-ids-widget', tags: ['autodocs'] };
export default meta;

export const Default: StoryObj = {
  render: () => {
    const element = document.createElement('customer-ids-widget');
    element.dataSource = source;
    void firstUserLogin().then((login) => (element.customerUserLogin = login));
    return element;
  },
};
