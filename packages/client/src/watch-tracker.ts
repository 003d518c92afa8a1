// Measures what one view was worth: the time the video was on screen and playing (a hidden tab or
// a locked phone does not count: visibility changes pause the clock), and the loops it played.
// The app reports loops when its player wraps around (`loop()`); without reports they follow from
// the time watched and the duration.

/** The part of `document` the tracker listens to. */
export interface VisibilitySource {
  readonly visibilityState: string;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

export interface ViewMeasure {
  itemId: string;
  watchMs: number;
  durationMs: number;
  loops: number;
  /** Left within `quickSkipMs`: sent as a `skip`, not a `watch`. */
  quickSkip: boolean;
  /** When the view began, ms since the epoch. */
  startedAt: number;
}

export interface WatchTrackerOptions {
  now?: () => number;
  /** `document` in a browser; null (the default elsewhere) when nothing can hide the app. */
  visibility?: VisibilitySource | null;
  quickSkipMs?: number;
}

interface Current {
  itemId: string;
  durationMs: number;
  startedAt: number;
  accumulated: number;
  /** When the running stretch began; null while paused. */
  since: number | null;
  loopsReported: number;
  manualPause: boolean;
}

export class WatchTracker {
  private current: Current | null = null;
  private readonly now: () => number;
  private readonly visibility: VisibilitySource | null;
  readonly quickSkipMs: number;
  private readonly onVisibility = (): void => this.syncVisibility();

  constructor(options: WatchTrackerOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.visibility = options.visibility ?? null;
    this.quickSkipMs = options.quickSkipMs ?? 1000;
    this.visibility?.addEventListener('visibilitychange', this.onVisibility);
  }

  get itemId(): string | null {
    return this.current?.itemId ?? null;
  }

  private get hidden(): boolean {
    return this.visibility?.visibilityState === 'hidden';
  }

  /** A video came on screen; ends the previous view, if any, and returns its measure. */
  begin(itemId: string, durationMs: number): ViewMeasure | null {
    const previous = this.end();
    const t = this.now();
    this.current = {
      itemId,
      durationMs: Math.max(1, durationMs),
      startedAt: t,
      accumulated: 0,
      since: this.hidden ? null : t,
      loopsReported: 0,
      manualPause: false,
    };
    return previous;
  }

  /** The player wrapped around to the start. */
  loop(): void {
    if (this.current) this.current.loopsReported += 1;
  }

  /** The user paused (or resumed) playback. */
  setPaused(paused: boolean): void {
    const c = this.current;
    if (!c) return;
    c.manualPause = paused;
    this.syncVisibility();
  }

  /** Time watched so far in the current view. */
  elapsed(): number {
    const c = this.current;
    if (!c) return 0;
    return c.accumulated + (c.since === null ? 0 : this.now() - c.since);
  }

  /** The current view ended (swiped away, app closing); null if there was none. */
  end(): ViewMeasure | null {
    const c = this.current;
    if (!c) return null;
    const watchMs = Math.round(this.elapsed());
    this.current = null;
    const derived = Math.floor(watchMs / c.durationMs);
    // A report counts a wrap the player saw; time alone counts the same for a player that never says.
    const loops = c.loopsReported > 0 ? c.loopsReported : derived;
    return {
      itemId: c.itemId,
      watchMs,
      durationMs: c.durationMs,
      loops: Math.min(loops, 10_000),
      quickSkip: watchMs < this.quickSkipMs,
      startedAt: c.startedAt,
    };
  }

  close(): void {
    this.visibility?.removeEventListener('visibilitychange', this.onVisibility);
  }

  private syncVisibility(): void {
    const c = this.current;
    if (!c) return;
    const running = !this.hidden && !c.manualPause;
    const t = this.now();
    if (running && c.since === null) c.since = t;
    else if (!running && c.since !== null) {
      c.accumulated += t - c.since;
      c.since = null;
    }
  }
}
