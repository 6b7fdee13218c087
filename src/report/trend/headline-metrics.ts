/**
 * The trend page's headline: per system under test, the few metrics its
 * scenarios are about, drawn first. Each entry is a bench name
 * (`suite/scenario/variant/metric`, as data.js spells it) and why it leads.
 * Every entry must be a gated metric of the committed baselines
 * (headline-metrics.test.ts), because the Pages history holds gated metrics
 * only: a renamed or ungated metric would leave an empty headline.
 */
export const HEADLINE_SYSTEMS = ['procman', 'orchestrator', 'agents', 'daemon'] as const;

export type HeadlineSystem = (typeof HEADLINE_SYSTEMS)[number];

export interface HeadlineEntry {
  readonly name: string;
  readonly why: string;
}

export const HEADLINE: Readonly<Record<HeadlineSystem, readonly HeadlineEntry[]>> = {
  procman: [
    {
      name: 'procman/control-plane-isolation/v2/queryLatencyUs.p99',
      why: "v2's promise: status queries stay fast while a managed process misbehaves",
    },
    {
      name: 'procman/control-plane-isolation/v2/queryOverFloorP95Ratio',
      why: 'the same queries over the in-trial floor, steady across machine speed',
    },
    {
      name: 'procman/hot-process-isolation/v2/queryOverFloorP95Ratio',
      why: 'queries while one hot process is stuck stopping, then cycling, over the floor',
    },
    {
      name: 'procman/concurrent-ops-isolation/v2/queryOverFloorP95Ratio',
      why: 'queries while starts and stops churn, over the floor',
    },
    {
      name: 'procman/scaling/v2-n256/queryLatencyUs.p99',
      why: 'query tail with the most managed processes',
    },
  ],
  orchestrator: [
    {
      name: 'orchestrator/quick/sqlite/ceilingFraction',
      why: "throughput as a fraction of the machine's spawn ceiling",
    },
    {
      name: 'orchestrator/quick/sqlite/bareCeilingFraction',
      why: 'the same over a bare spawn loop, without the task runner',
    },
    {
      name: 'orchestrator/latency/sqlite/ceilingFraction',
      why: 'the spawn-normalized ceiling when every run is triggered at once',
    },
    {
      name: 'orchestrator/pickup-latency/sqlite/pickupOverheadUs.p50',
      why: 'how long a task waits to be picked up (open loop, no queue)',
    },
    {
      name: 'orchestrator/pickup-latency/postgres/pickupOverFloorRatio',
      why: 'PostgreSQL pick-up over its bare chain, steady across machine speed',
    },
  ],
  agents: [
    {
      name: 'agents/request-latency/native/routingLatencyNs.p99',
      why: 'the routing tail every message pays',
    },
    {
      name: 'agents/request-latency/native/requestLatencyNs.p99',
      why: 'the request tail end to end',
    },
    {
      name: 'agents/request-latency/native/requestsPerSec',
      why: 'the request rate one router sustains',
    },
    {
      name: 'agents/load-test/native/requestLatencyUs.p50',
      why: 'the typical request under load',
    },
  ],
  daemon: [
    {
      name: 'daemon/micro/default/daemonCreationNs.median',
      why: 'the cost of creating a daemon',
    },
    {
      name: 'daemon/micro/default/shutdownCoordinationNs.median',
      why: 'the cost of coordinating subsystem shutdown',
    },
    {
      name: 'daemon/shutdown-latency/default/sigtermToExitUs.p50',
      why: 'how fast a daemon exits on SIGTERM',
    },
  ],
};

/** The headline as the page draws it: systems in order, their entries in order. */
export function headlineList(): { readonly system: HeadlineSystem; readonly name: string; readonly why: string }[] {
  return HEADLINE_SYSTEMS.flatMap((system) => HEADLINE[system].map((entry) => ({ system, ...entry })));
}
