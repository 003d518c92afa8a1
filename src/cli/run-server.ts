// Starts an engine and its HTTP server, and stops both cleanly on SIGINT/SIGTERM.
import type { Config } from '../core/index.js';
import { Engine } from '../engine/index.js';
import { buildServer, ServerMetrics } from '../server/index.js';
import { PeriodicTrainer } from './periodic-trainer.js';

export interface RunningServer {
  engine: Engine;
  url: string;
  /** Closes the server, then the engine; safe to call twice. */
  stop(): Promise<void>;
  /** Called before the engine closes, e.g. to stop background work that uses it. */
  onStop(hook: () => Promise<void> | void): void;
}

export async function runServer(config: Config, label = 'foryou'): Promise<RunningServer> {
  const metrics = new ServerMetrics();
  const engine = new Engine(config, {
    observer: metrics.observer,
    onProcessorError: (group, error) => process.stderr.write(`processor ${group} failed: ${String(error)}\n`),
  });
  const server = await buildServer(engine, { metrics });
  const address = await server.app.listen({ host: config.server.host, port: config.server.port });
  const url = address.replace('://[::1]', '://localhost');
  server.setReady(true);

  const hooks: (() => Promise<void> | void)[] = [];
  if (config.train.everyMs > 0) {
    const trainer = new PeriodicTrainer(config, (line) => process.stdout.write(`  ${line}\n`));
    hooks.push(() => trainer.stop());
  }
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      server.setReady(false);
      for (const hook of hooks) await hook();
      await server.app.close();
      engine.close();
    })());
  const onSignal = () => {
    void stop().then(() => process.exit(0));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const open = config.auth.keys.length === 0;
  process.stdout.write(
    `${label} listening on ${url}\n` +
      `  data directory: ${config.dataDir}\n` +
      `  catalog: ${engine.catalog.size} items; event log at offset ${engine.log.lastOffset()}\n` +
      (open
        ? '  auth: OPEN: no API keys configured, anyone who can reach this port can read and write\n'
        : `  auth: ${config.auth.keys.length} API key(s) configured\n`) +
      `  API docs: ${url}/openapi.json   metrics: ${url}/metrics\n`,
  );
  return { engine, url, stop, onStop: (hook) => hooks.push(hook) };
}
