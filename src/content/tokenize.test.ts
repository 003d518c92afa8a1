import { describe, expect, it } from 'vitest';
import { contentTokens, normalizeTag, stripMarkup, tagTokens, tokenize } from './tokenize.js';

describe('tokenize', () => {
  it('lower-cases, NFKC-normalises and drops punctuation and lone ASCII characters', () => {
    expect(tokenize('Hello, WORLD! I tried a ＡＢＣ test... ﬁne')).toEqual([
      'hello',
      'world',
      'tried',
      'abc',
      'test',
      'fine',
    ]);
    expect(tokenize("Don't stop: 3.5 stars, 1,000 views")).toEqual([
      "don't",
      'stop',
      '3.5',
      'stars',
      '1,000',
      'views',
    ]);
    // Composed and decomposed accents are one token.
    expect(tokenize('cafe\u0301')).toEqual(tokenize('café'));
    // Locale-independent: 'İ' folds to a plain 'i' on every host.
    expect(tokenize('İSTANBUL')).toEqual(['istanbul']);
  });

  it('keeps each emoji grapheme cluster whole, ZWJ sequences, skin tones and flags included', () => {
    expect(tokenize('so good😂😂 👨‍👩‍👧 👍🏽 🇯🇵 ❤️ 1️⃣')).toEqual([
      'so',
      'good',
      '😂',
      '😂',
      '👨‍👩‍👧',
      '👍🏽',
      '🇯🇵',
      '❤',
      '1⃣',
    ]);
    // Text and emoji presentation of one symbol are one token.
    expect(tokenize('❤')).toEqual(tokenize('❤️'));
  });

  it('turns runs of Han, kana and Hangul into bigrams, and keeps a lone CJK character', () => {
    expect(tokenize('東京タワー')).toEqual(['東京', '京タ', 'タワ', 'ワー']);
    expect(tokenize('猫 and 犬')).toEqual(['猫', 'and', '犬']);
    expect(tokenize('오늘의 브이로그')).toEqual(['오늘', '늘의', '브이', '이로', '로그']);
    // Half-width katakana normalise to full-width.
    expect(tokenize('ﾃｽﾄ')).toEqual(tokenize('テスト'));
  });

  it('splits Thai words, keeps Devanagari vowel signs and single non-ASCII letters', () => {
    expect(tokenize('สวัสดีครับ')).toEqual(['สวัสดี', 'ครับ']);
    expect(tokenize('आज का वीडियो')).toEqual(['आज', 'का', 'वीडियो']);
    expect(tokenize('é à x')).toEqual(['é', 'à']);
    expect(tokenize('\u0301\u0301 ok')).toEqual(['ok']);
  });

  it('drops URLs, keeps @mentions and turns inline #tags into tag tokens', () => {
    expect(tokenize('see https://example.com/a?b=1 and www.foo.org/x or youtube.com/watch now')).toEqual([
      'see',
      'and',
      'or',
      'now',
    ]);
    expect(tokenize('with @Bob_1. and @ana.')).toEqual(['with', '@bob_1', 'and', '@ana']);
    expect(tokenize('Lo mejor #Comida #料理 #كرة_القدم')).toEqual([
      'lo',
      'mejor',
      '#comida',
      '#料理',
      '#كرة_القدم',
    ]);
    // Not tags or mentions: an e-mail address, an HTML entity, a keycap.
    expect(tokenize('mail bob@example.com &#39; #️⃣')).toEqual(['mail', 'bob', '39', '#⃣']);
  });
});

describe('contentTokens', () => {
  it('prefixes hashtags with # so a listed tag matches the same tag inline, once', () => {
    const tokens = contentTokens({
      caption: 'My #Cats are judging me 🐱',
      hashtags: ['cats', '#CATS', 'Pets'],
    });
    expect(tokens).toEqual(['my', '#cats', 'are', 'judging', 'me', '🐱', '#pets']);
    expect(tagTokens({ caption: 'a #b #b', hashtags: ['c'] })).toEqual(['#b', '#c']);
    expect(contentTokens({})).toEqual([]);
  });

  it('normalises tags and strips markup', () => {
    expect(normalizeTag('#ＣＡＴＳ')).toBe('cats');
    expect(normalizeTag('  ')).toBe('');
    expect(stripMarkup('hi @bob #fyp https://x.co/a').trim()).toBe('hi');
  });
});
