import { afterEach, describe, expect, it } from 'vitest';
import { IdleCollector, youngFill } from './idle-collection.js';
import { testServer, type TestServer } from './test-helpers.js';

/** Short-lived garbage until the young generation is at least `fill` full. */
function fillYoung(fill: number): void {
  let sink: number[][] = [];
  while (youngFill() < fill) {
    sink.push(Array.from({ length: 64 }, (_, i) => i + 0.5));
    if (sink.length > 256) sink = [];
  }
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('IdleCollector', () => {
  it('collects the young generation once the last request in flight has ended', async () => {
    const collector = new IdleCollector(0.5);
    collector.requestStarted();
    collector.requestStarted();
    fillYoung(0.6);
    collector.requestEnded();
    await turn();
    expect(collector.stats.collections).toBe(0); // one still in flight

    fillYoung(0.6);
    collector.requestEnded();
    await turn();
    expect(collector.stats.collections).toBe(1);
    expect(youngFill()).toBeLessThan(0.3);
  });

  it('leaves a young generation less full than asked alone', async () => {
    const collector = new IdleCollector(1);
    collector.requestStarted();
    collector.requestEnded();
    await turn();
    expect(collector.stats.collections).toBe(0);
  });
});

describe('the server between requests', () => {
  let s: TestServer | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  /**
   * Requests with the young generation filled beforehand. A few of them: the request's own work can
   * fill it the rest of the way, so that V8 collects it itself and leaves nothing to do after.
   */
  async function metricsAfterRequests(): Promise<string> {
    const url = await s!.app.listen({ host: '127.0.0.1', port: 0 });
    for (let i = 0; i < 5; i++) {
      fillYoung(0.6);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      await turn();
      await turn();
    }
    return (await s!.app.inject({ url: '/metrics' })).body;
  }

  it('collects after real HTTP requests and counts it in /metrics', async () => {
    s = await testServer();
    const text = await metricsAfterRequests();
    expect(Number(/^foryou_idle_collections_total (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(1);
  });

  it('collects nothing itself with server.idleCollection off', async () => {
    s = await testServer({ server: { idleCollection: false } });
    const text = await metricsAfterRequests();
    expect(text).not.toMatch(/foryou_idle_collections_total/);
  });
});
