// One video on screen: the item's media when it has some, else its animated poster, with the
// caption, hashtags and a progress bar. Reports each loop (the player wrapping around).
import { useEffect, useRef } from 'preact/hooks';
import type { FeedItem } from '@foryou/client';
import { posterFor } from './poster.js';

export function Slide(props: { item: FeedItem; onLoop: () => void; onFirstFrame: () => void }) {
  const { item, onLoop, onFirstFrame } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const bar = useRef<HTMLDivElement>(null);
  const media = item.item.mediaUrl;
  const topic = item.item.topics?.[0] ?? item.item.hashtags?.[0] ?? 'video';

  useEffect(() => {
    if (media) return;
    const el = canvas.current!;
    const ctx = el.getContext('2d')!;
    const poster = posterFor(item.itemId, topic);
    const duration = item.item.durationMs;
    const start = performance.now();
    let loops = 0;
    let frame = 0;
    let first = true;
    const tick = (now: number) => {
      const w = el.clientWidth;
      const h = el.clientHeight;
      if (el.width !== w || el.height !== h) {
        el.width = w;
        el.height = h;
      }
      const t = now - start;
      poster.draw(ctx, w, h, t);
      if (first) {
        first = false;
        onFirstFrame();
      }
      const played = Math.floor(t / duration);
      if (played > loops) {
        loops = played;
        onLoop();
      }
      if (bar.current) bar.current.style.width = `${((t % duration) / duration) * 100}%`;
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [item.itemId]);

  return (
    <div
      class="slide"
      data-item-id={item.itemId}
      data-topic={topic}
      data-duration-ms={item.item.durationMs}
      data-testid="slide"
    >
      {media ? (
        <video
          class="media"
          src={media}
          poster={item.item.posterUrl}
          autoplay
          muted
          playsInline
          onLoadedData={onFirstFrame}
          onEnded={(e) => {
            onLoop();
            void (e.currentTarget as HTMLVideoElement).play();
          }}
        />
      ) : (
        <canvas class="media" ref={canvas} />
      )}
      <div class="caption">
        <p class="creator">@{item.item.creatorId}</p>
        <p>{item.item.caption}</p>
        <p class="tags">{(item.item.hashtags ?? []).map((t) => `#${t}`).join(' ')}</p>
      </div>
      <div class="progress">
        <div ref={bar} />
      </div>
    </div>
  );
}
