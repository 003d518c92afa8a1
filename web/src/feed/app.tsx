// The feed: one video per screen; swipe, wheel or keys move on (or back); actions on the right.
// The SDK turns what happens into events and re-ranks the rest of each page on the device.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ForYou } from '@foryou/client';
import { type OnDeviceFeed, type Shown } from '@foryou/client';
import { Slide } from './slide.js';
import { WhyPanel } from './why.js';

export interface FeedAppProps {
  sdk: ForYou;
  feed: OnDeviceFeed;
  /** Called once the first video has drawn its first frame (time to first video). */
  onFirstVideo: () => void;
}

export function FeedApp({ sdk, feed, onFirstVideo }: FeedAppProps) {
  const [history, setHistory] = useState<Shown[]>([]);
  const [index, setIndex] = useState(-1);
  const [why, setWhy] = useState(false);
  const [liked, setLiked] = useState<Set<string>>(new Set());
  const [followed, setFollowed] = useState<Set<string>>(new Set());
  const [toast, setToast] = useState('');
  const [error, setError] = useState('');
  const busy = useRef(false);
  const firstShown = useRef(false);
  const current = history[index];

  const say = (text: string) => {
    setToast(text);
    setTimeout(() => setToast(''), 1500);
  };

  const showAt = (shown: Shown) => {
    const ended = sdk.show(shown);
    if (ended) {
      const prev = history.find((h) => h.feedItem.itemId === ended.itemId);
      if (prev) {
        feed.observe({
          itemId: ended.itemId,
          creatorId: prev.feedItem.item.creatorId,
          topics: prev.feedItem.item.topics ?? prev.feedItem.item.hashtags?.slice(0, 2) ?? [],
          watchRatio: ended.watchMs / ended.durationMs,
          quickSkip: ended.quickSkip,
          liked: ended.liked,
        });
      }
    }
  };

  const next = async () => {
    if (busy.current) return;
    busy.current = true;
    setWhy(false);
    try {
      if (index + 1 < history.length) {
        showAt(history[index + 1]!);
        setIndex(index + 1);
        return;
      }
      const shown = await feed.next();
      if (!shown) {
        say('Nothing more for now');
        return;
      }
      setError('');
      showAt(shown);
      setHistory((h) => [...h, shown]);
      setIndex((i) => i + 1);
    } catch (e) {
      setError(`Could not load the feed (${String(e)}); retrying…`);
      setTimeout(() => void next(), 2000);
    } finally {
      busy.current = false;
    }
  };

  const prev = () => {
    if (index <= 0) return;
    setWhy(false);
    showAt(history[index - 1]!);
    setIndex(index - 1);
  };

  // Navigation by keys, wheel and swipe; the latest closures via a ref.
  const nav = useRef({ next, prev });
  nav.current = { next, prev };
  useEffect(() => {
    void nav.current.next();
    let wheelAt = 0;
    let touchY: number | null = null;
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).tagName === 'INPUT') return;
      if (['ArrowDown', 'PageDown', 'j', ' '].includes(e.key)) void nav.current.next();
      else if (['ArrowUp', 'PageUp', 'k'].includes(e.key)) nav.current.prev();
      else return;
      e.preventDefault();
    };
    const onWheel = (e: WheelEvent) => {
      const now = Date.now();
      if (Math.abs(e.deltaY) < 20 || now - wheelAt < 600) return;
      wheelAt = now;
      if (e.deltaY > 0) void nav.current.next();
      else nav.current.prev();
    };
    const onTouchStart = (e: TouchEvent) => (touchY = e.touches[0]?.clientY ?? null);
    const onTouchEnd = (e: TouchEvent) => {
      const end = e.changedTouches[0]?.clientY;
      if (touchY === null || end === undefined) return;
      const dy = end - touchY;
      touchY = null;
      if (dy < -50) void nav.current.next();
      else if (dy > 50) nav.current.prev();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('wheel', onWheel, { passive: true });
    window.addEventListener('touchstart', onTouchStart, { passive: true });
    window.addEventListener('touchend', onTouchEnd);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('wheel', onWheel);
      window.removeEventListener('touchstart', onTouchStart);
      window.removeEventListener('touchend', onTouchEnd);
    };
  }, []);

  if (!current) return <div class="loading">{error || 'Loading…'}</div>;
  const item = current.feedItem;
  const isLiked = liked.has(item.itemId);
  const deviceNote = feed.modelVersion
    ? `Your device re-orders the rest of each page from this session (model ${feed.modelVersion}).`
    : 'Shown in the order the engine sent.';

  return (
    <main class="feed" data-index={index}>
      <Slide
        key={`${item.itemId}-${index}`}
        item={item}
        onLoop={() => sdk.tracker.loop()}
        onFirstFrame={() => {
          if (firstShown.current) return;
          firstShown.current = true;
          onFirstVideo();
        }}
      />
      <nav class="actions">
        <button
          data-action="like"
          class={isLiked ? 'on' : ''}
          aria-label="Like"
          onClick={() => {
            if (isLiked) return;
            sdk.like();
            feed.like(item);
            setLiked(new Set(liked).add(item.itemId));
          }}
        >
          ♥
        </button>
        <button
          data-action="comment"
          aria-label="Comment"
          onClick={() => {
            const text = window.prompt('Comment');
            if (text) {
              sdk.comment(text.slice(0, 2000));
              say('Comment sent');
            }
          }}
        >
          ✎
        </button>
        <button
          data-action="share"
          aria-label="Share"
          onClick={() => {
            sdk.share();
            void navigator.clipboard
              ?.writeText(`${location.origin}/?item=${item.itemId}`)
              .catch(() => undefined);
            say('Link copied');
          }}
        >
          ↗
        </button>
        <button
          data-action="follow"
          class={followed.has(item.item.creatorId) ? 'on' : ''}
          aria-label="Follow"
          onClick={() => {
            sdk.follow();
            setFollowed(new Set(followed).add(item.item.creatorId));
            say(`Following @${item.item.creatorId}`);
          }}
        >
          +
        </button>
        <button
          data-action="not-interested"
          aria-label="Not interested"
          onClick={() => {
            sdk.notInterested();
            say('Fewer like this');
            void next();
          }}
        >
          ✕
        </button>
        <button data-action="why" aria-label="Why am I seeing this" onClick={() => setWhy(!why)}>
          ?
        </button>
      </nav>
      {why && <WhyPanel item={item} deviceNote={deviceNote} onClose={() => setWhy(false)} />}
      {toast && <div class="toast">{toast}</div>}
      {error && <div class="toast error">{error}</div>}
    </main>
  );
}
