// Tokens of captions and hashtags, for every script a catalog carries. Text is NFKC-normalised
// (full-width and half-width forms, ligatures and compatibility digits fold together) and
// lower-cased with toLowerCase, which is locale-independent (toLocaleLowerCase would turn 'I'
// into a dotless 'ı' on a Turkish server and split the vocabulary by host).

/** Links carry no content words, and their paths are noise; bare domains only for common TLDs. */
const URL = String.raw`(?:https?:\/\/|www\.)\S+|(?<![\p{L}\p{N}.-])[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|org|net|io|ly|co|me|tv|gg|app|be)(?:\/\S*)?(?![\p{L}\p{N}])`;
/** Not preceded by a word character, so e-mail addresses and HTML entities are not tags. */
const MENTION = String.raw`(?<![\p{L}\p{N}_])@([\p{L}\p{N}_.]+)`;
/** A tag starts with a letter, digit or '_': '#️⃣' (a keycap emoji) is not a hashtag. */
const TAG = String.raw`(?<![\p{L}\p{N}_&])#([\p{L}\p{N}_][\p{L}\p{N}\p{M}_\u200c\u200d]*)`;
/**
 * Han, kana and Hangul have no spaces between words (Hangul does between phrases), so runs of
 * them become character bigrams rather than trusting a dictionary segmenter. 'ー' (the katakana
 * long-vowel mark) has script Common but belongs inside such runs.
 */
const CJK = String.raw`[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\u30fc]+`;
const PIECES = new RegExp(`(${URL})|${MENTION}|${TAG}|(${CJK})`, 'gu');

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;
/** Variation selectors only pick text or emoji presentation: '❤️' and '❤' are one token. */
const VARIATION = /[\ufe0e\ufe0f]/gu;
/** Tokens of combining marks, joiners or underscores alone are debris, not words. */
const ALNUM = /[\p{L}\p{N}]/u;

// 'und' (root) rules, so segmentation does not depend on the host's default locale.
const words = new Intl.Segmenter('und', { granularity: 'word' });
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** Lower-cased NFKC, the one normal form every token and hashtag goes through. */
export function normalizeText(text: string): string {
  // 'İ' lower-cases to 'i' plus a combining dot; folding it back lets 'İstanbul' match 'istanbul'.
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/i\u0307/g, 'i');
}

const MARKUP = new RegExp(`${URL}|${MENTION}|${TAG}`, 'gu');

/** The text without URLs, @mentions and #tags: what is left is the writer's own language. */
export function stripMarkup(text: string): string {
  return text.normalize('NFKC').replace(MARKUP, ' ');
}

/** A hashtag as stored or typed ('#Cats', 'cats', 'ＣＡＴＳ') in its token form, without '#'. */
export function normalizeTag(tag: string): string {
  return normalizeText(tag)
    .replace(/^#+/, '')
    .replace(/[\s#]+/gu, '');
}

function pushEmoji(segment: string, out: string[]): void {
  // Each grapheme cluster is one emoji: ZWJ families, skin tones and flags stay whole.
  for (const { segment: g } of graphemes.segment(segment)) {
    if (EMOJI.test(g)) out.push(g.replace(VARIATION, ''));
  }
}

function pushWord(w: string, out: string[]): void {
  if (!ALNUM.test(w)) return;
  // A lone ASCII letter or digit ('a', 'i', '2') is noise; a lone Thai or Devanagari word is not.
  if (w.length > 1 || w.charCodeAt(0) > 0x7f) out.push(w);
}

/** Scripts written without spaces that need ICU's dictionary word breaker. */
const NO_SPACES = /[\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
/**
 * Keycaps, UAX #29 words for space-delimited scripts (joined across an apostrophe or a dot, and
 * digits across a comma: "don't", "3.5", "1,000"), and runs of emoji. Segmenting with Intl.Segmenter gives the same
 * words but costs several times more, and most captions are in such scripts.
 */
const WORD_OR_EMOJI =
  /[#*0-9]\ufe0f?\u20e3|([\p{L}\p{N}\p{M}_]+(?:(?:['’.]|(?<=\p{N}),(?=\p{N}))[\p{L}\p{N}\p{M}_]+)*)|[\p{Extended_Pictographic}\p{RI}](?:[\p{Extended_Pictographic}\p{RI}\p{Emoji_Modifier}\u{e0020}-\u{e007f}]|\u200d|\ufe0f|\u20e3)*/gu;

function pushWords(text: string, out: string[]): void {
  if (text.trim() === '') return;
  if (!NO_SPACES.test(text)) {
    for (const m of text.matchAll(WORD_OR_EMOJI)) {
      if (m[1] !== undefined) pushWord(m[1], out);
      else pushEmoji(m[0], out);
    }
    return;
  }
  for (const s of words.segment(text)) {
    if (EMOJI.test(s.segment)) pushEmoji(s.segment, out);
    else if (s.isWordLike) pushWord(s.segment, out);
  }
}

function pushBigrams(run: string, out: string[]): void {
  const chars = Array.from(run);
  if (chars.length === 1) out.push(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
}

/**
 * Tokens of free text: words, emoji, CJK bigrams, '@mention' and '#tag' tokens; URLs and
 * punctuation dropped. Order follows the text, and repeats are kept (term frequency counts them).
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const norm = normalizeText(text);
  let last = 0;
  for (const m of norm.matchAll(PIECES)) {
    pushWords(norm.slice(last, m.index), out);
    last = m.index + m[0].length;
    if (m[2] !== undefined) {
      const name = m[2].replace(/\.+$/, '');
      if (name !== '') out.push(`@${name}`);
    } else if (m[3] !== undefined) out.push(`#${m[3]}`);
    else if (m[4] !== undefined) pushBigrams(m[4], out);
  }
  pushWords(norm.slice(last), out);
  return out;
}

export interface TextContent {
  caption?: string;
  hashtags?: readonly string[];
}

/**
 * Caption tokens plus '#tag' tokens for the hashtag list. Apps repeat the hashtags inline in the
 * caption, so a listed tag already seen inline is not counted twice.
 */
export function contentTokens(item: TextContent): string[] {
  const tokens = item.caption !== undefined ? tokenize(item.caption) : [];
  if (item.hashtags === undefined || item.hashtags.length === 0) return tokens;
  const seen = new Set(tokens.filter((t) => t.startsWith('#')));
  for (const raw of item.hashtags) {
    const tag = normalizeTag(raw);
    if (tag === '' || seen.has(`#${tag}`)) continue;
    seen.add(`#${tag}`);
    tokens.push(`#${tag}`);
  }
  return tokens;
}

/** The distinct '#tag' tokens of an item, inline ones included. */
export function tagTokens(item: TextContent): string[] {
  return [...new Set(contentTokens(item).filter((t) => t.startsWith('#')))];
}
