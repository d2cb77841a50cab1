import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/settings-widget/define.js';
import type { SettingsWidget } from '../../src/components/settings-widget/settings-widget.js';
import { $, $$, expectNone, text, until } from '../support/helpers.js';

const ENTRIES = [
  { id: 'users', title: 'Customer Users', mandatory: false, visible: true },
  { id: 'reminders', title: 'Reminder Tickets', mandatory: false, visible: false },
  { id: 'settings', title: 'Settings', mandatory: true, visible: true },
];

async function renderSettings() {
  const el = await fixture<SettingsWidget>(html`<settings-widget .entries=${ENTRIES}></settings-widget>`);
  await until(() => $(el, '[part=toggle]'), 'no toggle');
  return el;
}

describe('settings-widget', () => {
  it('opens its list with the toggle: one checkbox per widget, the mandatory one locked', async () => {
    const el = await renderSettings();
    expectNone($(el, 'form'), 'the list while collapsed');
    $<HTMLButtonElement>(el, '[part=toggle]')!.click();
    await until(() => $(el, 'form'), 'the list never opened');
    expect($(el, '[part=toggle]')!.getAttribute('aria-expanded')).to.equal('true');
    expect($$(el, 'label').map(text)).to.deep.equal(ENTRIES.map((entry) => entry.title));
    expect($$<HTMLInputElement>(el, 'input').map((box) => [box.checked, box.disabled])).to.deep.equal([[true, false], [false, false], [true, true]]);
    await expect(el).to.be.accessible();
  });

  it('fires settings-saved with the widgets to show', async () => {
    const el = await renderSettings();
    el.expanded = true;
    await until(() => $(el, 'form'));
    $$<HTMLInputElement>(el, 'input')[1].click();
    const saved = oneEvent(el, 'settings-saved');
    $<HTMLButtonElement>(el, '[part=save-button]')!.click();
    expect((await saved).detail).to.deep.equal({ visible: ['users', 'reminders', 'settings'] });
  });
});
