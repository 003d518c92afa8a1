// One exporter at a time per warehouse: two (a server's periodic export and `foryou warehouse
// export`, say) would write the same batches and race on the commits. A lock file holding the pid;
// a lock whose process is gone is taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but is someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the warehouse's export lock; returns its release. Throws when another live process holds it. */
export function lockWarehouse(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, '.export.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && alive(holder))
        throw new Error(`another warehouse export is running (pid ${holder}, lock ${path})`);
      rmSync(path, { force: true }); // left by a process that died
    }
  }
  throw new Error(`could not take the warehouse lock ${path}`);
}
