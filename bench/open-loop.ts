// An open-loop load generator: requests start on a fixed schedule whether or not earlier ones have
// finished, so a slow response cannot hold the next ones back and hide itself (autocannon's rate
// limit sends each second's requests in a burst, which measures the burst, not the server).
// Latency is counted from each request's scheduled start.
import { Agent, request } from 'node:http';
import { latencySummary, type LatencySummary } from './lib.js';

export interface OpenLoopResult {
  sent: number;
  ok: number;
  failed: number;
  seconds: number;
  latencyMs: LatencySummary;
}

export async function openLoop(options: {
  url: string;
  rate: number;
  seconds: number;
  connections: number;
  path: (i: number) => string;
}): Promise<OpenLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const base = new URL(options.url);
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let sent = 0;
  const total = Math.round(options.rate * options.seconds);
  const start = performance.now();
  const inflight: Promise<void>[] = [];

  const fire = (i: number, scheduledAt: number) =>
    new Promise<void>((resolve) => {
      const req = request(
        { agent, host: base.hostname, port: base.port, path: options.path(i), method: 'GET' },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - scheduledAt);
            if (res.statusCode === 200) ok++;
            else failed++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        failed++;
        resolve();
      });
      req.end();
    });

  while (sent < total) {
    // Request i is due at i / rate seconds: all with i <= elapsed * rate are due now.
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * options.rate) + 1);
    for (; sent < due; sent++) inflight.push(fire(sent, start + (sent / options.rate) * 1000));
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inflight);
  agent.destroy();
  return {
    sent,
    ok,
    failed,
    seconds: (performance.now() - start) / 1000,
    latencyMs: latencySummary(latencies, 2),
  };
}
