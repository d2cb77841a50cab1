import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CicElement } from '../../internal/cic-element.js';
import { emit } from '../../internal/events.js';
import { settingsContext, type SettingsEntry } from '../../internal/context.js';
import { consume } from '@lit/context';
import { msg } from '../../internal/localize.js';
import { dataStateStyles } from '../../internal/theme.styles.js';
import { styles } from './settings-widget.styles.js';

/**
 * Lists every widget of the container with a checkbox, in layout order; **Save settings**
 * shows and hides them. Mandatory widgets are checked and locked.
 * Collapsed until the agent opens it.
 *
 * @summary Choose which widgets the information center shows.
 * @tag settings-widget
 *
 * @fires settings-saved - The agent saved: `{visible}` lists the ids of the widgets to show.
 *
 * @csspart toggle - The button that opens and closes the list.
 * @csspart save-button - The **Save settings** button.
 */
export class SettingsWidget extends CicElement {
  static override styles = [...CicElement.styles, dataStateStyles, styles];

  /** The widgets to list, in layout order; unset, the container's. */
  @property({ attribute: false }) entries?: SettingsEntry[];

  @consume({ context: settingsContext, subscribe: true })
  @state()
  private providedEntries?: SettingsEntry[];

  private get shownEntries(): SettingsEntry[] {
    return this.entries ?? this.providedEntries ?? [];
  }

  /** Whether the list is open. */
  @property({ type: Boolean, reflect: true }) expanded = false;

  /** The checkboxes as the agent left them, until saved. */
  @state() private draft = new Map<string, boolean>();

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('entries') || changed.has('providedEntries')) {
      this.draft = new Map(this.shownEntries.map((e) => [e.id, e.visible]));
    }
  }

  override render() {
    return html`<button class="toggle" part="toggle" type="button" aria-expanded=${this.expanded ? 'true' : 'false'}
        aria-controls="settings" @click=${() => (this.expanded = !this.expanded)}>
        ${msg('Widgets to show')}
      </button>
      ${this.expanded ? this.renderForm() : nothing}`;
  }

  private renderForm() {
    return html`<form id="settings" @submit=${this.save}>
      <fieldset>
        <legend class="visually-hidden">${msg('Widgets to show')}</legend>
        ${this.shownEntries.map(
          (entry) => html`<label>
            <input type="checkbox" name=${entry.id} .checked=${entry.mandatory || (this.draft.get(entry.id) ?? true)}
              ?disabled=${entry.mandatory}
              @change=${(event: Event) => this.draft.set(entry.id, (event.target as HTMLInputElement).checked)} />
            ${entry.title}
          </label>`,
        )}
      </fieldset>
      <button class="button save" part="save-button" type="submit">${msg('Save settings')}</button>
    </form>`;
  }

  private save(event: SubmitEvent) {
    event.preventDefault();
    const visible = this.shownEntries.filter((e) => e.mandatory || this.draft.get(e.id)).map((e) => e.id);
    emit(this, 'settings-saved', { visible });
  }
}
