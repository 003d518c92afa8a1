import { describe, expect, it } from 'vitest';
import { Rng } from '../core/index.js';
import { makeCaption } from '../sim/captions.js';
import { LANGUAGES } from '../sim/locales.js';
import { generateWorld } from '../sim/world.js';
import { detectLanguage, SUPPORTED_LANGUAGES } from './language.js';
import { stripMarkup } from './tokenize.js';

const SENTENCES: [string, string][] = [
  ['en', 'My grandmother taught me this trick when I was a kid'],
  ['es', 'Mi abuela me enseñó este truco cuando era pequeña'],
  ['pt', 'Minha avó me ensinou esse truque quando eu era criança'],
  ['fr', 'Ma grand-mère m’a appris cette astuce quand j’étais petite'],
  ['de', 'Meine Oma hat mir diesen Trick gezeigt, als ich klein war'],
  ['it', 'Mia nonna mi ha insegnato questo trucco quando ero piccola'],
  ['id', 'Nenek saya mengajari trik ini waktu saya masih kecil'],
  ['tr', 'Büyükannem bu numarayı bana küçükken öğretti'],
  ['vi', 'Bà tôi đã dạy tôi mẹo này khi tôi còn nhỏ'],
  ['nl', 'Mijn oma heeft me dit trucje geleerd toen ik klein was'],
  ['pl', 'Moja babcia nauczyła mnie tej sztuczki, kiedy byłam mała'],
  ['en', 'Going to the gym every morning before work 💪 #fitness'],
  ['es', '¿Quién más se queda dormido viendo series? 😴'],
  ['pt', 'Hoje vamos para a praia com meus primos'],
  ['fr', 'Aujourd’hui on va à la plage avec mes cousins'],
  ['de', 'Heute fahren wir mit meinen Cousins an den Strand'],
  ['it', 'Oggi andiamo al mare con i miei cugini'],
  ['nl', 'Vandaag gaan we met mijn neven naar het strand'],
  ['zh', '我奶奶在我小时候教过我这个小技巧'],
  ['ja', 'おばあちゃんが子供の頃に教えてくれた技です'],
  ['ja', '今日の一本'],
  ['ko', '할머니가 어렸을 때 가르쳐 주신 방법이에요'],
  ['ar', 'علمتني جدتي هذه الحيلة عندما كنت صغيرة'],
  ['ru', 'Бабушка научила меня этому трюку в детстве'],
  ['uk', 'Бабуся навчила мене цього трюку, коли я була маленькою'],
  ['hi', 'मेरी दादी ने मुझे यह तरकीब बचपन में सिखाई थी'],
  ['th', 'คุณยายสอนเคล็ดลับนี้ให้ฉันตอนเด็กๆ'],
  ['el', 'Η γιαγιά μου μου έμαθε αυτό το κόλπο όταν ήμουν μικρή'],
  ['he', 'סבתא שלי לימדה אותי את הטריק הזה כשהייתי קטנה'],
];

const primary = (tag: string): string => tag.split('-')[0]!.toLowerCase();

describe('detectLanguage', () => {
  it.each(SENTENCES)('recognises %s: %s', (language, text) => {
    const found = detectLanguage(text);
    expect(found?.language).toBe(language);
    expect(found!.confidence).toBeGreaterThan(0.5);
    expect(found!.confidence).toBeLessThanOrEqual(1);
  });

  it('returns null for text with too few letters: emoji, tags, mentions, links', () => {
    for (const text of [
      '',
      '😂😂🔥',
      '👍🏽 #fyp #viral',
      '@bob https://example.com/watch',
      'ok',
      '猫',
      '2026!!',
    ])
      expect(detectLanguage(text)).toBeNull();
  });

  it('ignores the English hashtags appended to captions in other languages', () => {
    expect(detectLanguage('Lo mejor de hoy 🍝 #food #recipe #foryou #fyp')?.language).toBe('es');
  });

  it('is right on at least 90% of the simulated captions in supported languages', () => {
    const world = generateWorld({ seed: 21, videos: 3000, creators: 200 });
    let right = 0;
    let total = 0;
    for (const item of world.items) {
      const language = primary(item.language!);
      // Captions that are hashtags only say nothing of their language.
      if (!SUPPORTED_LANGUAGES.includes(language) || !/\p{L}/u.test(stripMarkup(item.caption!))) continue;
      total++;
      if (detectLanguage(item.caption!)?.language === language) right++;
    }
    console.log(`language detection on ${total} simulated captions: ${((100 * right) / total).toFixed(1)}%`);
    expect(total).toBeGreaterThan(2500);
    expect(right / total).toBeGreaterThanOrEqual(0.9);
  });

  it('is right on at least 90% of captions in each simulated language', () => {
    const rng = new Rng(5);
    const report: string[] = [];
    LANGUAGES.forEach((vocab, index) => {
      let right = 0;
      for (let i = 0; i < 200; i++) {
        const { caption } = makeCaption(rng, rng.int(20), null, index);
        if (detectLanguage(caption)?.language === primary(vocab.language)) right++;
      }
      report.push(`${vocab.language} ${((100 * right) / 200).toFixed(1)}%`);
      expect(right / 200, vocab.language).toBeGreaterThanOrEqual(0.9);
    });
    console.log(`language detection per simulated language: ${report.join(', ')}`);
  });
});
