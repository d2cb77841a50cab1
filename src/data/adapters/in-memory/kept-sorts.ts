import { bestOf, orderLowered, ticketSortValue, timeOf, type TicketSortContext } from '../../rules/ticket-sort.js';
import type { Ticket, TicketSort, TicketSortField } from '../../contract/types.js';
import type { DueView } from '../../rules/rules.js';
import { digitKey } from './ticket-index.js';

// The sort keys a ticket table keeps by position, so that the first page of a big list in any
// sort is one pass over numbers read in sequence, where its tickets lie all over memory (reading
// one field of 600,000 of them takes longer than the whole pass). Age and creation are not kept:
// the lists are filed in that order already.

/** Fields of few values (a login is shared by a user's tickets): numbered, ranked by the name a sort reads when it asks. */
const KEPT_NAMES = { state: 'state', queue: 'queueId', owner: 'ownerId', customerUser: 'customerUserLogin' } as const;
/** Fields of text keys (`textKey`), told apart by their texts where the keys tie: the ticket's property, and its column of texts. */
const KEPT_TEXTS = { number: ['number', 'numberTexts'], title: ['title', 'titleTexts'] } as const;
type TextColumn = (typeof KEPT_TEXTS)[keyof typeof KEPT_TEXTS][1];
type NamedSort = keyof typeof KEPT_NAMES;
export type KeptSort = 'priority' | 'changed' | 'pendingUntil' | 'escalation' | NamedSort | keyof typeof KEPT_TEXTS;

/**
 * Per kept sort its key, by position: a time or the priority; the number a state, queue, owner
 * id or login has among that field's (ranked by name when a sort asks); a text's `textKey`. NaN:
 * none. And `idKeys`, each id as a number that orders as the id does (`digitKey`; NaN for an id
 * not of digits), so that ties are told apart without reading the tickets; and the texts of the
 * text keys, read where keys tie (from an array in sequence: reaching into a ticket costs several
 * times more).
 */
export type KeptColumns = Record<Exclude<KeptSort, NamedSort> | 'idKeys', Float64Array> & Record<NamedSort, Uint32Array> & Record<TextColumn, unknown[]>;
type KeptColumn = keyof KeptColumns;
const KEPT_COLUMNS: readonly KeptColumn[] = ['idKeys', 'priority', 'changed', 'pendingUntil', 'escalation', 'state', 'queue', 'owner', 'customerUser', 'number', 'title', 'numberTexts', 'titleTexts'];

/** The kept times that are each due view's due times. */
export const DUE_COLUMNS: Readonly<Record<DueView, 'pendingUntil' | 'escalation'>> = { reminder: 'pendingUntil', escalated: 'escalation' };

const KEPT_SORTS: readonly string[] = ['priority', 'changed', 'pendingUntil', 'escalation', ...Object.keys(KEPT_NAMES), ...Object.keys(KEPT_TEXTS)];

/** Whether a sort field has kept keys. */
export const isKept = (field: TicketSortField): field is KeptSort => KEPT_SORTS.includes(field);

/** Each distinct value of a field, numbered in the order first met. */
class Numbered {
  readonly values: unknown[] = [];
  /** The ranks of logins (their own names), kept until a new one is numbered. */
  ranked?: { count: number; ranks: Float64Array };
  private readonly numbers = new Map<unknown, number>();

  of(value: unknown): number {
    let number = this.numbers.get(value);
    if (number === undefined) this.numbers.set(value, (number = this.values.push(value) - 1));
    return number;
  }
}

/** The state, queue, owner ids and logins of a table's columns, numbered: one set per table, as long as it lives. */
export type NumberedIds = Record<NamedSort, Numbered>;
export const numberedIds = (): NumberedIds => ({ state: new Numbered(), queue: new Numbered(), owner: new Numbered(), customerUser: new Numbered() });

