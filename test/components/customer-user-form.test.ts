import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/customer-user-form/define.js';
import type { CustomerUserForm } from '../../src/components/customer-user-form/customer-user-form.js';
import { UnavailableError, ValidationError } from '../../src/data/contract/errors.js';
import type { DataSource, WriteOptions } from '../../src/data/contract/data-source.js';
import type { CustomerUser } from '../../src/data/contract/types.js';
import { $, fixtureSource, text, typeInto, until } from '../support/helpers.js';
import { wrapCalls } from '../support/wrap-calls.js';

const field = (form: CustomerUserForm, name: string) => $<HTMLInputElement>(form, `#${name}`)!;
const message = (form: CustomerUserForm, name: string) => text($(form, `#${name}-message`));

/** The form to add a customer user of ACME. */
async function renderAddForm(source: DataSource) {
  const form = await fixture<CustomerUserForm>(html`<customer-user-form customer-id="ACME" .dataSource=${source}></customer-user-form>`);
  await until(() => field(form, 'login'), 'the form never rendered');
  return form;
}

describe('customer-user-form', () => {
  it('checks every rule inline, keeps what was typed, and focuses the first problem', async () => {
    const form = await renderAddForm(fixtureSource().source);
    expect(field(form, 'customerId').value).to.equal('ACME');
    await typeInto(field(form, 'customerId'), '');
    await typeInto(field(form, 'firstName'), 'Dora');
    await typeInto(field(form, 'email'), 'not-an-address');
    $<HTMLButtonElement>(form, '[part=save-button]')!.click();
    await until(() => message(form, 'login'));
    expect(message(form, 'login')).to.equal('This field is required.');
    expect(message(form, 'lastName')).to.equal('This field is required.');
    expect(message(form, 'customerId')).to.equal('This field is required.');
    expect(message(form, 'email')).to.contain('Enter a valid email address');
    expect(message(form, 'firstName')).to.equal('');
    expect(field(form, 'firstName').value).to.equal('Dora');
    expect(field(form, 'email').value).to.equal('not-an-address');
    expect(field(form, 'email').getAttribute('aria-invalid')).to.equal('true');
    expect(form.shadowRoot!.activeElement?.id).to.equal('lastName');
    await expect(form).to.be.accessible();
  });

  it('shows a duplicate login and server field messages on their fields, keeping the input', async () => {
    const spy = fixtureSource();
    const form = await renderAddForm(spy.source);
    await typeInto(field(form, 'firstName'), 'Anna');
    await typeInto(field(form, 'lastName'), 'Again');
    await typeInto(field(form, 'login'), 'anna');
    await typeInto(field(form, 'email'), 'anna2@acme.example');
    await sendKeys({ press: 'Enter' });
    await until(() => message(form, 'login'));
    expect(message(form, 'login')).to.equal('This login is already taken.');
    expect(field(form, 'lastName').value).to.equal('Again');

    spy.fail('createCustomerUser', () => new ValidationError({ email: 'This domain is not accepted here.' }));
    await typeInto(field(form, 'login'), 'anna2');
    await sendKeys({ press: 'Enter' });
    await until(() => message(form, 'email'));
    expect(message(form, 'email')).to.equal('This domain is not accepted here.');
    expect(field(form, 'login').value).to.equal('anna2');

    spy.fail('createCustomerUser', () => new UnavailableError());
    await sendKeys({ press: 'Enter' });
    await until(() => text($(form, '[role=alert]')));
    expect(text($(form, '[role=alert]'))).to.contain('unavailable');
    expect(field(form, 'email').value).to.equal('anna2@acme.example');
  });

  it('saves again with the same idempotency key after an answer was lost, so the server adds the user once', async () => {
    const spy = fixtureSource();
    const keys: (string | undefined)[] = [];
    // A server that remembers each key's answer, and a network that loses the first answer.
    const answers = new Map<string, Promise<unknown>>();
    const source = wrapCalls(spy.source, ({ method, args, proceed }) => {
      if (method !== 'createCustomerUser') return proceed();
      const key = (args.at(-1) as WriteOptions).idempotencyKey!;
      keys.push(key);
      const known = answers.get(key);
      if (known) return known;
      const answer = proceed();
      answers.set(key, answer);
      return answer.then(() => Promise.reject(new UnavailableError('The connection was reset')));
    });
    const form = await renderAddForm(source);
    await typeInto(field(form, 'firstName'), 'Carla');
    await typeInto(field(form, 'lastName'), 'Aaron');
    await typeInto(field(form, 'login'), 'carla');
    await typeInto(field(form, 'email'), 'carla@acme.example');
    await sendKeys({ press: 'Enter' });
    await until(() => text($(form, '[role=alert]')), 'the lost answer was not reported');
    expect(text($(form, '[role=alert]'))).to.contain('unavailable');

    const saved = oneEvent(form, 'customer-user-saved');
    $<HTMLButtonElement>(form, '[part=save-button]')!.click();
    await until(() => keys.length === 2, 'saving again sent nothing');
    expect(keys[1], 'the retry names the same write').to.equal(keys[0]);
    expect(((await saved).detail as { user: CustomerUser }).user.login).to.equal('carla');
    const users = await spy.source.listCustomerUsers('ACME', { page: { size: 50 }, filter: 'carla' });
    expect(users.items.map((user) => user.login)).to.deep.equal(['carla']);
  });
});
