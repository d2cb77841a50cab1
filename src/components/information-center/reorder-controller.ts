import type { ReactiveController, ReactiveElement } from 'lit';
import Sortable from 'sortablejs';
import { DRAG_IMAGE_CLASS } from '../../internal/cic-element.js';
import { msg, str } from '../../internal/localize.js';
import type { Region } from '../../internal/layout-types.js';

export interface ReorderControllerOptions {
  /** The region elements (`data-region`) whose cards (`.card[data-widget]`) can be moved. */
  regions: () => readonly HTMLElement[];
  /** The ids of the shown widgets of a region, in order. */
  visibleIn: (region: Region) => string[];
  /** Puts a widget at `visibleIndex` among the shown widgets of `region`. */
  move: (id: string, region: Region, visibleIndex: number) => void;
  /** The title of a widget, for announcements. */
  title: (id: string) => string;
}

/**
 * Lets the agent move cards: by drag-and-drop (Sortable, in pointer mode: the same on
 * touch, mouse and in tests) within and between regions, and by the arrow keys on a card's
 * handle, with a live-region announcement. Sortable lives only while the host is connected.
 */
export class ReorderController implements ReactiveController {
  /** What the live region says after a keyboard move. */
  announcement = '';

  private readonly host: ReactiveElement;
  private readonly options: ReorderControllerOptions;
  private sortables: Sortable[] = [];

  constructor(host: ReactiveElement, options: ReorderControllerOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.host.hasUpdated) this.create();
  }

  hostDisconnected(): void {
    this.destroy();
  }

  hostUpdated(): void {
    // An update may run while removed (an aborted load settles): Sortable only while connected.
    if (this.host.isConnected && this.sortables.length === 0 && this.options.regions().length) this.create();
  }

  /** Says `text` in the live region (twice the same words are said twice). */
  announce(text: string): void {
    this.announcement = '';
    this.host.requestUpdate();
    requestAnimationFrame(() => {
      this.announcement = text;
      this.host.requestUpdate();
    });
  }

  /** Arrow keys on a card's handle: up and down within its region, left and right between regions. */
  onHandleKeyDown(event: KeyboardEvent, id: string, region: Region): void {
    const target = this.keyTarget(event.key, id, region);
    if (target === null) return;
    event.preventDefault();
    if (!target) return;
    this.options.move(id, target.region, target.index);
    const [title, position, count] = [this.options.title(id), target.index + 1, this.options.visibleIn(target.region).length];
    this.announce(
      target.region === 'main'
        ? msg(str`${title} moved to position ${position} of ${count} in the main area.`)
        : msg(str`${title} moved to position ${position} of ${count} in the sidebar.`),
    );
    void this.host.updateComplete.then(() =>
      this.host.renderRoot.querySelector<HTMLElement>(`[data-widget="${CSS.escape(id)}"] .drag-handle`)?.focus(),
    );
  }

  /** Where a key moves a card: `null` for a key that is not a move, `undefined` at an edge. */
  private keyTarget(key: string, id: string, region: Region): { region: Region; index: number } | null | undefined {
    const visible = this.options.visibleIn(region);
    const index = visible.indexOf(id);
    const other: Region = region === 'main' ? 'sidebar' : 'main';
    switch (key) {
      case 'ArrowUp':
        return index > 0 ? { region, index: index - 1 } : undefined;
      case 'ArrowDown':
        return index < visible.length - 1 ? { region, index: index + 1 } : undefined;
      case 'ArrowLeft':
      case 'ArrowRight': {
        const rtl = getComputedStyle(this.host).direction === 'rtl';
        const towardsSidebar = (key === 'ArrowRight') !== rtl;
        const leaves = towardsSidebar ? region === 'main' : region === 'sidebar';
        return leaves ? { region: other, index: Math.min(index, this.options.visibleIn(other).length) } : undefined;
      }
      default:
        return null;
    }
  }

  private create(): void {
    this.destroy();
    let origin: { parent: Node; next: Node | null } | undefined;
    this.sortables = this.options.regions().map((element) =>
      Sortable.create(element, {
        group: `cic-widgets-${this.host.localName}`,
        handle: '.drag-handle',
        draggable: '.card',
        animation: 150,
        forceFallback: true,
        fallbackClass: DRAG_IMAGE_CLASS,
        onStart: (event) => {
          origin = { parent: event.item.parentNode!, next: event.item.nextSibling };
        },
        onEnd: (event) => {
          // Sortable moved the node; put it back and let Lit render the new order.
          if (origin) origin.parent.insertBefore(event.item, origin.next);
          origin = undefined;
          if (event.from === event.to && event.oldIndex === event.newIndex) return;
          this.options.move(event.item.dataset.widget!, event.to.dataset.region as Region, event.newIndex ?? 0);
        },
      }),
    );
  }

  private destroy(): void {
    for (const sortable of this.sortables) sortable.destroy();
    this.sortables = [];
  }
}
