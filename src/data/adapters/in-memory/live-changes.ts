import type { CustomerUser } from '../../contract/types.js';
import type { DataChange, LiveScope, SubscribeOptions } from '../../contract/data-source.js';

type Listener = (changes: readonly DataChange[]) => void;

/**
 * The subscribers of a source that tells its own writes (`subscribe` of the in-memory
 * source): changes are gathered and told after the current task, in one batch per
 * subscriber, each subscriber hearing only those of its scope. A customer's scope hears
 * what names its customer id; a customer user's, what names its login or one of its
 * customers (`customersOf`).
 */
export class LiveChanges {
  private readonly subscribers = new Set<{ scope: LiveScope; listener: Listener }>();
  private pending: DataChange[] = [];

  constructor(private readonly customersOf: (login: string) => readonly string[]) {}

  subscribe(scope: LiveScope, listener: Listener, { signal, onStatus }: SubscribeOptions): void {
    if (signal.aborted) return;
    const subscriber = { scope, listener };
    this.subscribers.add(subscriber);
    signal.addEventListener('abort', () => this.subscribers.delete(subscriber), { once: true });
    onStatus?.('live');
  }

  /** Tells the changes to the subscribers of their scopes, after the current task. */
  emit(...changes: DataChange[]): void {
    if (!this.subscribers.size) return;
    if (!this.pending.length) setTimeout(() => this.flush());
    this.pending.push(...changes);
  }

  private flush(): void {
    const changes = this.pending;
    this.pending = [];
    for (const subscriber of [...this.subscribers]) {
      const { scope, listener } = subscriber;
      const customers = 'customerId' in scope ? [scope.customerId] : this.customersOf(scope.customerUserLogin);
      const heard = changes.filter(
        (change) => customers.includes(change.customerId!) || ('customerUserLogin' in scope && change.customerUserLogin === scope.customerUserLogin),
      );
      // One subscriber's failure must not keep the others from hearing.
      try {
        if (heard.length && this.subscribers.has(subscriber)) listener(heard);
      } catch (error) {
        console.error(error);
      }
    }
  }
}

/** The change of a customer user's record, for its customer. */
export const userChange = (action: DataChange['action'], { login, customerId }: CustomerUser): DataChange => ({
  kind: 'customer-user', action, id: login, customerId, customerUserLogin: login,
});
