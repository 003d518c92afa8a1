// A file-based registry of trained models: numbered versions per name, on disk only, so that any
// number of processes can register and load without a server or a lock.
//
//   <dir>/<name>/<version>/model.fym   the artifact (see artifact.ts)
//   <dir>/<name>/<version>/meta.json   metrics, training time, data summary; written last
//
// Versions are 1, 2, 3... per name. A new version is claimed by creating its directory with
// `mkdir`, which fails if another process claimed it first; the registrant then tries the next
// number. The next number is one past the largest directory present, complete or not, so numbers
// are never reused while the newest version is kept (prune always keeps at least one). A version
// is complete once its meta.json exists: both files are written atomically (temp file, fsync,
// rename) and meta.json after the model, so readers never see half a version. There is no watch:
// `latestVersion(name)` is one readdir (plus a stat or two), cheap enough for a server to poll.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  ArtifactError,
  fsyncDirectory,
  loadArtifact,
  saveArtifact,
  writeFileAtomic,
  type JsonObject,
  type ModelArtifact,
} from './artifact.js';

export const MODEL_FILE = 'model.fym';
export const META_FILE = 'meta.json';

export interface RegisterMeta {
  /** Offline metrics, e.g. { ndcg: 0.48, precision: 0.43 }. */
  metrics?: Record<string, number>;
  /** When training finished (ISO 8601, or a Date). */
  trainedAt: string | Date;
  /** Where the training data came from and its size. */
  dataSummary?: JsonObject;
}

/** meta.json of one version. */
export interface ModelVersionMeta {
  name: string;
  version: number;
  /** The artifact's model (e.g. 'ials'); the registry name may differ. */
  model: string;
  trainedAt: string;
  registeredAt: string;
  metrics: Record<string, number>;
  dataSummary: JsonObject | null;
  /** Size of model.fym in bytes. */
  bytes: number;
}

export interface RegisteredVersion {
  name: string;
  version: number;
  /** The version's directory. */
  dir: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const VERSION = /^[1-9][0-9]{0,15}$/;

export class ModelRegistry {
  constructor(readonly dir: string) {}

  /** Stores the artifact as the next version of `name`. */
  register(name: string, artifact: ModelArtifact, meta: RegisterMeta): RegisteredVersion {
    const nameDir = this.nameDir(name);
    mkdirSync(nameDir, { recursive: true });
    let version = this.maxVersion(name) + 1;
    let versionDir: string;
    for (;;) {
      versionDir = join(nameDir, String(version));
      try {
        mkdirSync(versionDir);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        version++;
      }
    }
    const modelPath = join(versionDir, MODEL_FILE);
    try {
      saveArtifact(modelPath, artifact);
      const record: ModelVersionMeta = {
        name,
        version,
        model: artifact.model,
        trainedAt: typeof meta.trainedAt === 'string' ? meta.trainedAt : meta.trainedAt.toISOString(),
        registeredAt: new Date().toISOString(),
        metrics: meta.metrics ?? {},
        dataSummary: meta.dataSummary ?? null,
        bytes: statSync(modelPath).size,
      };
      writeFileAtomic(join(versionDir, META_FILE), [Buffer.from(`${JSON.stringify(record, null, 2)}\n`)]);
      fsyncDirectory(nameDir);
    } catch (error) {
      // a failed registration (disk full, say) leaves no incomplete version behind
      rmSync(versionDir, { recursive: true, force: true });
      throw error;
    }
    return { name, version, dir: versionDir };
  }

  /** Names with at least one version directory, sorted. */
  names(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && NAME.test(e.name))
      .map((e) => e.name)
      .sort();
  }

  /** The newest complete version of `name`, or null: one readdir, cheap enough to poll. */
  latestVersion(name: string): number | null {
    const versions = this.versionNumbers(name).sort((a, b) => b - a);
    for (const v of versions) if (this.isComplete(name, v)) return v;
    return null;
  }

  /** The newest complete version's meta, or null. */
  latest(name: string): ModelVersionMeta | null {
    const version = this.latestVersion(name);
    return version === null ? null : this.meta(name, version);
  }

  /** Every complete version's meta, oldest first. */
  list(name: string): ModelVersionMeta[] {
    return this.versionNumbers(name)
      .sort((a, b) => a - b)
      .filter((v) => this.isComplete(name, v))
      .map((v) => this.meta(name, v));
  }

  /** The meta of one complete version; throws if there is none. */
  meta(name: string, version: number): ModelVersionMeta {
    const file = join(this.versionDir(name, version), META_FILE);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new Error(`model ${name} version ${version} not found in ${this.dir}`);
    }
    try {
      return JSON.parse(text) as ModelVersionMeta;
    } catch (error) {
      throw new ArtifactError(`corrupt meta.json: ${(error as Error).message}`, file);
    }
  }

  /** Loads a version (default: the latest complete one) with its meta. */
  load(name: string, version?: number): { artifact: ModelArtifact; meta: ModelVersionMeta } {
    const v = version ?? this.latestVersion(name);
    if (v === null) throw new Error(`no version of model ${name} in ${this.dir}`);
    const meta = this.meta(name, v);
    return { artifact: loadArtifact(join(this.versionDir(name, v), MODEL_FILE)), meta };
  }

  /**
   * Deletes all but the newest `keep` (>= 1) complete versions; returns the deleted numbers.
   * Incomplete versions (possibly being written by another process) are left alone.
   */
  prune(name: string, keep: number): number[] {
    if (!(Number.isInteger(keep) && keep >= 1))
      throw new RangeError(`prune keeps at least 1 version, got ${keep}`);
    const complete = this.versionNumbers(name)
      .sort((a, b) => b - a)
      .filter((v) => this.isComplete(name, v));
    const removed = complete.slice(keep).sort((a, b) => a - b);
    for (const v of removed) {
      // meta.json first: from then on readers treat the version as gone
      rmSync(join(this.versionDir(name, v), META_FILE), { force: true });
      rmSync(this.versionDir(name, v), { recursive: true, force: true });
    }
    return removed;
  }

  private nameDir(name: string): string {
    if (!NAME.test(name))
      throw new RangeError(
        `model name ${JSON.stringify(name)}: use letters, digits, '.', '_' and '-' (not first), at most 128`,
      );
    return join(this.dir, name);
  }

  private versionDir(name: string, version: number): string {
    if (!(Number.isInteger(version) && version >= 1)) throw new RangeError(`not a model version: ${version}`);
    return join(this.nameDir(name), String(version));
  }

  private versionNumbers(name: string): number[] {
    let entries: string[];
    try {
      entries = readdirSync(this.nameDir(name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return entries.filter((e) => VERSION.test(e)).map(Number);
  }

  /** The largest version directory, complete or not (0 when none). */
  private maxVersion(name: string): number {
    return this.versionNumbers(name).reduce((a, b) => Math.max(a, b), 0);
  }

  private isComplete(name: string, version: number): boolean {
    return existsSync(join(this.nameDir(name), String(version), META_FILE));
  }
}
