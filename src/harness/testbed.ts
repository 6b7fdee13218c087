/**
 * A testbed is the machine class results belong to: CPU model, core count and
 * Node major (the profile is judged separately). Numbers of one testbed say
 * nothing about another — a GitHub runner is not the machine the baselines were
 * recorded on, and Node 24 itself
 * uses more memory than Node 20 — so a baseline is only compared with runs of
 * its own testbed.
 */
import type { EnvironmentFingerprint } from './result-model.js';

export interface Testbed {
  readonly cpuModel: string;
  readonly cores: number;
  readonly nodeMajor: number;
}

/** The testbed of a fingerprint; undefined when it lacks a field (a record from before testbeds). */
export function testbedOf(
  environment: EnvironmentFingerprint | Readonly<Record<string, unknown>>,
): Testbed | undefined {
  const { cpuModel, cores, node } = environment as Record<string, unknown>;
  if (typeof cpuModel !== 'string' || typeof cores !== 'number' || typeof node !== 'string') return undefined;
  const major = /^v?(\d+)\./.exec(node)?.[1];
  if (major === undefined) return undefined;
  return { cpuModel, cores, nodeMajor: Number(major) };
}

export function sameTestbed(a: Testbed, b: Testbed): boolean {
  return a.cpuModel === b.cpuModel && a.cores === b.cores && a.nodeMajor === b.nodeMajor;
}

/** "AMD EPYC × 2, Node 20". */
export function describeTestbed(t: Testbed): string {
  return `${t.cpuModel} × ${t.cores}, Node ${t.nodeMajor}`;
}