// Typed arrays, each an allocation outside the heap: at a million tickets past some 60 MB of them
// the engine collects the whole heap at once (over a second), hence numbered names in 4 bytes.
export const keptColumns = (count: number): KeptColumns =>
  Object.fromEntries(
    KEPT_COLUMNS.map((name) => [name, name.endsWith('Texts') ? new Array<unknown>(count) : Object.hasOwn(KEPT_NAMES, name) ? new Uint32Array(count) : new Float64Array(count)]),
  ) as KeptColumns;

/** Writes `ticket`'s keys at `at` (written out: a million tickets go through it at build). */
export function writeKept(columns: KeptColumns, at: number, ticket: Ticket, ids: NumberedIds): void {
  columns.idKeys[at] = digitKey(ticket.id) ?? NaN;
  columns.priority[at] = Number.isFinite(ticket.priority) ? ticket.priority! : NaN;
  columns.changed[at] = timeOf(ticket.changedAt);
  columns.pendingUntil[at] = timeOf(ticket.pendingUntil);
  columns.escalation[at] = timeOf(ticket.escalationAt);
  columns.state[at] = ids.state.of(ticket.state);
  columns.queue[at] = ids.queue.of(ticket.queueId);
  columns.owner[at] = ids.owner.of(ticket.ownerId);
  columns.customerUser[at] = ids.customerUser.of(ticket.customerUserLogin);
  columns.number[at] = textKey(ticket.number);
  columns.title[at] = textKey(ticket.title);
  columns.numberTexts[at] = ticket.number;
  columns.titleTexts[at] = ticket.title;
}

/** One ticket's keys. */
export function keptRow(ticket: Ticket, ids: NumberedIds): { [Name in KeptColumn]: KeptColumns[Name][number] } {
  const columns = keptColumns(1);
  writeKept(columns, 0, ticket, ids);
  return Object.fromEntries(KEPT_COLUMNS.map((name) => [name, columns[name][0]])) as { [Name in KeptColumn]: KeptColumns[Name][number] };
}

/** Digits of a text key per code unit: 0 is the text's end. */
const TEXT_KEY_BASE = 43;
/** 43⁹ is below 2⁵³: every key is exact. */
const TEXT_KEY_LENGTH = 9;

/**
 * A unit's digit in a text key (1–42): space, digits and small letters each have a digit of their
 * own; every other range of units shares one, negative here, after which the key ends, as what
 * follows no longer orders the text.
 */
function unitDigit(unit: number): number {
  if (unit === 32) return 2;
  if (unit >= 48 && unit <= 57) return unit - 44;
  if (unit >= 97 && unit <= 122) return unit - 82;
  return unit < 32 ? -1 : unit < 48 ? -3 : unit < 97 ? -14 : unit < 128 ? -41 : -42;
}

/**
 * A number that orders as the lower-cased text does where their first units differ: if the key
 * of `a` is below that of `b`, `a` sorts before `b`; equal keys say nothing (the texts decide).
 * The first nine units in base 43, each unit's `unitDigit` (0 after the end). Read from the text
 * as it is, not from a lower-cased copy (a million copies at build): up to the first unit beyond
 * ASCII, where the key ends, the lower case has the same units with A–Z lowered; and the lower
 * case of a unit beyond ASCII is beyond ASCII too, but for KELVIN SIGN ("k") and İ ("i" and a
 * combining dot).
 */
export function textKey(value: unknown): number {
  if (typeof value !== 'string') return NaN;
  let key = 0;
  let open = true;
  /** The digit of İ's combining dot, owed to the next place. */
  let owed = 0;
  for (let at = 0; at < TEXT_KEY_LENGTH; at++) {
    let digit = owed;
    if (owed) [owed, open] = [0, false];
    else if (open && at < value.length) {
      let unit = value.charCodeAt(at);
      if (unit > 64 && unit < 91) unit += 32;
      else if (unit === 0x212a) unit = 107;
      else if (unit === 0x130) [unit, owed] = [105, 42];
      digit = unitDigit(unit);
      if (digit < 0) [digit, open] = [-digit, false];
    }
    key = key * TEXT_KEY_BASE + digit;
  }
  return key;
}

