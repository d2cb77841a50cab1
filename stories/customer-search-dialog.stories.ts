import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { userEvent } from 'storybook/test';
import type { CustomerSearchDialog } from '../src/components/customer-search-dialog/customer-search-dialog.js';
import type { DataSource } from '../src/data/contract/data-source.js';
import { generateDemoData } from '../src/data/demo/demo-data.js';
import { InMemoryDataSource } from '../src/data/adapters/in-memory-data-source.js';
import { demoSource, failingSource } from './support.js';

const meta: Meta = {
  title: 'Elements/customer-search-dialog',
  component: 'customer-search-dialog',
  tags: ['autodocs'],
};
export default meta;

type Story = StoryObj;

const dialog = (source: DataSource) =>
  html`<customer-search-dialog open .dataSource=${source}></customer-search-dialog>`;

/** Types into a search field inside the dialog's shadow root. */
const typeInto = (field: 'customer' | 'user', text: string) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = canvasElement.querySelector('customer-search-dialog') as CustomerSearchDialog;
    await el.updateComplete;
    await userEvent.type(el.shadowRoot!.querySelector<HTMLInputElement>(`#${field}-input`)!, text);
  };

const source = demoSource();

// The open dialog is modal: only the closed one goes on the docs page, which the others would cover.
export const Default: Story = { render: () => html`<customer-search-dialog .dataSource=${source}></customer-search-dialog>` };

export const Empty: Story = { tags: ['!autodocs'], render: () => dialog(source) };

export const Typing: Story = { tags: ['!autodocs'], render: () => dialog(source), play: typeInto('customer', 'a') };

export const Results: Story = { tags: ['!autodocs'], render: () => dialog(source), play: typeInto('customer', 'acme') };

export const CustomerUserResults: Story = { tags: ['!autodocs'], render: () => dialog(source), play: typeInto('user', 'müller') };

export const ManyResults: Story = { tags: ['!autodocs'], render: () => dialog(source), play: typeInto('customer', '**') };

export const NoResults: Story = { tags: ['!autodocs'], render: () => dialog(source), play: typeInto('customer', 'no such customer') };

export const Error: Story = { tags: ['!autodocs'], render: () => dialog(failingSource()), play: typeInto('customer', 'acme') };

/** German and Japanese names in the data. */
export const InternationalNames: Story = {
  tags: ['!autodocs'],
  render: () =>
    dialog(
      new InMemoryDataSource({
        ...generateDemoData({ customers: 5, customerUsers: 0, tickets: 0 }),
        customerUsers: [
          { login: 'jmueller', customerId: 'C00004', firstName: 'Jörg', lastName: 'Müller', email: 'j.mueller@example.de' },
          { login: 'kgross', customerId: 'C00004', firstName: 'Käthe', lastName: 'Groß', email: 'k.gross@example.de' },
          { login: 'tyamada', customerId: 'Star*Corp', firstName: '太郎', lastName: '山田', email: 'yamada@example.jp' },
          { login: 'hsato', customerId: 'Star*Corp', firstName: '花子', lastName: '佐藤', email: 'sato@example.jp' },
        ],
      }),
    ),
  play: typeInto('user', 'example'),
};
