/**
 * Agents by id and by capability. Capability routing picks among the agents
 * that are not failed or stopped, round-robin or least-loaded (shortest mailbox).
 */
import type { AgentCell } from './agent-cell.js';

export type CapabilityRouting = 'round-robin' | 'least-loaded';

interface CapabilityGroup {
  readonly cells: AgentCell[];
  next: number;
}

export class AgentDirectory {
  private readonly byId = new Map<string, AgentCell>();
  private readonly byCapability = new Map<string, CapabilityGroup>();

  constructor(private readonly routing: CapabilityRouting) {}

  get size(): number {
    return this.byId.size;
  }

  get(id: string): AgentCell | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  cells(): IterableIterator<AgentCell> {
    return this.byId.values();
  }

  add(cell: AgentCell): void {
    this.byId.set(cell.id, cell);
    for (const capability of cell.capabilities) {
      let group = this.byCapability.get(capability);
      if (!group) {
        group = { cells: [], next: 0 };
        this.byCapability.set(capability, group);
      }
      group.cells.push(cell);
    }
  }

  remove(cell: AgentCell): void {
    this.byId.delete(cell.id);
    for (const capability of cell.capabilities) {
      const group = this.byCapability.get(capability);
      if (!group) continue;
      const index = group.cells.indexOf(cell);
      if (index >= 0) group.cells.splice(index, 1);
      if (group.cells.length === 0) this.byCapability.delete(capability);
    }
  }

  /** An available agent with the capability, or undefined. */
  pick(capability: string): AgentCell | undefined {
    const group = this.byCapability.get(capability);
    if (!group) return undefined;
    const cells = group.cells;
    const count = cells.length;
    if (this.routing === 'least-loaded') {
      let best: AgentCell | undefined;
      for (const cell of cells) {
        if (cell.available && (best === undefined || cell.mailbox.length < best.mailbox.length)) best = cell;
      }
      return best;
    }
    for (let tried = 0; tried < count; tried++) {
      if (group.next >= count) group.next = 0;
      const cell = cells[group.next++] as AgentCell;
      if (cell.available) return cell;
    }
    return undefined;
  }
}
