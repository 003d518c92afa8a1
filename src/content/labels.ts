// What the feed knows about a video's content when its uploader did not say: topics predicted from
// its hashtags (learned from the videos that do carry topics, or clustered when none do) and the
// language of its caption. Given labels always win. Labels are cached per catalog entry object, so
// an update of the item (a new object) is labelled afresh.
import type { Item } from '../core/index.js';
import { detectLanguage } from './language.js';
import { HashtagTopicModel } from './topics.js';

export interface ContentLabels {
  topics: readonly string[];
  /** BCP 47 primary language, given or detected; undefined when neither. */
  language: string | undefined;
}

/** A predicted topic is kept when it has at least this share of the prediction. */
const MIN_TOPIC_SCORE = 0.3;
const MAX_TOPICS = 3;

export class ItemLabeller {
  private model: HashtagTopicModel | null = null;
  private cache = new WeakMap<object, ContentLabels>();

  /** Learns topics from `items` (at least a few dozen with hashtags; fewer leaves topics as given). */
  fit(items: readonly Item[]): this {
    const tagged = items.filter((i) => (i.hashtags?.length ?? 0) > 0);
    this.model = tagged.length >= 20 ? new HashtagTopicModel().fit(tagged) : null;
    this.cache = new WeakMap();
    return this;
  }

  /** Labels of `entry.item`, cached on `entry` (any object that stands for this version of the item). */
  of(entry: { item: Item }): ContentLabels {
    let labels = this.cache.get(entry);
    if (!labels) {
      labels = this.label(entry.item);
      this.cache.set(entry, labels);
    }
    return labels;
  }

  private label(item: Item): ContentLabels {
    const topics =
      item.topics && item.topics.length > 0
        ? item.topics
        : (this.model?.predict(item, MAX_TOPICS) ?? [])
            .filter((t) => t.score >= MIN_TOPIC_SCORE)
            .map((t) => t.topic);
    const language = item.language ?? (item.caption ? detectLanguage(item.caption)?.language : undefined);
    return { topics, language };
  }
}
