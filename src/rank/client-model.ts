// The on-device re-ranker's weights, served to apps at GET /v1/client-model (the model itself is
// @foryou/client's `rerank`). Set by hand, not fitted: a session's quick skips of a topic or
// creator push it down at once, dwell and likes pull it up, and the engine's own order stays the
// main term. Measured in the simulator (`foryou sim --policy feed,on-device`, bench/results/web.md).
import type { ClientModel } from '@foryou/client';

export const CLIENT_MODEL: ClientModel = {
  version: 'session-v1',
  decay: 0.85,
  weights: {
    serverRank: 1,
    topicDwell: 0.6,
    topicSkip: -0.8,
    topicLike: 0.5,
    creatorDwell: 0.3,
    creatorSkip: -0.6,
    sameTopicAsLast: -0.15,
  },
};
