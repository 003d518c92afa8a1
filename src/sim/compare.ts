// Runs several policies over one world and one population, the oracle first so its mean watch
// ratio is the reference of everyone's time-to-personalise. The `foryou sim` command and the
// benchmark both go through here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigInput } from '../core/index.js';
import type { SimReport } from './metrics.js';
import { PopularPolicy, RandomPolicy } from './policies/baselines.js';
import { FeedPolicy } from './policies/feed.js';
import { HttpFeedPolicy } from './policies/http.js';
import { OnDevicePolicy } from './policies/on-device.js';
import { oracleFactory, runSimulation, type PolicyFactory, type SimulationOptions } from './runner.js';
import type { World } from './world.js';
import type { Policy } from './policies/policy.js';

export const POLICY_NAMES = ['oracle', 'random', 'popular', 'feed', 'on-device'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

export interface CompareOptions extends Omit<SimulationOptions, 'policy' | 'referenceWatchRatio'> {
  policies: readonly PolicyName[];
  /** Run `feed` against this server instead of in process. */
  url?: string;
  apiKey?: string;
  /** POST the world to the server first (default true). */
  upload?: boolean;
  /** Engine configuration for the in-process feed. */
  config?: ConfigInput;
  onPolicy?: (name: string) => void;
}

/** A policy (or factory) for a name, and how to clean up after it. */
function makePolicy(
  name: PolicyName,
  world: World,
  options: CompareOptions,
): { policy: Policy | PolicyFactory; cleanup: () => void } {
  const none = (): void => {};
  switch (name) {
    case 'oracle':
      return { policy: oracleFactory, cleanup: none };
    case 'random':
      return { policy: new RandomPolicy(world, options.seed), cleanup: none };
    case 'popular':
      return { policy: new PopularPolicy(world, options.seed), cleanup: none };
    case 'on-device':
    case 'feed': {
      if (options.url && name === 'feed') {
        const http = new HttpFeedPolicy({
          baseUrl: options.url,
          apiKey: options.apiKey,
          upload: options.upload,
        });
        return { policy: http, cleanup: none };
      }
      const dir = mkdtempSync(join(tmpdir(), 'foryou-sim-'));
      const feed =
        name === 'on-device'
          ? new OnDevicePolicy({ dataDir: dir, config: options.config })
          : new FeedPolicy({ dataDir: dir, config: options.config });
      return {
        policy: feed,
        cleanup: () => {
          feed.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
  }
}

export async function comparePolicies(options: CompareOptions): Promise<SimReport[]> {
  const { world } = options;
  // The oracle always runs when anything else does: it is the reference.
  const names = [...new Set<PolicyName>(['oracle', ...options.policies])];
  const reports = new Map<PolicyName, SimReport>();
  let reference: number | undefined;
  for (const name of names) {
    options.onPolicy?.(name);
    const { policy, cleanup } = makePolicy(name, world, options);
    try {
      // Only the reference wanted: the first few hundred users estimate its watch ratio well.
      const users = options.policies.includes(name)
        ? options.users
        : Math.min(options.users, options.referenceUsers ?? 200);
      const report = await runSimulation({ ...options, users, policy, referenceWatchRatio: reference });
      if (name === 'oracle') reference = report.watchRatio;
      reports.set(name, report);
    } finally {
      cleanup();
    }
  }
  // In the order asked for (`all` puts the oracle, the ceiling, last).
  return [...new Set(options.policies)].map((name) => reports.get(name)!);
}
