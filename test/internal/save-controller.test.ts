import { expect, fixture, html } from '@open-wc/testing';
import { ConflictError, UnauthorizedError, UnavailableError, ValidationError } from '../../src/data/contract/errors.js';
import { CicElement } from '../../src/internal/cic-element.js';
import { SaveController } from '../../src/internal/save-controller.js';

class SaveProbe extends CicElement {
  readonly saves = new SaveController(this);
  override render() {
    return html`<p>${this.saves.saving ? 'saving' : 'idle'}</p>`;
  }
}
customElements.define('save-probe', SaveProbe);

/** A write the test settles by hand, with the signal it was given. */
function heldWrite() {
  const held: { signal?: AbortSignal; resolve?: (value: string) => void; calls: number } = { calls: 0 };
  const write = ({ signal }: { signal: AbortSignal }) =>
    new Promise<string>((resolve) => {
      held.calls++;
      held.signal = signal;
      held.resolve = resolve;
    });
  return { held, write };
}

const failureFor = async (error: unknown) => {
  const probe = await fixture<SaveProbe>(html`<save-probe></save-probe>`);
  expect(await probe.saves.save({}, () => Promise.reject(error))).to.equal(undefined);
  return probe.saves.failure;
};

describe('SaveController', () => {
  it('saves one at a time and shows that it is saving', async () => {
    const probe = await fixture<SaveProbe>(html`<save-probe></save-probe>`);
    const { held, write } = heldWrite();
    const first = probe.saves.save({}, write);
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.contain('saving');
    expect(await probe.saves.save({}, write), 'a second save while one runs').to.equal(undefined);
    expect(held.calls).to.equal(1);
    held.resolve!('saved');
    expect(await first).to.equal('saved');
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.contain('idle');
    expect(probe.saves.failure).to.equal(undefined);
  });

  it('goes on when the host is only moved, and stops when it is removed', async () => {
    const probe = await fixture<SaveProbe>(html`<save-probe></save-probe>`);
    const elsewhere = document.createElement('div');
    probe.parentElement!.append(elsewhere);
    const { held, write } = heldWrite();
    const saving = probe.saves.save({}, write);
    elsewhere.append(probe);
    await Promise.resolve();
    await Promise.resolve();
    expect(held.signal!.aborted, 'aborted by a move').to.equal(false);
    probe.remove();
    await saving;
    expect(held.signal!.aborted, 'not aborted when removed').to.equal(true);
    expect(probe.saves.failure, 'an abort is no failure').to.equal(undefined);
  });

  it('turns failures into problems per field, a conflict, or a message', async () => {
    expect(await failureFor(new ValidationError({ email: 'invalid' }))).to.include({ conflict: false }).and.to.have.deep.property('problems', { email: 'invalid' });
    expect(await failureFor(new ConflictError('Login taken', 'login'))).to.deep.include({ problems: { login: 'conflict' }, conflict: true });
    const stale = await failureFor(new ConflictError('Changed by someone else'));
    expect(stale).to.deep.include({ problems: {}, conflict: true, message: 'Changed by someone else' });
    const down = await failureFor(new UnavailableError());
    expect(down!.problems).to.deep.equal({});
    expect(down!.message).to.contain('unavailable');
  });

  it('names a submission by one idempotency key until it succeeds; a changed one gets a new key', async () => {
    const probe = await fixture<SaveProbe>(html`<save-probe></save-probe>`);
    const keys: (string | undefined)[] = [];
    const failing = ({ idempotencyKey }: { idempotencyKey?: string }) => (keys.push(idempotencyKey), Promise.reject(new UnavailableError()));
    const succeeding = ({ idempotencyKey }: { idempotencyKey?: string }) => (keys.push(idempotencyKey), Promise.resolve('saved'));
    await probe.saves.save({ text: 'a' }, failing);
    await probe.saves.save({ text: 'a' }, failing);
    await probe.saves.save({ text: 'a' }, succeeding);
    await probe.saves.save({ text: 'a' }, succeeding);
    await probe.saves.save({ text: 'b' }, failing);
    expect(keys[0]).to.be.a('string').and.not.equal('');
    expect(keys[1], 'the retry of the same submission').to.equal(keys[0]);
    expect(keys[2], 'the save that succeeds, still the same submission').to.equal(keys[0]);
    expect(keys[3], 'the same text saved again after a success is a new note').to.not.equal(keys[0]);
    expect(keys[4], 'another text').to.not.be.oneOf([keys[0], keys[3]]);
  });

  it('asks the host to renew the session when a save is refused for want of one', async () => {
    const probe = await fixture<SaveProbe>(html`<save-probe></save-probe>`);
    const heard: string[] = [];
    document.addEventListener('cic-auth-required', (event) => heard.push(event.detail.message), { once: true });
    await probe.saves.save({}, () => Promise.reject(new UnauthorizedError('Token expired')));
    expect(heard).to.deep.equal(['Token expired']);
    expect(probe.saves.failure!.message).to.contain('session');
  });
});
