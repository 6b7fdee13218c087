/**
 * The procman scenarios measured v1 against v2, by name: a table keyed by one
 * (./trials.ts) or a spec naming one is checked against this list when compiled.
 */
export type ProcmanVariantScenario =
  | 'bulk-stop-start'
  | 'cancellation-semantics'
  | 'concurrent-ops-isolation'
  | 'control-plane-isolation'
  | 'hot-process-isolation'
  | 'read-heavy-write-heavy';
