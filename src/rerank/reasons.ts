// Re-rank decisions recorded on the candidate they concern, so a feed item can later say why it is
// where it is. Only candidates something happened to get a list: most never allocate one.
import type { Candidate } from '../core/index.js';

/** The reasons "not interested" suppression records (`not_interested:creator`, `...:topic`). */
export const NOT_INTERESTED = 'not_interested';

export function addReason(candidate: Candidate, reason: string): void {
  if (candidate.reasons) candidate.reasons.push(reason);
  else candidate.reasons = [reason];
}

/**
 * Whether the user asked not to see this creator or topic. The slot selectors never promote such a
 * candidate: a reserved slot must not undo a suppression.
 */
export function isSuppressed(candidate: Candidate): boolean {
  const reasons = candidate.reasons;
  if (!reasons) return false;
  for (const r of reasons) if (r.startsWith(NOT_INTERESTED)) return true;
  return false;
}
