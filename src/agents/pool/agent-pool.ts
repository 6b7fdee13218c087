/**
 * A pool of identical agents that processes tasks concurrently: each task is a
 * request to the least-loaded member, with at most `concurrency` in flight.
 */
import type { AgentSpec } from '../agent/agent-spec.js';
import { AgentError } from '../errors.js';
import { option } from '../options/validate.js';
import type { AgentRuntime } from '../runtime/agent-runtime.js';

export interface AgentPoolOptions {
  readonly name: string;
  readonly size: number;
  /** The spec of member `index`; its id and capabilities are set by the pool. */
  readonly member: (index: number) => AgentSpec;
  /** Per-task reply timeout; default none. */
  readonly taskTimeoutMs?: number;
}

export type TaskOutcome =
  | { readonly status: 'completed'; readonly value: unknown; readonly agentId: string }
  | { readonly status: 'failed'; readonly error: Error };

export class AgentPool {
  readonly name: string;
  readonly memberIds: readonly string[];
  private readonly inFlight: number[];
  private readonly taskTimeoutMs: number | undefined;

  constructor(
    private readonly runtime: AgentRuntime,
    options: AgentPoolOptions,
  ) {
    this.name = option.nonEmptyString('name', options.name);
    const size = option.positiveInteger('size', options.size);
    this.taskTimeoutMs = options.taskTimeoutMs;
    const ids: string[] = [];
    for (let index = 0; index < size; index++) {
      const spec = options.member(index);
      const ref = runtime.spawn({
        ...spec,
        id: `${this.name}-${index}`,
        capabilities: [`pool:${this.name}`, ...(spec.capabilities ?? [])],
      });
      ids.push(ref.id);
    }
    this.memberIds = ids;
    this.inFlight = ids.map(() => 0);
  }

  /** Runs one task on the least-loaded member; resolves with the reply content. */
  async process(task: unknown): Promise<unknown> {
    const outcome = await this.run(task);
    if (outcome.status === 'failed') throw outcome.error;
    return outcome.value;
  }

  /** Runs every task with at most `concurrency` in flight; outcomes are in task order. */
  async processAll(tasks: readonly unknown[], concurrency = this.memberIds.length): Promise<TaskOutcome[]> {
    option.positiveInteger('concurrency', concurrency);
    const outcomes = new Array<TaskOutcome>(tasks.length);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < tasks.length) {
        const index = next++;
        outcomes[index] = await this.run(tasks[index]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, lane));
    return outcomes;
  }

  stop(): void {
    for (const id of this.memberIds) this.runtime.stop(id);
  }

  private async run(task: unknown): Promise<TaskOutcome> {
    const member = this.leastLoaded();
    const agentId = this.memberIds[member] as string;
    this.inFlight[member] = (this.inFlight[member] ?? 0) + 1;
    try {
      const reply = await this.runtime.request(
        agentId,
        task,
        this.taskTimeoutMs === undefined ? undefined : { timeoutMs: this.taskTimeoutMs },
      );
      if (reply.performative === 'inform') return { status: 'completed', value: reply.content, agentId };
      return {
        status: 'failed',
        error: new AgentError(
          'handler-failed',
          `Pool \`${this.name}\` agent \`${agentId}\` answered \`${reply.performative}\``,
          {
            agentId,
            cause: reply.content,
          },
        ),
      };
    } catch (error: unknown) {
      return {
        status: 'failed',
        error: error instanceof Error ? error : new AgentError('handler-failed', String(error)),
      };
    } finally {
      this.inFlight[member] = (this.inFlight[member] ?? 1) - 1;
    }
  }

  private leastLoaded(): number {
    let best = 0;
    for (let index = 1; index < this.inFlight.length; index++) {
      if ((this.inFlight[index] as number) < (this.inFlight[best] as number)) best = index;
    }
    return best;
  }
}
