// Captions and hashtags for a simulated video, from its topics and language.
import type { Rng } from '../core/index.js';
import { LANGUAGES } from './locales.js';
import { GENERIC_TAGS, TOPICS } from './vocab.js';

export interface Caption {
  caption: string;
  hashtags: string[];
}

function fill(
  template: string,
  rng: Rng,
  fillers: readonly string[],
  emoji: readonly string[],
  tag = '',
): string {
  return template
    .replace(/\{x\}/g, () => rng.pick(fillers))
    .replace(/\{e\}/g, () => rng.pick(emoji))
    .replace(/\{tag\}/g, tag);
}

/**
 * A caption in the video's language whose hashtags name its main topic (mostly), sometimes its
 * second topic, and the generic fyp-style tags; the caption repeats them inline as apps show them.
 */
export function makeCaption(
  rng: Rng,
  primary: number,
  secondary: number | null,
  languageIndex: number,
): Caption {
  const topic = TOPICS[primary]!;
  const language = LANGUAGES[languageIndex]!;
  const tags: string[] = [];
  const add = (tag: string): void => {
    if (!tags.includes(tag)) tags.push(tag);
  };

  let text: string;
  const localTag = language.tags[topic.name];
  if (language.templates.length > 0) {
    text = fill(rng.pick(language.templates), rng, topic.fillers, topic.emoji, localTag ?? topic.tags[0]!);
    if (localTag !== undefined) add(localTag);
  } else {
    text = fill(rng.pick(topic.templates), rng, topic.fillers, topic.emoji);
  }
  // Inline tags in the caption text (`#{tag}`) also belong in the hashtag list.
  for (const m of text.matchAll(/#(\S+)/g)) add(m[1]!);

  if (rng.chance(0.8)) add(topic.tags[0]!);
  const extra = 1 + rng.int(3);
  for (let i = 0; i < extra; i++) add(rng.pick(topic.tags));
  if (secondary !== null && rng.chance(0.6)) add(rng.pick(TOPICS[secondary]!.tags));
  if (rng.chance(0.5))
    add(language.templates.length > 0 && rng.chance(0.5) ? language.generic : rng.pick(GENERIC_TAGS));

  const inline = tags.filter((tag) => !text.includes(`#${tag}`)).map((tag) => `#${tag}`);
  const caption = inline.length > 0 ? `${text} ${inline.join(' ')}` : text;
  return { caption, hashtags: tags };
}
