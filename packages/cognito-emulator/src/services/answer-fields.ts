import { timingSafeEqual } from 'node:crypto';
import { invalidParameter } from '../errors.js';

/** A member of ChallengeResponses the challenge needs, or AWS's "Missing required parameter <name>". */
export function requiredResponse(responses: Record<string, string>, name: string): string {
  const value = responses[name];
  if (!value) throw invalidParameter(`Missing required parameter ${name}`);
  return value;
}

/** A code compared in constant time, so the time of a wrong guess says nothing about the right code. */
export function sameCode(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
