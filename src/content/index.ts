// Content analysis: tokens, language, topics and embeddings of items from their captions and
// hashtags. Depends on core only.
export { tokenize, contentTokens, tagTokens, normalizeText, normalizeTag, stripMarkup } from './tokenize.js';
export type { TextContent } from './tokenize.js';
export { detectLanguage, LATIN_LANGUAGES, SUPPORTED_LANGUAGES } from './language.js';
export type { DetectedLanguage } from './language.js';
export { HashtagTopicModel } from './topics.js';
export type { TopicItem, TopicScore, TopicPredictor, TopicModelOptions, TopicModelJSON } from './topics.js';
export { ContentEncoder, cosine } from './embedding.js';
export type { ContentEncoderOptions, ContentEncoderJSON } from './embedding.js';
export { ItemLabeller, type ContentLabels } from './labels.js';