/** Fields whose values mostly rise with the order tickets are filed in, and seldom tie. */
const FOLLOW_FILING: ReadonlySet<TicketSortField> = new Set(['number', 'changed']);

/** What a pass over positions takes: a position passes when `takes` says so. */
export interface KeptPick {
  tickets: readonly Ticket[];
  columns: KeptColumns;
  ids: NumberedIds;
  /** Every candidate position (in any order), in ranges. */
  positions: readonly Uint32Array[];
  takes: (position: number) => boolean;
  /** Bounds of the keys per block of the array the ranges are cut from, where they are. */
  blocks?: KeptBlocks;
}

/** Positions per block of `KeptBlocks`. */
const BLOCK = 256;

/**
 * Per block of `BLOCK` positions of `positions` (the array a customer's ranges are cut from), what
 * its keys can be at best, so that a pass passes over a whole block none of whose tickets can
 * enter the page once the page is full:
 * - per field, its best key either way (a named field's: its best rank by the names a sort reads),
 *   and for titles the best text at that key (the texts decide where keys tie);
 * - its least id key (NaN where an id is not digits).
 * Made with the table, else on first use; when a put changes a key (`noteChange`), the block
 * that holds it is made again when that field's are next asked for.
 */
export class KeptBlocks {
  private readonly bounds = new Map<KeptSort | 'idKeys', Float64Array>();
  private readonly bestTexts = new Map<KeptSort, Int32Array>();
  /** The ranks each named field's bounds were made with. */
  private readonly rankedBy = new Map<KeptSort, Float64Array>();
  /** Per field, the blocks a put changed since its bounds were made. */
  private readonly changed = new Map<KeptSort | 'idKeys', Set<number>>();
  /** Each position's index in `positions`, -1 where it is not there (made on the first change). */
  private indexes?: Int32Array;

  constructor(
    readonly positions: Uint32Array,
    private readonly columns: () => KeptColumns,
  ) {}

  /** Makes every field's bounds now (a table just built: its first sorts do not wait for them). */
  makeAll(ids: NumberedIds, context: TicketSortContext): void {
    for (const field of [...KEPT_SORTS, 'idKeys'] as (KeptSort | 'idKeys')[]) this.bound(field, Object.hasOwn(KEPT_NAMES, field) ? nameRanks(ids[field as NamedSort], field as NamedSort, context) : undefined);
  }

  /** The block's least id key. */
  leastId(block: number): number {
    return this.bound('idKeys')[block];
  }

  /** Notes the block of `position` for the fields whose keys (or titles) there differ in `row` (before it is put there). */
  noteChange(position: number, row: Record<KeptColumn, unknown>): void {
    const columns = this.columns();
    const { positions } = this;
    if (!this.indexes) {
      // As long as the columns: `positions` may be some of the table's.
      this.indexes = new Int32Array(columns.idKeys.length).fill(-1);
      for (let index = 0; index < positions.length; index++) this.indexes[positions[index]] = index;
    }
    if (!(this.indexes[position] >= 0)) return;
    for (const field of this.bounds.keys()) {
      if (Object.is(columns[field][position], row[field]) && (field !== 'title' || columns.titleTexts[position] === row.titleTexts)) continue;
      let blocks = this.changed.get(field);
      if (!blocks) this.changed.set(field, (blocks = new Set()));
      blocks.add((this.indexes[position] / BLOCK) | 0);
    }
  }

  /**
   * The position of a block's best text at its best key in a text field, -1 where it is not kept:
   * titles are, numbers are not, as ten share a key (their first nine digits) and comparing them
   * reads every tying number at build (their strings lie all over memory: 50 against 8 ms at a million).
   */
  bestTextAt(field: KeptSort, block: number, sign: number): number {
    this.bound(field);
    return this.bestTexts.get(field)?.[2 * block + (sign > 0 ? 0 : 1)] ?? -1;
  }

