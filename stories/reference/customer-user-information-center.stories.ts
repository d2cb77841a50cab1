// The reference page of <customer-user-information-center>: attributes, properties, events, slots, parts and
// custom properties from custom-elements.json, and the element with the demo data.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { demoSource, firstUserLogin } from '../support.js';

const source = demoSource();

const meta: Meta = { title: 'Reference/customer-user-information-center', component: 'customer-user-information-center', tags: ['autodocs'] };
export default meta;

export const Default: StoryObj = {
  render: () => {
    const element = document.createElement('customer-user-information-center');
    element.dataSource = source;
    void firstUserLogin().then((login) => (element.customerUserLogin = login));
    return element;
  },
};
