// <customer-user-form> empty and after refused saves, and its reference page (attributes,
// properties, events, parts and custom properties from custom-elements.json).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { DataSource } from '../src/data/contract/data-source.js';
import { ConflictError, ValidationError } from '../src/data/contract/errors.js';
import { demoSource } from './support.js';

const meta: Meta = { title: 'Elements/customer-user-form', component: 'customer-user-form', tags: ['autodocs'] };
export default meta;
type Story = StoryObj;

const form = (source: DataSource, customerId = 'BIGCORP') =>
  html`<customer-user-form customer-id=${customerId} .dataSource=${source}></customer-user-form>`;

/** The demo source, but every save is refused with `error()`. */
function refusingSource(error: () => Error): DataSource {
  return new Proxy(demoSource(), {
    get(target, key, receiver) {
      if (key === 'createCustomerUser' || key === 'updateCustomerUser') return () => Promise.reject(error());
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

type FormElement = HTMLElement & { updateComplete: Promise<unknown> };

/** Fills in a valid new user and submits: the source's refusal shows on the fields, the input kept. */
const submitForm = async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const element = canvasElement.querySelector('customer-user-form') as FormElement;
  await element.updateComplete;
  const fill = (name: string, value: string) => {
    const input = element.shadowRoot!.querySelector<HTMLInputElement>(`#${name}`)!;
    input.value = value;
    input.dispatchEvent(new InputEvent('input'));
  };
  fill('firstName', 'Jörg');
  fill('lastName', 'Müller');
  fill('login', 'de.user1');
  fill('email', 'joerg@example.de');
  element.shadowRoot!.querySelector('form')!.requestSubmit();
};

export const Default: Story = { render: () => form(demoSource()) };
export const WithInvalidInput: Story = {
  render: () => form(demoSource(), ''),
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector('customer-user-form') as FormElement;
    await element.updateComplete;
    element.shadowRoot!.querySelector('form')!.requestSubmit();
  },
};
export const WithDuplicateLogin: Story = {
  render: () => form(refusingSource(() => new ConflictError('Login taken', 'login'))),
  play: submitForm,
};
export const WithServerFieldErrors: Story = {
  render: () => form(refusingSource(() => new ValidationError({ email: 'This domain is blocked for new contacts.' }))),
  play: submitForm,
};
