/**
 * Push dispatch on PostgreSQL (see PushDispatch in ../store.ts). Offers live in
 * `dispatch_offers`, tied to the listening connection's backend: the trigger's
 * statement (SQL.triggerRun) takes an offer only while that backend lives, so
 * a runner whose process died, or whose listening connection was lost, is
 * offered nothing more, and nothing is pushed into a notification no one
 * reads. What a trigger took from an offer arrives here as an `assign`
 * notification and is subtracted from what this side believes is on offer, so
 * offers are written as changes, never overwriting a trigger's take. An offer
 * of 0 deletes the row; rows of runners killed without withdrawing are deleted
 * by the next offer anyone writes, a lease after they lapsed.
 */
import type { ClaimedTask } from '../../model.js';
import { toClaimedTask, type ClaimRow } from '../rows.js';
import type { PushDispatch } from '../store.js';
import { ASSIGN_PREFIX, SQL } from './queries.js';

interface StandingOffer {
  slots: number;
  expiresAtUs: number;
  listenerPid: number;
}

export interface PushDispatchDeps {
  /** Runs a statement of SQL on the store's pool. */
  readonly query: (text: string, values: unknown[]) => Promise<unknown>;
  /** The listening connection's backend pid, once LISTEN is in place; undefined while there is none. */
  readonly listenerPid: () => Promise<number | undefined>;
}

export class PostgresPushDispatch implements PushDispatch {
  private readonly standing = new Map<string, StandingOffer>();
  private readonly listeners = new Map<string, Set<(tasks: ClaimedTask[]) => void>>();

  constructor(private readonly deps: PushDispatchDeps) {}

  async offer(workerId: string, slots: number, leaseMs: number, nowUs: number): Promise<void> {
    const listenerPid = await this.deps.listenerPid();
    if (listenerPid === undefined) return;
    const current = this.standing.get(workerId);
    const valid = current !== undefined && current.listenerPid === listenerPid && current.expiresAtUs > nowUs;
    const onOffer = valid ? current.slots : 0;
    const renewalDue = valid && current.expiresAtUs - nowUs < (leaseMs * 1000) / 2;
    if (slots === onOffer && (!renewalDue || slots === 0)) return;
    const expiresAtUs = nowUs + leaseMs * 1000;
    const delta = slots - onOffer;
    // Taken before the write: an assignment arriving while it is in flight subtracts from this.
    const next: StandingOffer = { slots, expiresAtUs, listenerPid };
    this.standing.set(workerId, next);
    try {
      if (slots === 0) await this.deps.query(SQL.withdrawOffer, [workerId]);
      else await this.deps.query(SQL.offerSlots, [workerId, slots, delta, leaseMs, listenerPid, expiresAtUs, nowUs]);
    } catch (error) {
      if (this.standing.get(workerId) === next) this.standing.delete(workerId); // unknown: write it whole next time
      throw error;
    }
  }

  onAssigned(workerId: string, listener: (tasks: ClaimedTask[]) => void): () => void {
    let set = this.listeners.get(workerId);
    if (!set) this.listeners.set(workerId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(workerId);
    };
  }

  /** Hands an `assign` notification's tasks to their runner; false when the payload is not one. */
  deliver(payload: string): boolean {
    if (!payload.startsWith(ASSIGN_PREFIX)) return false;
    const { w: workerId, t: rows } = JSON.parse(payload.slice(ASSIGN_PREFIX.length)) as { w: string; t: ClaimRow[] };
    const offer = this.standing.get(workerId);
    if (offer) offer.slots = Math.max(0, offer.slots - rows.length);
    const listeners = this.listeners.get(workerId);
    if (!listeners) return true; // another process's runner
    const tasks = rows.map((row) => toClaimedTask(row, workerId));
    for (const listener of listeners) listener(tasks);
    return true;
  }
}
