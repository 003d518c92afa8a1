// Language of a caption: the script decides wherever one script means one language (Hangul,
// Thai, Greek...), and Latin script, which a dozen languages share, goes to a small naive Bayes
// classifier over character trigrams plus stopwords. Hashtags, mentions and URLs are stripped
// first: apps append English tags (#fyp, #food) to captions in every language.
import { LATIN_SAMPLES } from './language-profiles.js';
import { stripMarkup } from './tokenize.js';

export interface DetectedLanguage {
  /** A BCP-47 primary language subtag: 'en', 'pt', 'ja'. Regions ('pt-BR') cannot be told apart. */
  language: string;
  /** In (0, 1]: the share of letters in the deciding script times the classifier's posterior. */
  confidence: number;
}

/** Scripts that (for a feed's purposes) belong to one language. */
const SINGLE_SCRIPT: readonly (readonly [RegExp, string])[] = [
  [/\p{sc=Hangul}/u, 'ko'],
  [/\p{sc=Devanagari}/u, 'hi'],
  [/\p{sc=Thai}/u, 'th'],
  [/\p{sc=Greek}/u, 'el'],
  [/\p{sc=Hebrew}/u, 'he'],
  [/\p{sc=Bengali}/u, 'bn'],
  [/\p{sc=Tamil}/u, 'ta'],
  [/\p{sc=Telugu}/u, 'te'],
  [/\p{sc=Gujarati}/u, 'gu'],
  [/\p{sc=Gurmukhi}/u, 'pa'],
  [/\p{sc=Kannada}/u, 'kn'],
  [/\p{sc=Malayalam}/u, 'ml'],
  [/\p{sc=Georgian}/u, 'ka'],
  [/\p{sc=Armenian}/u, 'hy'],
  [/\p{sc=Khmer}/u, 'km'],
  [/\p{sc=Myanmar}/u, 'my'],
  [/\p{sc=Ethiopic}/u, 'am'],
];
const LATIN = /\p{sc=Latin}/u;
const HAN = /\p{sc=Han}/u;
const KANA = /[\p{sc=Hiragana}\p{sc=Katakana}]/u;
const ARABIC = /\p{sc=Arabic}/u;
const CYRILLIC = /\p{sc=Cyrillic}/u;
const LETTER = /\p{L}/u;
/** Urdu and Persian letters absent from Arabic. */
const URDU = /[ٹڈڑںےھ]/u;
const PERSIAN = /[پچژگ]/u;

/** Fewer letters than this say nothing reliable (a lone 'ok', one kanji). */
const MIN_LETTERS = 3;
const MIN_CJK = 2;

/** Per-character memo: captions reuse a few dozen characters, and the regexes are the cost. */
const scripts = new Map<string, string>();

function scriptOf(ch: string): string {
  let s = scripts.get(ch);
  if (s === undefined) {
    s = classifyScript(ch);
    if (scripts.size < 65_536) scripts.set(ch, s);
  }
  return s;
}

/** The script of a letter ('latin', 'han', 'kana'...) or a language named by its script; '' for non-letters. */
function classifyScript(ch: string): string {
  if (!LETTER.test(ch)) return '';
  if (LATIN.test(ch)) return 'latin';
  if (HAN.test(ch)) return 'han';
  if (KANA.test(ch)) return 'kana';
  if (ARABIC.test(ch)) return 'arabic';
  if (CYRILLIC.test(ch)) return 'cyrillic';
  for (const [re, language] of SINGLE_SCRIPT) if (re.test(ch)) return language;
  return 'other';
}