  /** A block's best key in `field` and `sign`'s direction (a named field's numbers ranked by `ranks`). */
  bestKeys(field: KeptSort, sign: number, ranks: Float64Array | undefined): (block: number) => number {
    const bound = this.bound(field, ranks);
    return (block) => bound[2 * block + (sign > 0 ? 0 : 1)];
  }

  /**
   * A field's bounds: made where there are none, or (a named field's, by `ranks`) where its
   * numbers rank otherwise (a name numbered or renamed); else the blocks changed since, made again.
   */
  private bound(field: KeptSort | 'idKeys', ranks?: Float64Array): Float64Array {
    const { positions } = this;
    let bound = this.bounds.get(field);
    if (!bound || (ranks && !sameRanks(ranks, this.rankedBy.get(field as KeptSort)))) {
      const blocks = Math.ceil(positions.length / BLOCK);
      this.bounds.set(field, (bound = new Float64Array(field === 'idKeys' ? blocks : 2 * blocks)));
      if (ranks) this.rankedBy.set(field as KeptSort, ranks);
      if (field === 'title') this.bestTexts.set(field, new Int32Array(2 * blocks));
      this.make(field, 0, positions.length);
    } else for (const block of this.changed.get(field) ?? []) this.make(field, block * BLOCK, Math.min(positions.length, (block + 1) * BLOCK));
    this.changed.delete(field);
    return bound;
  }

  /** Makes a field's bounds of the blocks of `positions[from..to)` (`from` a block's first). */
  private make(field: KeptSort | 'idKeys', from: number, to: number): void {
    const { positions } = this;
    const columns = this.columns();
    const [bound, values] = [this.bounds.get(field)!, columns[field]];
    if (field === 'idKeys') leastIds(bound, values as Float64Array, positions, from, to);
    else if (Object.hasOwn(KEPT_NAMES, field)) keyBounds(bound, this.rankedBy.get(field)!, positions, from, to, values as Uint32Array);
    else if (field === 'title') textBounds(bound, this.bestTexts.get(field)!, values as Float64Array, positions, from, to, columns.titleTexts);
    else keyBounds(bound, values as Float64Array, positions, from, to);
  }
}

const sameRanks = (ranks: Float64Array, other: Float64Array | undefined) => ranks.length === other?.length && ranks.every((rank, number) => Object.is(rank, other[number]));

/**
 * Per block of `positions[from..to)`, its best key ascending at 2b and descending at 2b + 1 (NaN
 * left out: Infinity where all are); the keys `values` by position, or by the number `numbers`
 * has at the position.
 */
function keyBounds(best: Float64Array, values: Float64Array, positions: Uint32Array, from: number, to: number, numbers?: Uint32Array): void {
  best.fill(Infinity, (2 * from) / BLOCK, 2 * Math.ceil(to / BLOCK));
  for (let index = from; index < to; index++) {
    const value = values[numbers ? numbers[positions[index]] : positions[index]];
    const slot = 2 * ((index / BLOCK) | 0);
    if (value < best[slot]) best[slot] = value;
    if (-value < best[slot + 1]) best[slot + 1] = -value;
  }
}

/**
 * `keyBounds` of titles, with the position of the block's best text at each best key (the least
 * lower-cased ascending, the greatest descending): apart, so that the other fields' pass reads no
 * texts. Titles repeat, so the texts that tie at a best key are mostly the same string; the others
 * are compared with the slot's best lowered (`orderLowered`: lowered themselves only beyond
 * ASCII), nothing kept beyond a string per slot whatever the titles.
 */
