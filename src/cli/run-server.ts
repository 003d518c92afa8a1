// Starts an engine and its HTTP server, and stops both cleanly on SIGINT/SIGTERM.
import type { Config } from '../core/index.js';
import { Engine } from '../engine/index.js';
import { buildServer, ServerMetrics } from '../server/index.js';
import { WarehouseExporter, warehouseDir } from '../warehouse/index.js';
import { PeriodicCommand } from './periodic-command.js';

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
  const report = (line: string) => process.stdout.write(`  ${line}\n`);
  if (config.train.everyMs > 0) {
    const { everyMs } = config.train;
    const trainer = new PeriodicCommand(
      config,
      { command: ['train'], everyMs, firstAfterMs: Math.min(everyMs, 10_000), label: 'trainer' },
      report,
    );
    hooks.push(() => trainer.stop());
  }
  if (config.learner.enabled) {
    // Runs as long as the server does; restarted within seconds if it ever ends.
    const learner = new PeriodicCommand(
      config,
      {
        command: ['learn', '--follow-parent', String(process.pid)],
        everyMs: 2000,
        firstAfterMs: 0,
        label: 'learner',
      },
      report,
    );
    hooks.push(() => learner.stop());
  }
  if (config.warehouse.exportEveryMs > 0) {
    const { exportEveryMs: everyMs } = config.warehouse;
    // From now on the log keeps what the warehouse has not taken yet.
    new WarehouseExporter(engine.db, engine.log, warehouseDir(config.dataDir)).register();
    const exporter = new PeriodicCommand(
      config,
      { command: ['warehouse', 'export'], everyMs, firstAfterMs: everyMs, label: 'warehouse' },
      report,
    );
    hooks.push(() => exporter.stop());
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
      `  catalog: ${engine.catalog.size} items; ${engine.log.totalAppended()} events in the log\n` +
      (open
        ? '  auth: OPEN: no API keys configured, anyone who can reach this port can read and write\n'
        : `  auth: ${config.auth.keys.length} API key(s) configured\n`) +
      `  API docs: ${url}/openapi.json   metrics: ${url}/metrics\n`,
  );
  return { engine, url, stop, onStop: (hook) => hooks.push(hook) };
}
