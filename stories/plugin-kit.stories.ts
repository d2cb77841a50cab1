import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import type { CompanyStatus } from '../src/data/contract/types.js';
import { CicElement, DataController, dataStateStyles, defineElement, registerWidget } from '../src/plugin.js';
import { demoSource, failingSource } from './support.js';

/**
 * A third-party widget built from the plugin kit (the same code as in docs/PLUGINS.md): the
 * customer comes from the center, the data through the one data path — loading, error with
 * Retry, no refetch when the card is moved.
 */
class OpenShareWidget extends CicElement {
  static override styles = [...CicElement.styles, dataStateStyles, css`meter { inline-size: 100%; }`];

  /** Set it to use the widget on its own; inside a center it takes the center's customer. */
  @property({ attribute: 'customer-id' }) customerId = '';

  private readonly status = new DataController<CompanyStatus, [string]>(this, {
    args: () => [this.subjectValue('customerId', this.customerId)],
    ready: ([customerId]) => customerId !== '',
    isEmpty: (status) => status.all === 0,
    load: (source, [customerId], signal) => source.getCompanyStatus(customerId, { signal }),
  });

  override render() {
    return this.status.render({
      complete: ({ open, all }) => html`<p>${open} of ${all} tickets are open.</p>
        <meter min="0" max=${all} value=${open} aria-label="Open share"></meter>`,
    });
  }
}
defineElement('open-share-widget', OpenShareWidget);
registerWidget({ id: 'open-share', tag: 'open-share-widget', title: 'Open share', region: 'sidebar' });

const meta: Meta = { title: 'Plugin kit/A widget built from the kit' };
export default meta;
type Story = StoryObj;

export const InTheCenter: Story = {
  render: () => html`<customer-information-center customer-id="BIGCORP" .dataSource=${demoSource()}></customer-information-center>`,
};
export const OnItsOwn: Story = {
  render: () => html`<open-share-widget customer-id="BIGCORP" .dataSource=${demoSource()}></open-share-widget>`,
};
export const Failing: Story = {
  render: () => html`<open-share-widget customer-id="BIGCORP" .dataSource=${failingSource()}></open-share-widget>`,
};
