/**
 * The agent runtime: spawns native and WebAssembly agents, routes their
 * messages, supervises crashes and keeps metrics. Everything runs on one event
 * loop; a crash (throw, trap, memory limit) is contained to its agent.
 */
import type { AgentContext, RequestOptions } from '../agent/agent-context.js';
import { classifyCrash, type AgentKind } from '../agent/agent-instance.js';
import { resolveAgentSpec, type AgentSpec } from '../agent/agent-spec.js';
import { coerceError } from '../../lib/coerce-error.js';
import { AgentError } from '../errors.js';
import { Mailbox } from '../mailbox/mailbox.js';
import type { AgentMessage, Target } from '../messages/message.js';
import type { Performative } from '../messages/performative.js';
import { RuntimeMetrics, type MetricsSnapshot } from '../metrics/runtime-metrics.js';
import { Router, type BatchOutcome } from '../router/router.js';
import type { SendStatus } from '../router/send-status.js';
import { Supervisor } from '../supervisor/supervisor.js';
import { AgentCell, type AgentCheckpoint, type AgentStatus, type CellHost } from './agent-cell.js';
import { AgentDirectory } from './agent-directory.js';
import { Dispatcher } from './dispatcher.js';
import { EventHub } from './event-hub.js';
import type { RuntimeEventMap } from './runtime-events.js';
import {
  resolveRuntimeOptions,
  type AgentRuntimeOptions,
  type ResolvedAgentRuntimeOptions,
} from './runtime-options.js';

export interface AgentRef {
  readonly id: string;
  readonly kind: AgentKind;
  readonly capabilities: readonly string[];
}

export interface AgentInfo extends AgentRef {
  readonly status: AgentStatus;
  readonly incarnation: number;
  readonly handled: number;
  readonly queued: number;
  readonly memoryBytes: number;
}

export interface RuntimeStats {
  readonly agents: number;
  readonly byKind: Readonly<Record<AgentKind, number>>;
  readonly byStatus: Readonly<Record<AgentStatus, number>>;
  readonly queuedMessages: number;
  /** Linear memory of all WASM agents, bytes. */
  readonly wasmMemoryBytes: number;
  readonly pendingRequests: number;
}

export class AgentRuntime {
  readonly options: ResolvedAgentRuntimeOptions;
  readonly metrics: RuntimeMetrics;
  readonly events = new EventHub<RuntimeEventMap>();
  private readonly directory: AgentDirectory;
  private readonly dispatcher: Dispatcher;
  private readonly router: Router;
  private readonly supervisor: Supervisor;
  private readonly host: CellHost;
  private busy = 0;
  private spawned = 0;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(options?: AgentRuntimeOptions) {
    this.options = resolveRuntimeOptions(options);
    const { now } = this.options;
    this.metrics = new RuntimeMetrics(now);
    this.directory = new AgentDirectory(this.options.capabilityRouting);
    this.dispatcher = new Dispatcher(this.options.turnBudget, this.options.perAgentBatch, () => this.checkIdle());
    this.metrics.countTurnsOf(this.dispatcher);
    this.router = new Router(this.directory, this.dispatcher, this.metrics, now, this.options.timers, {
      deadLetter: (message, reason) => this.events.emit('dead-letter', { message, reason }),
    });
    this.supervisor = new Supervisor({
      now,
      schedule: this.options.scheduleRestart,
      onEvent: (event) => {
        if (event.type === 'restarted') {
          this.metrics.counters.restarts++;
          this.metrics.recordRecoveryMs(event.recoveryMs);
          const { agentId, kind, attempt, recoveryMs } = event;
          this.events.emit('restart', { agentId, kind, attempt, recoveryMs });
        } else {
          this.metrics.counters.gaveUp++;
          const { agentId, kind, reason } = event;
          this.events.emit('gave-up', { agentId, kind, reason });
        }
        this.checkIdle();
      },
    });
    this.host = {
      completed: (cell, message, value) => {
        this.metrics.counters.processed++;
        cell.handled++;
        if (message.replyWith !== 0 && !cell.replied) this.router.reply(message, 'inform', value, cell.id);
      },
      crashed: (cell, message, error) => this.crashed(cell, message, error),
      busyChanged: (cell, delta) => {
        this.busy += delta;
        if (delta === -1 && cell.status === 'running' && cell.mailbox.length > 0) this.dispatcher.schedule(cell);
        if (this.busy === 0) this.checkIdle();
      },
    };
  }

  /** Creates and starts an agent; throws an AgentError on a bad spec or a duplicate id. */
  spawn(spec: AgentSpec): AgentRef {
    if (this.closed) throw new AgentError('runtime-closed', 'The runtime is closed; no agent can be spawned');
    const resolved = resolveAgentSpec(spec, `${spec.kind}-${this.spawned + 1}`, this.options.mailboxCapacity);
    if (this.directory.has(resolved.id)) {
      throw new AgentError('duplicate-agent', `An agent with id \`${resolved.id}\` already exists`, {
        agentId: resolved.id,
      });
    }
    const cell = new AgentCell(
      resolved.id,
      resolved.kind,
      resolved.capabilities,
      new Mailbox<AgentMessage>(resolved.mailboxCapacity),
      resolved.restartPolicy,
      resolved.createInstance,
      this.host,
    );
    cell.context = this.contextFor(cell);
    this.spawned++;
    this.directory.add(cell);
    return { id: cell.id, kind: cell.kind, capabilities: cell.capabilities };
  }

