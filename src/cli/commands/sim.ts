// `foryou sim`: simulated users swipe through a simulated catalog, served by the real feed (in
// process on a scratch data directory, or a running server with --url) and by the baselines
// that bound it; prints watch time, completion, skips, time-to-personalise, coverage and more.
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../../core/index.js';
import {
  POLICY_NAMES,
  comparePolicies,
  formatReports,
  generateWorld,
  type PolicyName,
} from '../../sim/index.js';
import { intFlag } from '../options.js';

interface SimFlags {
  users: string;
  sessions: string;
  seed: string;
  policy: string;
  url?: string;
  apiKey?: string;
  upload: boolean;
  videos: string;
  creators: string;
  concurrency: string;
  uploadsHours: string;
  config?: string;
  json?: boolean;
}

function policies(value: string): PolicyName[] {
  if (value === 'all') return ['random', 'popular', 'feed', 'oracle'];
  const names = value.split(',').map((s) => s.trim());
  for (const n of names) {
    if (!(POLICY_NAMES as readonly string[]).includes(n)) {
      throw new Error(`--policy: expected one of ${POLICY_NAMES.join(', ')} or all, got ${n}`);
    }
  }
  return names as PolicyName[];
}

export function registerSim(program: Command): void {
  program
    .command('sim')
    .description('simulate users swiping through a synthetic catalog and report how the feed does')
    .option('-u, --users <n>', 'simulated users', '100')
    .option('-s, --sessions <n>', 'sessions per user', '5')
    .option('--seed <n>', 'random seed (same seed, same run)', '1')
    .option('--policy <name>', `feed | on-device | random | popular | oracle | all, or a comma list`, 'feed')
    .option('--url <url>', 'run the feed policy against this server instead of in process')
    .option('--api-key <key>', 'API key for --url')
    .option('--no-upload', 'with --url: do not POST the catalog first (the server has it already)')
    .option('--videos <n>', 'videos in the catalog', '10000')
    .option('--creators <n>', 'creators in the catalog', '500')
    .option('--concurrency <n>', 'users whose pages are requested together', '16')
    .option('--uploads-hours <h>', 'new videos keep arriving for this many hours of sim time', '48')
    .option('-c, --config <file>', 'engine configuration (JSON) for the in-process feed')
    .option('--json', 'print the reports as JSON')
    .action(async (flags: SimFlags) => {
      const users = intFlag('users', flags.users, 1);
      const sessions = intFlag('sessions', flags.sessions, 1);
      const seed = intFlag('seed', flags.seed, 0);
      const chosen = policies(flags.policy);
      const config = flags.config ? loadConfig({ file: flags.config, env: {} }) : undefined;
      // A server keeps its own (real) clock and refuses events from its future, while the
      // simulation's clock runs days ahead (sessions hours apart): so against a server the
      // simulation happens in the past, from 3 days per session (at least 2 weeks) ago.
      const now = flags.url ? Date.now() - Math.max(14, 3 * sessions) * 86_400_000 : undefined;
      const world = generateWorld({
        seed,
        videos: intFlag('videos', flags.videos, 1),
        creators: intFlag('creators', flags.creators, 1),
        now,
        // The server sees all of a past catalog at once: no uploads to trickle in.
        futureHours: flags.url ? 0 : Number(flags.uploadsHours) || 0,
      });

      const bar =
        process.stderr.isTTY && !flags.json
          ? new SingleBar(
              { format: '{policy} [{bar}] {value}/{total} sessions', stream: process.stderr },
              Presets.shades_classic,
            )
          : null;
      let current = '';
      const reports = await comparePolicies({
        world,
        users,
        sessionsPerUser: sessions,
        seed,
        concurrency: intFlag('concurrency', flags.concurrency, 1),
        policies: chosen,
        url: flags.url,
        apiKey: flags.apiKey,
        upload: flags.upload,
        config,
        start: now,
        // Unique ids per run against a shared server; a scratch engine can reuse them.
        idPrefix: flags.url ? `sim${seed}-${Date.now().toString(36)}-` : undefined,
        onPolicy: (name) => {
          current = name;
          bar?.stop();
          bar?.start(users * sessions, 0, { policy: name.padEnd(7) });
        },
        onProgress: (done) => bar?.update(done, { policy: current.padEnd(7) }),
      });
      bar?.stop();

      if (flags.json) {
        process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `foryou sim: ${users} users x ${sessions} sessions, ${world.items.length} videos, seed ${seed}` +
          `${flags.url ? `, feed at ${flags.url}` : ''}\n\n${formatReports(reports)}\n`,
      );
    });
}
