/**
 * FIPA-ACL communicative acts the runtime understands. `request` and
 * `query-ref` expect a reply; the others are one-way unless sent as a request.
 */
export const PERFORMATIVES = [
  'request',
  'query-ref',
  'inform',
  'agree',
  'refuse',
  'failure',
  'not-understood',
  'propose',
  'accept-proposal',
  'reject-proposal',
  'cancel',
] as const;

export type Performative = (typeof PERFORMATIVES)[number];

export function isPerformative(value: unknown): value is Performative {
  return typeof value === 'string' && (PERFORMATIVES as readonly string[]).includes(value);
}