/** The most likely language of `text`, or null when it has too few letters to tell. */
export function detectLanguage(text: string): DetectedLanguage | null {
  const plain = stripMarkup(text);
  const counts = new Map<string, number>();
  let letters = 0;
  let kana = 0;
  for (const ch of plain) {
    let s = scriptOf(ch);
    if (s === '') continue;
    letters++;
    // Kanji and kana count together: Japanese is written in both.
    if (s === 'kana') kana++;
    if (s === 'kana' || s === 'han') s = 'cjk';
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  let script = 'other';
  let best = 0;
  for (const [s, n] of counts) {
    if (n > best && s !== 'other') [script, best] = [s, n];
  }
  if (best < (script === 'cjk' ? MIN_CJK : MIN_LETTERS)) return null;
  const share = best / letters;

  switch (script) {
    case 'latin': {
      const latin = classifyLatin(plain);
      return { language: latin.language, confidence: share * latin.posterior };
    }
    // Japanese mixes kanji with kana; Chinese text essentially never contains kana.
    case 'cjk':
      return { language: kana > 0 ? 'ja' : 'zh', confidence: share };
    case 'cyrillic':
      return { language: ukrainianOrRussian(plain), confidence: share };
    case 'arabic':
      return { language: URDU.test(plain) ? 'ur' : PERSIAN.test(plain) ? 'fa' : 'ar', confidence: share };
    default:
      return { language: script, confidence: share };
  }
}

/** Letters one of the two has and the other lacks, and frequent words unique to each. */
const UK_LETTERS = /[іїєґ]/gu;
const RU_LETTERS = /[ыэъё]/gu;
const UK_WORDS = new Set(
  'і й що це як цей мене тебе коли та але він вона вони ми ви дуже тому цього який'.split(' '),
);
const RU_WORDS = new Set(
  'и что это как этот меня тебя когда но он она они мы вы очень потому этого который'.split(' '),
);

function ukrainianOrRussian(text: string): string {
  const lower = text.toLowerCase();
  let score = (lower.match(UK_LETTERS)?.length ?? 0) - (lower.match(RU_LETTERS)?.length ?? 0);
  for (const w of lower.match(/\p{sc=Cyrillic}+/gu) ?? []) {
    if (UK_WORDS.has(w)) score++;
    else if (RU_WORDS.has(w)) score--;
  }
  return score > 0 ? 'uk' : 'ru';
}

interface Profile {
  language: string;
  /** Smoothed log P(trigram | language); `unseen` for trigrams absent from the sample. */
  logp: Map<string, number>;
  unseen: number;
  stopwords: Set<string>;
}

/** Additive smoothing of trigram counts; small, since the samples are small but clean. */
const ALPHA = 0.5;
/** Log-likelihood (nats) a stopword adds to its languages: decisive for a two-word caption, small next to a sentence's trigrams. */
const STOPWORD_BONUS = 2;
/** '¿' and '¡' open questions and exclamations in Spanish only. */
const SPANISH_MARKS = /[¿¡]/u;

let profiles: Profile[] | null = null;

function latinWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{sc=Latin}\p{M}]+/gu) ?? [];
}

function trigramsOf(word: string, out: string[]): void {
  const padded = ` ${word} `;
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
}

function buildProfiles(): Profile[] {
  const all = new Set<string>();
  const counted = LATIN_SAMPLES.map((sample) => {
    const counts = new Map<string, number>();
    const grams: string[] = [];
    for (const w of latinWords(sample.text.normalize('NFKC'))) trigramsOf(w, grams);
    for (const g of grams) {
      counts.set(g, (counts.get(g) ?? 0) + 1);
      all.add(g);
    }
    return { sample, counts, total: grams.length };
  });
  const vocabulary = all.size + 1;
  // Log-probabilities are computed once here; classifying is then additions only.
  return counted.map(({ sample, counts, total }) => {
    const denominator = Math.log(total + ALPHA * vocabulary);
    const logp = new Map<string, number>();
    for (const [g, n] of counts) logp.set(g, Math.log(n + ALPHA) - denominator);
    return {
      language: sample.language,
      logp,
      unseen: Math.log(ALPHA) - denominator,
      stopwords: new Set(latinWords(sample.stopwords.normalize('NFKC'))),
    };
  });
}

/** The Latin-script languages the classifier knows. */
export const LATIN_LANGUAGES: readonly string[] = LATIN_SAMPLES.map((s) => s.language);

/** Every language `detectLanguage` can answer. */
export const SUPPORTED_LANGUAGES: readonly string[] = [
  ...LATIN_LANGUAGES,
  ...['zh', 'ja', 'ru', 'uk', 'ar', 'fa', 'ur'],
  ...SINGLE_SCRIPT.map(([, language]) => language),
];

function classifyLatin(text: string): { language: string; posterior: number } {
  profiles ??= buildProfiles();
  const words = latinWords(text);
  const grams: string[] = [];
  for (const w of words) trigramsOf(w, grams);
  const scores = profiles.map((p) => {
    let score = 0;
    for (const g of grams) score += p.logp.get(g) ?? p.unseen;
    for (const w of words) if (p.stopwords.has(w)) score += STOPWORD_BONUS;
    if (p.language === 'es' && SPANISH_MARKS.test(text)) score += STOPWORD_BONUS;
    return score;
  });
  let top = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[top]!) top = i;
  // Posterior under a uniform prior: a softmax of the log-likelihoods.
  let sum = 0;
  for (const s of scores) sum += Math.exp(s - scores[top]!);
  return { language: profiles[top]!.language, posterior: 1 / sum };
}