function textBounds(best: Float64Array, bestTexts: Int32Array, values: Float64Array, positions: Uint32Array, from: number, to: number, texts: readonly unknown[]): void {
  best.fill(Infinity, (2 * from) / BLOCK, 2 * Math.ceil(to / BLOCK));
  bestTexts.fill(-1, (2 * from) / BLOCK, 2 * Math.ceil(to / BLOCK));
  /** Each slot's best text lowered, once a different text ties with it. */
  const lowered: (string | undefined)[] = [];
  /** Takes `position` as the slot's best text where there is none, or where `sign` says it comes first lower-cased. */
  const offer = (slot: number, position: number, sign: number) => {
    const text = texts[position] as string;
    const at = bestTexts[slot];
    if (at >= 0) {
      if (text === texts[at]) return;
      if (sign * orderLowered(text, (lowered[slot] ??= (texts[at] as string).toLowerCase())) >= 0) return;
    }
    bestTexts[slot] = position;
    lowered[slot] = undefined;
  };
  for (let index = from; index < to; index++) {
    const position = positions[index];
    const value = values[position];
    const slot = 2 * ((index / BLOCK) | 0);
    if (value < best[slot]) {
      best[slot] = value;
      bestTexts[slot] = -1;
    }
    if (value === best[slot]) offer(slot, position, 1);
    if (-value < best[slot + 1]) {
      best[slot + 1] = -value;
      bestTexts[slot + 1] = -1;
    }
    if (-value === best[slot + 1]) offer(slot + 1, position, -1);
  }
}

/** Per block of `positions[from..to)`, its least id key (NaN if any is NaN: the ids then decide, not the keys). */
function leastIds(least: Float64Array, values: Float64Array, positions: Uint32Array, from: number, to: number): void {
  least.fill(Infinity, from / BLOCK, Math.ceil(to / BLOCK));
  for (let at = from; at < to; at++) {
    const value = values[positions[at]];
    const block = (at / BLOCK) | 0;
    if (least[block] === least[block] && !(value >= least[block])) least[block] = value;
  }
}

/**
 * The first `count` positions `takes` passes in the contract's order of `sort` (missing values
 * last either way, then by id), picked in one pass that keeps the best so far in a heap: a
 * position no better than the worst kept is passed over on its key alone. A ticket is read only
 * where keys tie: its text where a text key cannot tell, its id where an id is not digits.
 * A customer's positions run in the order tickets were filed (a due view's due ones, in due-time
 * order: the walk's direction then gains nothing), which numbers and changed times mostly follow,
 * so a descending sort by them walks backwards: the best come first and the rest are passed over.
 * Other fields tie often (a missing time ties with every other), and ties go by id, which also
 * mostly follows the filing: those walk forwards, where a tie with the worst kept comes after it.
 */
