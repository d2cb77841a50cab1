import { html, type TemplateResult } from 'lit';
import type { Ticket, TicketSortField } from '../../data/types.js';
import { formatDateTime, formatRelative } from '../../internal/format.js';
import { msg } from '../../internal/localize.js';

export interface ColumnContext {
  now: Date;
  renderNumber: (ticket: Ticket) => TemplateResult;
}

export type ColumnId =
  | 'number' | 'age' | 'title' | 'state' | 'queue' | 'priority' | 'owner' | 'customerUser'
  | 'created' | 'changed' | 'pendingUntil' | 'escalation';

interface Column {
  label: () => string;
  sortField?: TicketSortField;
  render: (ticket: Ticket, context: ColumnContext) => unknown;
}

/** A date that is highlighted once it has passed (pending until, escalation). */
function deadline(iso: string | undefined, now: Date) {
  if (!iso) return '';
  const passed = Date.parse(iso) <= now.getTime();
  const text = html`<time datetime=${iso} title=${formatDateTime(iso)}>${formatRelative(iso, now)}</time>`;
  return passed ? html`<span class="overdue" part="overdue">${text}<span class="visually-hidden"> (${msg('passed')})</span></span>` : text;
}

const dateCell = (iso: string | undefined) => (iso ? html`<time datetime=${iso}>${formatDateTime(iso)}</time>` : '');

export const COLUMNS: Record<ColumnId, Column> = {
  number: { label: () => msg('Ticket#'), sortField: 'number', render: (t, c) => c.renderNumber(t) },
  age: {
    label: () => msg('Age'),
    sortField: 'age',
    render: (t, c) => html`<time datetime=${t.createdAt} title=${formatDateTime(t.createdAt)}>${formatRelative(t.createdAt, c.now)}</time>`,
  },
  title: { label: () => msg('Title'), sortField: 'title', render: (t) => html`<span class="text" title=${t.title}>${t.title}</span>` },
  state: { label: () => msg('State'), sortField: 'state', render: (t) => t.state },
  queue: { label: () => msg('Queue'), sortField: 'queue', render: (t) => t.queueName ?? t.queueId ?? '' },
  priority: { label: () => msg('Priority'), sortField: 'priority', render: (t) => (t.priority !== undefined ? String(t.priority) : '') },
  owner: { label: () => msg('Owner'), sortField: 'owner', render: (t) => t.ownerName ?? t.ownerId ?? '' },
  customerUser: { label: () => msg('Customer user'), sortField: 'customerUser', render: (t) => t.customerUserLogin ?? '' },
  created: { label: () => msg('Created'), sortField: 'created', render: (t) => dateCell(t.createdAt) },
  changed: { label: () => msg('Changed'), sortField: 'changed', render: (t) => dateCell(t.changedAt) },
  pendingUntil: { label: () => msg('Pending until'), sortField: 'pendingUntil', render: (t, c) => deadline(t.pendingUntil, c.now) },
  escalation: { label: () => msg('Escalation'), sortField: 'escalation', render: (t, c) => deadline(t.escalationAt, c.now) },
};

export const DEFAULT_COLUMNS: ColumnId[] = ['number', 'age', 'title'];
/** Every column but the number, which always comes first. */
export const OPTIONAL_COLUMNS: ColumnId[] = (Object.keys(COLUMNS) as ColumnId[]).filter((id) => id !== 'number');
