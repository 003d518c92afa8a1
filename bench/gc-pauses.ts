// The garbage collector's pauses of this thread, as Node reports them (perf_hooks 'gc' entries), so
// an in-process benchmark can say which of its timed operations a pause fell into: a tail made of
// collections and a tail made of our own work call for different fixes.
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { latencySummary } from './lib.js';

interface Pause {
  start: number;
  end: number;
  minor: boolean;
}

export class GcPauses {
  private readonly pauses: Pause[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as { detail?: { kind?: number } }).detail?.kind;
      this.pauses.push({
        start: e.startTime,
        end: e.startTime + e.duration,
        minor: kind === constants.NODE_PERFORMANCE_GC_MINOR,
      });
    }
  });

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /**
   * Whether a pause overlapped [start, end] (performance.now() times). Entries arrive after the
   * pause, asynchronously: ask once the timed loop is over.
   */
  overlaps(start: number, end: number): boolean {
    return this.pauses.some((p) => p.end > start && p.start < end);
  }

  stop(): { minor: number; major: number; minorPauseMs: ReturnType<typeof latencySummary> | null } {
    this.observer.disconnect();
    const minor = this.pauses.filter((p) => p.minor).map((p) => p.end - p.start);
    return {
      minor: minor.length,
      major: this.pauses.length - minor.length,
      minorPauseMs: minor.length > 0 ? latencySummary(minor) : null,
    };
  }
}