export function firstInKept({ tickets, columns, ids, positions, takes, blocks }: KeptPick, sort: TicketSort & { field: KeptSort }, context: TicketSortContext, count: number): Ticket[] {
  const { field } = sort;
  const sign = sort.direction === 'asc' ? 1 : -1;
  const values = columns[field];
  const ranks = Object.hasOwn(KEPT_NAMES, field) ? nameRanks(ids[field as NamedSort], field as NamedSort, context) : undefined;
  const keyOf = (position: number) => {
    const value = ranks ? ranks[values[position]] : values[position];
    return value === value ? sign * value : Infinity;
  };
  const texts = Object.hasOwn(KEPT_TEXTS, field) ? columns[KEPT_TEXTS[field as keyof typeof KEPT_TEXTS][1]] : undefined;
  const compareTexts = texts && textComparer(texts);
  const { idKeys } = columns;
  /** Whether `a` comes after `b` (their keys given). */
  const after = (a: number, keyA: number, b: number, keyB: number): boolean => {
    if (keyA !== keyB) return keyA > keyB;
    const byText = compareTexts && keyA !== Infinity ? compareTexts(a, b) : 0;
    if (byText) return sign * byText > 0;
    const [idA, idB] = [idKeys[a], idKeys[b]];
    if (idA === idA && idB === idB) return idA > idB;
    return tickets[a].id > tickets[b].id;
  };
  const kept = bestOf(count, after);
  // Once the heap is full, the worst kept's key and id key: a position worse than it on the key,
  // or tying there and then on a later id where the key says all (not a text's, unless the text
  // is the worst kept's own), is passed over without a call.
  let [full, worst, worstId, worstText]: [boolean, number, number, unknown] = [false, Infinity, NaN, undefined];
  const backward = sign < 0 && FOLLOW_FILING.has(field);
  // A block is passed over, at its first position in the walk, when its best key is worse than
  // the worst kept, or ties with it and then (its best text at that key after the worst kept's, or
  // the same) on a later least id.
  const bestKey = blocks?.bestKeys(field, sign, ranks);
  const passesOver = (block: number) => {
    const best = bestKey!(block);
    if (best !== worst) return best > worst;
    if (compareTexts && best !== Infinity) {
      // The block's best text at that key (where it is kept) against the worst kept's, the worst
      // first: the comparer lowers its first text once for a run of calls with it.
      const at = blocks!.bestTextAt(field, block, sign);
      const byText = at < 0 ? NaN : compareTexts(kept.items[0], at);
      if (byText !== 0) return sign * byText < 0;
    }
    return blocks!.leastId(block) > worstId;
  };
  for (const range of backward ? [...positions].reverse() : positions) {
    const [first, step] = backward ? [range.length - 1, -1] : [0, 1];
    // Where the range lies in the blocks' array (none: -1), and the index of the next block's first position in the walk.
    const offset = blocks && range.buffer === blocks.positions.buffer ? range.byteOffset / range.BYTES_PER_ELEMENT : -1;
    let blockStart = offset < 0 ? -2 : backward ? Math.floor((offset + first + 1) / BLOCK) * BLOCK - offset - 1 : Math.ceil(offset / BLOCK) * BLOCK - offset;
    for (let index = first; index >= 0 && index < range.length; index += step) {
      if (index === blockStart) {
        blockStart += step * BLOCK;
        if (full && passesOver(((offset + index) / BLOCK) | 0)) {
          index += step * (BLOCK - 1);
          continue;
        }
      }
      const position = range[index];
      const key = keyOf(position);
      if (full && (key > worst || (key === worst && (!texts || key === Infinity || texts[position] === worstText) && idKeys[position] > worstId))) continue;
      if (!takes(position) || !kept.offer(position, key)) continue;
      if ((full ||= kept.full())) [worst, worstId, worstText] = [kept.values[0], idKeys[kept.items[0]], texts?.[kept.items[0]]];
    }
  }
  return kept.inOrder().map((position) => tickets[position]);
}

/**
 * How the texts at two positions compare lower-cased (-1, 0, 1): the same text at once, else the
 * second as it is against the first lower-cased while it is ASCII, else both lower-cased. The
 * first (most often the worst kept, the same for a run of calls) is lowered once for its run, and
 * the last two texts compared and their order are kept: ties come in runs of the same two texts.
 */
function textComparer(texts: readonly unknown[]): (a: number, b: number) => number {
  let [lastA, lastB, lastOrder, loweredA]: [unknown, unknown, number, string] = [undefined, undefined, 0, ''];
  return (a, b) => {
    // Called only where both have a text key: both are texts.
    const [textA, textB] = [texts[a] as string, texts[b] as string];
    if (textA === textB) return 0;
    if (textA !== lastA || textB !== lastB) {
      if (textA !== lastA) loweredA = textA.toLowerCase();
      [lastA, lastB, lastOrder] = [textA, textB, -orderLowered(textB, loweredA) || 0];
    }
    return lastOrder;
  };
}

/** Each numbered id's rank by the name a sort reads for it (NaN where it has none). */
function nameRanks(numbered: Numbered, field: NamedSort, context: TicketSortContext): Float64Array {
  const { ranked, values } = numbered;
  // A login sorts by itself, whatever the context: its ranks hold until a new login comes.
  if (field === 'customerUser' && ranked?.count === values.length) return ranked.ranks;
  const property = KEPT_NAMES[field];
  const names = values.map((id) => ticketSortValue({ [property]: id } as unknown as Ticket, field, context));
  const rankOf = new Map([...new Set(names.filter((name) => name !== undefined))].sort().map((name, rank) => [name, rank]));
  const ranks = Float64Array.from(names, (name) => (name === undefined ? NaN : rankOf.get(name)!));
  if (field === 'customerUser') numbered.ranked = { count: values.length, ranks };
  return ranks;
}