  /** Stops an agent now: its queued requests reject, its one-way messages become dead letters. */
  stop(agentId: string): boolean {
    const cell = this.directory.get(agentId);
    if (cell === undefined) return false;
    this.supervisor.forget(agentId);
    if (cell.status === 'busy' && cell.current !== undefined) this.router.failInFlight(cell.current, cell.id);
    cell.status = 'stopped';
    cell.instance.dispose();
    this.directory.remove(cell);
    this.router.failQueued(cell, 'agent-stopped');
    this.checkIdle();
    return true;
  }

  trySend(target: Target, performative: Performative, content: unknown): SendStatus {
    return this.router.trySend(target, performative, content);
  }

  send(target: Target, performative: Performative, content: unknown): void {
    this.router.send(target, performative, content);
  }

  sendWhenReady(target: Target, performative: Performative, content: unknown): Promise<void> {
    return this.router.sendWhenReady(target, performative, content);
  }

  sendBatch(target: Target, performative: Performative, contents: readonly unknown[], from = 0): BatchOutcome {
    return this.router.sendBatch(target, performative, contents, from);
  }

  whenWritable(target: Target): Promise<void> {
    return this.router.whenWritable(target);
  }

  request(target: Target, content: unknown, options?: RequestOptions): Promise<AgentMessage> {
    return this.router.request(target, content, options);
  }

  /** Saves the agent's state; a later restart of this agent restores it. */
  checkpoint(agentId: string): AgentCheckpoint {
    const cell = this.requireCell(agentId);
    const checkpoint: AgentCheckpoint = {
      agentId,
      kind: cell.kind,
      incarnation: cell.incarnation,
      handled: cell.handled,
      atMs: this.options.now(),
      state: cell.instance.checkpoint(),
    };
    cell.lastCheckpoint = checkpoint;
    return checkpoint;
  }

  info(agentId: string): AgentInfo {
    const cell = this.requireCell(agentId);
    return {
      id: cell.id,
      kind: cell.kind,
      capabilities: cell.capabilities,
      status: cell.status,
      incarnation: cell.incarnation,
      handled: cell.handled,
      queued: cell.mailbox.length,
      memoryBytes: cell.instance.memoryBytes(),
    };
  }

  stats(): RuntimeStats {
    const byKind: Record<AgentKind, number> = { native: 0, wasm: 0 };
    const byStatus: Record<AgentStatus, number> = { running: 0, busy: 0, crashed: 0, failed: 0, stopped: 0 };
    let queuedMessages = 0;
    let wasmMemoryBytes = 0;
    for (const cell of this.directory.cells()) {
      byKind[cell.kind]++;
      byStatus[cell.status]++;
      queuedMessages += cell.mailbox.length;
      if (cell.kind === 'wasm' && cell.available) wasmMemoryBytes += cell.instance.memoryBytes();
    }
    return {
      agents: this.directory.size,
      byKind,
      byStatus,
      queuedMessages,
      wasmMemoryBytes,
      pendingRequests: this.router.pendingRequests,
    };
  }

  snapshot(): MetricsSnapshot {
    return this.metrics.snapshot();
  }

  /** Resolves when no message is queued, no handler is running and no restart is pending. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops every agent and rejects every pending request. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.router.close();
    for (const cell of [...this.directory.cells()]) this.stop(cell.id);
    this.checkIdle();
  }

  private isIdle(): boolean {
    if (!this.dispatcher.isQuiet || this.busy > 0 || this.supervisor.pendingRestarts > 0) return false;
    for (const cell of this.directory.cells()) {
      if (cell.status === 'running' && cell.mailbox.length > 0) return false;
    }
    return true;
  }

  private checkIdle(): void {
    if (this.idleWaiters.length === 0 || !this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }

  private requireCell(agentId: string): AgentCell {
    const cell = this.directory.get(agentId);
    if (cell === undefined) throw new AgentError('unknown-agent', `No agent \`${agentId}\``, { agentId });
    return cell;
  }

  private contextFor(cell: AgentCell): AgentContext {
    const router = this.router;
    return {
      agentId: cell.id,
      capabilities: cell.capabilities,
      reply(performative, content) {
        const message = cell.current;
        if (message === undefined || cell.replied) return;
        cell.replied = true;
        router.reply(message, performative, content, cell.id);
      },
      send: (target, performative, content) => router.send(target, performative, content, cell.id),
      request: (target, content, options) => router.request(target, content, options, cell.id),
    };
  }

  private crashed(cell: AgentCell, message: AgentMessage, thrown: unknown): void {
    const error = coerceError(thrown, { show: 'json' });
    const kind = classifyCrash(thrown);
    const atMs = this.options.now();
    this.metrics.counters.processed++;
    this.metrics.counters.crashes++;
    if (message.replyWith !== 0 && !cell.replied) {
      cell.replied = true;
      this.router.reply(message, 'failure', { reason: kind, error: error.message }, cell.id);
    }
    cell.status = 'crashed';
    cell.instance.dispose();
    this.events.emit('crash', { agentId: cell.id, kind, error, atMs });
    this.supervisor.handleCrash(
      {
        id: cell.id,
        policy: cell.policy,
        restart: () => {
          if (cell.status !== 'crashed') return;
          const instance = cell.createInstance();
          if (cell.lastCheckpoint !== undefined) instance.restore(cell.lastCheckpoint.state);
          cell.instance = instance;
          cell.incarnation++;
          cell.status = 'running';
          if (cell.mailbox.length > 0) this.dispatcher.schedule(cell);
        },
        fail: () => {
          if (cell.status !== 'crashed') return;
          cell.status = 'failed';
          this.router.failQueued(cell, 'agent-failed');
        },
      },
      { agentId: cell.id, kind, error, atMs },
    );
  }
}
