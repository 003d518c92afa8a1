// What every configured candidate source shares: its name and the settings configuration gives it.
import type { CandidateSource, FeedQuery, SourceSettings, SourcedItem } from '../core/index.js';

export abstract class ConfiguredSource implements CandidateSource {
  readonly quota: number;
  readonly timeoutMs: number;
  readonly weight: number;

  constructor(
    readonly name: string,
    settings: SourceSettings,
  ) {
    this.quota = settings.quota;
    this.timeoutMs = settings.timeoutMs;
    this.weight = settings.weight;
  }

  abstract fetch(query: FeedQuery, limit: number): SourcedItem[] | Promise<SourcedItem[]>;
}
