import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { InMemoryDataSource } from '../src/data/in-memory-data-source.js';
import { OPS_I_STATE_MAPPING } from '../src/data/state-mapping.js';
import { ConflictError, ValidationError } from '../src/data/errors.js';
import type { DataSource } from '../src/data/data-source.js';
import { DEMO_EDGE_CASES } from '../src/data/demo-data.js';
import { demoSource, failingSource, pendingSource, STORY_NOW } from './support.js';

const meta: Meta = { title: 'Widgets/Others' };
export default meta;
type Story = StoryObj;

const source = demoSource();

export const CompanyStatus: Story = {
  render: () => html`<company-status-widget customer-id="BIGCORP" .dataSource=${source}></company-status-widget>`,
};
export const CompanyStatusLoading: Story = {
  render: () => html`<company-status-widget customer-id="BIGCORP" .dataSource=${pendingSource()}></company-status-widget>`,
};
export const CompanyStatusError: Story = {
  render: () => html`<company-status-widget customer-id="BIGCORP" .dataSource=${failingSource()}></company-status-widget>`,
};
export const CompanyStatusOpsI: Story = {
  render: () => {
    const tickets = ['planning', 'in_progress', 'pending', 'completed', 'cancelled', 'closed_with_backout'].map((state, i) => ({
      id: String(i), number: String(i), title: state, customerId: 'OPS', state, createdAt: STORY_NOW.toISOString(),
    }));
    const ops = new InMemoryDataSource({ customers: [{ id: 'OPS' }], customerUsers: [], tickets }, { stateMapping: OPS_I_STATE_MAPPING });
    return html`<company-status-widget customer-id="OPS" .dataSource=${ops}></company-status-widget>`;
  },
};

export const CustomerUsers: Story = {
  render: () => html`<customer-users-widget customer-id="BIGCORP" .dataSource=${source}></customer-users-widget>`,
};
export const CustomerUsersReadOnly: Story = {
  render: () => html`<customer-users-widget customer-id="BIGCORP"
    .dataSource=${demoSource({}, { writable: false })}></customer-users-widget>`,
};
export const CustomerUsersError: Story = {
  render: () => html`<customer-users-widget customer-id="BIGCORP" .dataSource=${failingSource()}></customer-users-widget>`,
};

/** The add form after a save the data source refused: messages on the fields, input kept. */
function refusingSource(error: () => Error): DataSource {
  return new Proxy(demoSource(), {
    get(target, key, receiver) {
      if (key === 'createCustomerUser' || key === 'updateCustomerUser') return () => Promise.reject(error());
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
const submitForm = async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const form = canvasElement.querySelector('customer-user-form') as HTMLElement & { updateComplete: Promise<unknown> };
  await form.updateComplete;
  const fill = (name: string, value: string) => {
    const input = form.shadowRoot!.querySelector<HTMLInputElement>(`#${name}`)!;
    input.value = value;
    input.dispatchEvent(new InputEvent('input'));
  };
  fill('firstName', 'Jörg');
  fill('lastName', 'Müller');
  fill('login', 'de.user1');
  fill('email', 'joerg@example.de');
  form.shadowRoot!.querySelector('form')!.requestSubmit();
};
export const FormEmpty: Story = {
  render: () => html`<customer-user-form customer-id="BIGCORP" .dataSource=${source}></customer-user-form>`,
};
export const FormWithInvalidInput: Story = {
  render: () => html`<customer-user-form customer-id="" .dataSource=${source}></customer-user-form>`,
  play: async ({ canvasElement }) => {
    const form = canvasElement.querySelector('customer-user-form')!;
    await (form as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    form.shadowRoot!.querySelector('form')!.requestSubmit();
  },
};
export const FormWithDuplicateLogin: Story = {
  render: () => html`<customer-user-form customer-id="BIGCORP"
    .dataSource=${refusingSource(() => new ConflictError('Login taken', 'login'))}></customer-user-form>`,
  play: submitForm,
};
export const FormWithServerFieldErrors: Story = {
  render: () => html`<customer-user-form customer-id="BIGCORP"
    .dataSource=${refusingSource(() => new ValidationError({ email: 'This domain is blocked for new contacts.' }))}></customer-user-form>`,
  play: submitForm,
};

export const CustomerInformation: Story = {
  render: () => html`<customer-information-widget customer-id="BIGCORP" .dataSource=${source}></customer-information-widget>`,
};
export const CustomerInformationInvalid: Story = {
  render: () => html`<customer-information-widget customer-id=${DEMO_EDGE_CASES.invalid} .dataSource=${source}></customer-information-widget>`,
};
export const CustomerInformationUnsafeUrl: Story = {
  render: () => {
    const unsafe = new InMemoryDataSource({
      customers: [{ id: 'X', name: 'Unsafe URL Ltd.', url: 'javascript:alert(1)', comment: 'The URL stays text.' }],
      customerUsers: [], tickets: [],
    });
    return html`<customer-information-widget customer-id="X" .dataSource=${unsafe}></customer-information-widget>`;
  },
};

export const CustomerIds: Story = {
  render: () => html`<customer-ids-widget customer-user-login="en.user2" .dataSource=${source}></customer-ids-widget>`,
};
export const CustomerUserInformation: Story = {
  render: () => html`<customer-user-information-widget customer-user-login="de.user3"
    .dataSource=${source}></customer-user-information-widget>`,
};
export const Settings: Story = {
  render: () => html`<settings-widget expanded .entries=${[
    { id: 'a', title: 'Customer Users', mandatory: false, visible: true },
    { id: 'b', title: 'Reminder Tickets', mandatory: false, visible: false },
    { id: 'c', title: 'Settings', mandatory: true, visible: true },
  ]}></settings-widget>`,
};
