import { countBelow } from './sorted.js';
import { closedAtOf } from './ticket-statistics.js';
import type { CustomerHealth, HealthBands, Ticket } from '../contract/types.js';

/**
 * A customer distress index as TeamSupport describes its CDI: five inputs per customer, each
 * turned into its percentile rank among all customers, weighted, scaled to 0–100. Higher is
 * worse.
 */
export const HEALTH_FACTORS = ['tickets', 'recentTickets', 'openTickets', 'openAge', 'timeToClose'] as const;
export type HealthFactorKey = (typeof HEALTH_FACTORS)[number];

export const DEFAULT_HEALTH_WEIGHTS: Readonly<Record<HealthFactorKey, number>> = {
  tickets: 0.2, recentTickets: 0.2, openTickets: 0.2, openAge: 0.2, timeToClose: 0.2,
};
/** A distress index: from 50 it needs watching, from 75 it is critical. */
export const DEFAULT_DISTRESS_BANDS: Readonly<HealthBands> = { warning: 50, critical: 75 };

/** The factors' names as a source states them (the widget shows its own translation of known keys). */
export const HEALTH_FACTOR_LABELS: Readonly<Record<HealthFactorKey, string>> = {
  tickets: 'Tickets in all', recentTickets: 'Tickets in the last 30 days', openTickets: 'Open tickets',
  openAge: 'Average age of open tickets (days)', timeToClose: 'Average time to close (days)',
};

const DAY = 86_400_000;
export type HealthInputs = Record<HealthFactorKey, number>;

/** The five inputs of one customer as they stood at `at` (ms). */
export function inputsAt(tickets: readonly Ticket[], at: number, isClosed: (ticket: Ticket) => boolean): HealthInputs {
  const inputs: HealthInputs = { tickets: 0, recentTickets: 0, openTickets: 0, openAge: 0, timeToClose: 0 };
  let closedCount = 0;
  for (const ticket of tickets) {
    const created = Date.parse(ticket.createdAt);
    if (!(created <= at)) continue;
    inputs.tickets++;
    if (created > at - 30 * DAY) inputs.recentTickets++;
    const closed = Date.parse(closedAtOf(ticket, isClosed(ticket)) ?? '');
    if (closed <= at) {
      closedCount++;
      inputs.timeToClose += Math.max(0, closed - created) / DAY;
    } else {
      inputs.openTickets++;
      inputs.openAge += (at - created) / DAY;
    }
  }
  if (inputs.openTickets) inputs.openAge /= inputs.openTickets;
  if (closedCount) inputs.timeToClose /= closedCount;
  return inputs;
}

/** Where `value` ranks among `sorted` (ascending), 0–100: those below, plus half of those equal. */
function percentileRank(sorted: readonly number[], value: number): number {
  if (!sorted.length) return 0;
  const below = countBelow(sorted, value);
  const equal = countBelow(sorted, value, true) - below;
  return ((below + equal / 2) / sorted.length) * 100;
}

interface Ranking {
  inputs: ReadonlyMap<string, HealthInputs>;
  sorted: Record<HealthFactorKey, number[]>;
}

function rank(inputs: ReadonlyMap<string, HealthInputs>): Ranking {
  const sorted = Object.fromEntries(
    HEALTH_FACTORS.map((key) => [key, [...inputs.values()].map((i) => i[key]).sort((a, b) => a - b)]),
  ) as Record<HealthFactorKey, number[]>;
  return { inputs, sorted };
}

export interface DistressIndexOptions {
  weights?: Partial<Record<HealthFactorKey, number>>;
  bands?: HealthBands;
}

/** Every customer's inputs as they stood at `at` (ms): from tickets in memory, or from a database. */
export type InputsAt = (at: number) => ReadonlyMap<string, HealthInputs> | Promise<ReadonlyMap<string, HealthInputs>>;

/**
 * The distress index of every customer, worked out once per day of the clock (and again
 * when `invalidate()` says the data changed), now and seven days earlier: a call reads
 * its answer from the cache, never scanning all tickets. The inputs are as they stood at
 * the moment of that work, which the answer states as `computedAt` (not a later moment).
 */
export class DistressIndex {
  private cache?: { day: number; rankings: Promise<[Ranking, Ranking]>; at: number; beforeAt: number };
  private readonly weights: Record<HealthFactorKey, number>;

  constructor(
    private readonly inputs: InputsAt,
    private readonly options: DistressIndexOptions = {},
  ) {
    this.weights = { ...DEFAULT_HEALTH_WEIGHTS, ...options.weights };
  }

  invalidate(): void {
    this.cache = undefined;
  }

  async of(customerId: string, now: Date): Promise<CustomerHealth> {
    const day = Math.floor(now.getTime() / DAY);
    if (this.cache?.day !== day) {
      const at = now.getTime();
      const beforeAt = at - 7 * DAY;
      const rankings = Promise.all([this.inputs(at), this.inputs(beforeAt)]).then(([a, b]) => [rank(a), rank(b)] as [Ranking, Ranking]);
      this.cache = { day, rankings, at, beforeAt };
      // A failed computation is not kept: the next call tries again.
      const cache = this.cache;
      rankings.catch(() => {
        if (this.cache === cache) this.cache = undefined;
      });
    }
    const { at, beforeAt } = this.cache;
    const [current, before] = await this.cache.rankings;
    const total = HEALTH_FACTORS.reduce((sum, key) => sum + this.weights[key], 0) || 1;
    /** The customer's percentile rank per factor (zeros for a customer the ranking does not know). */
    const ranks = (ranking: Ranking) => {
      const inputs = ranking.inputs.get(customerId);
      return Object.fromEntries(HEALTH_FACTORS.map((key) => [key, inputs ? percentileRank(ranking.sorted[key], inputs[key]) : 0])) as Record<HealthFactorKey, number>;
    };
    const score = (percentiles: Record<HealthFactorKey, number>) =>
      Math.round((HEALTH_FACTORS.reduce((sum, key) => sum + this.weights[key] * percentiles[key], 0) / total) * 10) / 10;
    const currentRanks = ranks(current);
    const inputs = current.inputs.get(customerId);
    return {
      score: score(currentRanks),
      higherIsBetter: false,
      bands: this.options.bands ?? DEFAULT_DISTRESS_BANDS,
      trend: { score: score(ranks(before)), at: new Date(beforeAt).toISOString() },
      computedAt: new Date(at).toISOString(),
      factors: HEALTH_FACTORS.map((key) => ({
        key,
        label: HEALTH_FACTOR_LABELS[key],
        value: Math.round((inputs?.[key] ?? 0) * 10) / 10,
        weight: this.weights[key],
        percentile: Math.round(currentRanks[key]),
      })),
    };
  }
}
