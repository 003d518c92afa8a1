// Selection and re-ranking.
export { CreatorSpacingSelector } from './creator-spacing.js';
