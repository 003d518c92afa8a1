// The procedural poster for items without media: an animated pattern whose colours and shapes
// follow from the item's id and topic, so every video looks like itself and a topic has a palette.

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export interface Poster {
  /** Draws the frame at `t` ms into the view. */
  draw(ctx: CanvasRenderingContext2D, width: number, height: number, t: number): void;
}

export function posterFor(itemId: string, topic: string): Poster {
  const hueBase = hash(topic) % 360;
  const h = hash(itemId);
  const hue2 = (hueBase + 40 + (h % 80)) % 360;
  const blobs = 3 + (h % 4);
  const speed = 0.00025 + ((h >>> 8) % 100) / 200_000;
  const seeds = Array.from({ length: blobs }, (_, i) => hash(`${itemId}:${i}`));
  return {
    draw(ctx, width, height, t) {
      const g = ctx.createLinearGradient(0, 0, width, height);
      g.addColorStop(0, `hsl(${hueBase} 70% 22%)`);
      g.addColorStop(1, `hsl(${hue2} 70% 12%)`);
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, width, height);
      ctx.globalCompositeOperation = 'lighter';
      for (const s of seeds) {
        const phase = (s % 1000) / 159;
        const x = width * (0.5 + 0.35 * Math.sin(t * speed + phase));
        const y = height * (0.5 + 0.35 * Math.cos(t * speed * 1.3 + phase * 2));
        const r = Math.min(width, height) * (0.15 + ((s >>> 10) % 100) / 500);
        const rg = ctx.createRadialGradient(x, y, 0, x, y, r);
        rg.addColorStop(0, `hsla(${(hueBase + (s % 60)) % 360} 90% 60% / 0.55)`);
        rg.addColorStop(1, 'hsla(0 0% 0% / 0)');
        ctx.fillStyle = rg;
        ctx.beginPath();
        ctx.arc(x, y, r, 0, Math.PI * 2);
        ctx.fill();
      }
      ctx.globalCompositeOperation = 'source-over';
    },
  };
}
