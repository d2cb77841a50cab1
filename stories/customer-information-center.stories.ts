import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, LitElement } from 'lit';
import { customerCenterWidgets } from '../src/components/customer-information-center/customer-information-center.js';
import { DEMO_EDGE_CASES } from '../src/data/demo/demo-data.js';
import { demoSource } from './support.js';

const meta: Meta = {
  title: 'Containers/customer-information-center',
  component: 'customer-information-center',
  tags: ['autodocs'],
  args: { customerId: 'BIGCORP' },
};
export default meta;
type Story = StoryObj<{ customerId: string }>;

const center = (customerId: string) =>
  html`<customer-information-center customer-id=${customerId} .dataSource=${demoSource()}></customer-information-center>`;

export const Default: Story = { render: ({ customerId }) => center(customerId) };
/** Opens the customer search, a modal: left off the docs page, which it would cover. */
export const NoCustomerSelected: Story = { args: { customerId: '' }, tags: ['!autodocs'], render: ({ customerId }) => center(customerId) };
export const CustomerWithoutRecord: Story = { args: { customerId: DEMO_EDGE_CASES.noRecord }, render: ({ customerId }) => center(customerId) };
export const SpecialCharactersInId: Story = {
  args: { customerId: DEMO_EDGE_CASES.specialCharacters },
  render: ({ customerId }) => center(customerId),
};

/** A plugin widget: any element, registered once, then placed, hidden and remembered like the built-in ones. */
class RecentInvoices extends LitElement {
  static override properties = { customerId: { attribute: false } };
  declare customerId: string;
  override render() {
    const invoices = ['INV-1042 · 1.250,00 €', 'INV-1038 · 980,00 €', 'INV-1031 · 4.100,00 €'];
    return html`<p>Last invoices of ${this.customerId}:</p>
      <ul>${invoices.map((invoice) => html`<li>${invoice}</li>`)}</ul>`;
  }
}
if (!customElements.get('recent-invoices')) customElements.define('recent-invoices', RecentInvoices);

/** Here given through `widgets`; a plugin would call `registerWidget()` once instead. */
export const WithThirdPartyWidget: Story = {
  render: ({ customerId }) => html`<customer-information-center customer-id=${customerId} .dataSource=${demoSource()}
    .widgets=${[
      ...customerCenterWidgets(),
      { id: 'recent-invoices', tag: 'recent-invoices', title: 'Recent invoices', region: 'sidebar' },
    ]}></customer-information-center>`,
};

/** With every Customer 360 widget shown (hidden by default, enabled in the settings); it stores that layout, so not on the docs page. */
export const InTheCustomerCenter: Story = {
  tags: ['!autodocs'],
  render: ({ customerId }) => {
    localStorage.setItem('cic:layout:customer-information-center', JSON.stringify({ main: ['ticket-statistics', 'customer-history'], sidebar: ['customer-health', 'recent-tickets'], hidden: [] }));
    return center(customerId);
  },
};
