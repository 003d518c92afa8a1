import { randomUUID } from 'node:crypto';

/** A feed response id; events that follow from the response carry it back. */
export function newRequestId(): string {
  return randomUUID();
}
