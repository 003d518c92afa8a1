import { randomUUID } from 'node:crypto';

/** A feed response id; events that follow from the response carry it back. */
export function newRequestId(): string {
  return randomUUID();
}

export function parseTimestamp(value: string): number {
  return Date.parse(value);
}

export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}
