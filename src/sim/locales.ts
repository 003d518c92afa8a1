// The languages and devices of the simulated world: captions in other scripts exercise Unicode
// end to end, and every event carries the context (device, locale, time zone) a client reports.

export interface LanguageVocab {
  language: string;
  regions: readonly string[];
  /** Share of the catalog and of users speaking it. */
  share: number;
  /** Captions of any topic; `{tag}` is replaced by the topic's localised tag. */
  templates: readonly string[];
  /** Localised topic tags, by topic name; topics missing here use the English tag. */
  tags: Readonly<Record<string, string>>;
  generic: string;
}

export const LANGUAGES: readonly LanguageVocab[] = [
  {
    language: 'en',
    regions: ['US', 'GB', 'CA', 'AU', 'IE'],
    share: 0.62,
    templates: [],
    tags: {},
    generic: 'fyp',
  },
  {
    language: 'es',
    regions: ['ES', 'MX', 'AR', 'CO'],
    share: 0.1,
    generic: 'parati',
    templates: [
      '¡No puedo creer esto! {e}',
      'Lo mejor de hoy {e} #{tag}',
      '¿Alguien más? {e}',
      'Parte 2, como pidieron {e}',
    ],
    tags: {
      food: 'comida',
      pets: 'perritos',
      travel: 'viajes',
      comedy: 'humor',
      music: 'música',
      dance: 'baile',
      fitness: 'ejercicio',
    },
  },
  {
    language: 'pt-BR',
    regions: ['BR'],
    share: 0.07,
    generic: 'paravocê',
    templates: ['Não acredito nisso {e}', 'Vocês pediram, parte 2 {e}', 'Melhor coisa do dia {e} #{tag}'],
    tags: {
      food: 'receita',
      comedy: 'humor',
      football: 'futebol',
      sports: 'futebol',
      music: 'música',
      dance: 'dança',
    },
  },
  {
    language: 'ja',
    regions: ['JP'],
    share: 0.06,
    generic: 'おすすめ',
    templates: ['これはすごい {e}', '今日の一本 {e} #{tag}', '最後まで見てね {e}'],
    tags: {
      food: '料理',
      pets: '猫',
      travel: '旅行',
      anime: 'アニメ',
      music: '音楽',
      art: 'イラスト',
      gaming: 'ゲーム',
    },
  },
  {
    language: 'ko',
    regions: ['KR'],
    share: 0.05,
    generic: '추천',
    templates: ['이거 진짜 대박 {e}', '끝까지 봐주세요 {e} #{tag}', '오늘의 브이로그 {e}'],
    tags: { food: '먹방', dance: '댄스', beauty: '뷰티', music: '음악', fashion: '패션' },
  },
  {
    language: 'hi',
    regions: ['IN'],
    share: 0.05,
    generic: 'trending',
    templates: ['यह देखो {e}', 'आज का वीडियो {e} #{tag}', 'अंत तक देखें {e}'],
    tags: { food: 'खाना', comedy: 'कॉमेडी', music: 'संगीत', dance: 'डांस', cars: 'गाड़ी' },
  },
  {
    language: 'ar',
    regions: ['SA', 'AE', 'EG'],
    share: 0.03,
    generic: 'اكسبلور',
    templates: ['شاهد حتى النهاية {e}', 'أفضل فيديو اليوم {e} #{tag}'],
    tags: { food: 'طبخ', travel: 'سفر', cars: 'سيارات', football: 'كرة_القدم' },
  },
  {
    language: 'fr',
    regions: ['FR', 'BE'],
    share: 0.02,
    generic: 'pourtoi',
    templates: ['Incroyable {e}', 'Partie 2, comme promis {e} #{tag}', "Qui d'autre ? {e}"],
    tags: { food: 'cuisine', travel: 'voyage', fashion: 'mode', books: 'livres', art: 'dessin' },
  },
];

/** Device contexts a client would report. */
export const DEVICES = [
  { os: 'iOS 18.5', deviceModel: 'iPhone 15' },
  { os: 'iOS 17.6', deviceModel: 'iPhone 13' },
  { os: 'iOS 18.1', deviceModel: 'iPhone 16 Pro' },
  { os: 'Android 15', deviceModel: 'Pixel 9' },
  { os: 'Android 14', deviceModel: 'Galaxy S24' },
  { os: 'Android 13', deviceModel: 'Galaxy A54' },
  { os: 'Android 14', deviceModel: 'Redmi Note 13' },
] as const;
export const APP_VERSIONS = ['5.2.0', '5.2.1', '5.3.0'] as const;
export const NETWORKS = ['wifi', 'wifi', '5g', '4g', '4g'] as const;
export const TIMEZONES: Readonly<Record<string, string>> = {
  US: 'America/New_York',
  GB: 'Europe/London',
  CA: 'America/Toronto',
  AU: 'Australia/Sydney',
  IE: 'Europe/Dublin',
  ES: 'Europe/Madrid',
  MX: 'America/Mexico_City',
  AR: 'America/Argentina/Buenos_Aires',
  CO: 'America/Bogota',
  BR: 'America/Sao_Paulo',
  JP: 'Asia/Tokyo',
  KR: 'Asia/Seoul',
  IN: 'Asia/Kolkata',
  SA: 'Asia/Riyadh',
  AE: 'Asia/Dubai',
  EG: 'Africa/Cairo',
  FR: 'Europe/Paris',
  BE: 'Europe/Brussels',
};
