// Entry of the feed app: who the user is (?user=, else a remembered random id), the SDK, render.
import { render } from 'preact';
import { ForYou } from '@foryou/client';
import { FeedApp } from './app.js';
import './styles.css';

const t0 = performance.now();
const params = new URLSearchParams(location.search);
let userId = params.get('user') ?? localStorage.getItem('foryou:user');
if (!userId) {
  userId = `web-${Math.random().toString(36).slice(2, 10)}`;
}
localStorage.setItem('foryou:user', userId);

const sdk = new ForYou({
  userId,
  apiKey: params.get('key') ?? undefined,
  context: { os: navigator.platform || undefined, locale: navigator.language || undefined },
});
const feed = sdk.feed({ n: 10, extra: 5, explain: true });

// For people and tests alike: the SDK and the time to first video.
const debug = { sdk, feed, userId, firstVideoMs: null as number | null };
(window as unknown as { foryou: typeof debug }).foryou = debug;

render(
  <FeedApp
    sdk={sdk}
    feed={feed}
    onFirstVideo={() => {
      debug.firstVideoMs = performance.now() - t0;
      document.body.dataset.firstVideoMs = String(Math.round(debug.firstVideoMs));
    }}
  />,
  document.getElementById('app')!,
);
