// Trained models as files: one versioned binary format, so that a model fitted offline can be
// loaded by a server (with the id maps it needs to turn raw ids into indices and back).
//
// Layout of a `.fym` file (all integers little-endian):
//
//   offset 0   4 bytes   magic "FYM1" (the digit is the format's major version)
//   offset 4   4 bytes   uint32: byte length H of the header
//   offset 8   H bytes   the header: UTF-8 JSON, padded with spaces so that 8 + H is a multiple of 8
//   8 + H      payload   the sections, each starting at a multiple of 8 bytes from the payload start
//                        (zero bytes between them), as raw little-endian float32 / int32 arrays
//
// The header holds the format version, the model's name and options, its creation time, the
// shapes (users, items, and each section's shape, type, offset and byte length), the item and
// user ids (index -> raw id) and a training summary, plus the payload's length and SHA-256. A
// reader checks the magic, the version, that every section lies inside the payload with the byte
// length its shape and type imply, that the file is exactly as long as the header says, and the
// checksum; any failure is an ArtifactError naming the file.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { endianness } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Recommender } from './types.js';

export const ARTIFACT_MAGIC = 'FYM1';
export const ARTIFACT_FORMAT_VERSION = 1;
/** The usual file name extension. */
export const ARTIFACT_EXTENSION = '.fym';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type SectionType = 'float32' | 'int32';
export type SectionData = Float32Array | Int32Array;

/** One array of a model's parameters, with its logical shape (row-major). */
export interface Section {
  readonly data: SectionData;
  readonly shape: readonly number[];
}

/** What a model says about itself: everything but the ids and the provenance. */
export interface ModelState {
  /** The model's registry name (`createModel` name), e.g. 'ials'. */
  readonly model: string;
  /** Its constructor options, as JSON. */
  readonly options: JsonObject;
  /** The index space it was trained on. */
  readonly nUsers: number;
  readonly nItems: number;
  readonly sections: Readonly<Record<string, Section>>;
}

/** What the caller adds: the id maps (models know only indices) and how it was trained. */
export interface ArtifactContext {
  /** Raw id of item index i; length nItems. */
  readonly itemIds: readonly string[];
  /** Raw id of user index u; length nUsers. */
  readonly userIds: readonly string[];
  /** Free-form training summary (see `trainingSummary`). */
  readonly training?: JsonObject;
  /** Default: now. */
  readonly createdAt?: Date | string;
}

export interface ModelArtifact extends ModelState {
  readonly formatVersion: number;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly itemIds: readonly string[];
  readonly userIds: readonly string[];
  readonly training: JsonObject | null;
}

/** A model that can be written as an artifact; its class has a matching `static fromArtifact`. */
export interface Serializable {
  toArtifact(context: ArtifactContext): ModelArtifact;
}

export function isSerializable<T extends Recommender>(model: T): model is T & Serializable {
  return typeof (model as Partial<Serializable>).toArtifact === 'function';
}

/** Thrown for an unreadable, corrupt, truncated or inconsistent artifact; names the file when there is one. */
export class ArtifactError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(file === undefined ? message : `${file}: ${message}`);
    this.name = 'ArtifactError';
  }
}

/** How many interactions, users and items the training data had (users/items with at least one). */
export function trainingSummary(train: {
  readonly length: number;
  readonly nUsers: number;
  readonly nItems: number;
  readonly user: Int32Array;
  readonly item: Int32Array;
}): JsonObject {
  const users = new Uint8Array(train.nUsers);
  const items = new Uint8Array(train.nItems);
  for (let r = 0; r < train.length; r++) {
    users[train.user[r]!] = 1;
    items[train.item[r]!] = 1;
  }
  let activeUsers = 0;
  let activeItems = 0;
  for (const x of users) activeUsers += x;
  for (const x of items) activeItems += x;
  return { interactions: train.length, users: activeUsers, items: activeItems };
}

function sectionType(data: SectionData): SectionType {
  return data instanceof Float32Array ? 'float32' : 'int32';
}

function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function checkSections(state: ModelState): void {
  for (const [name, { data, shape }] of Object.entries(state.sections)) {
    if (!(data instanceof Float32Array || data instanceof Int32Array))
      throw new TypeError(`${state.model}: section ${name} is not a Float32Array or Int32Array`);
    if (!shape.every((d) => Number.isInteger(d) && d >= 0) || product(shape) !== data.length)
      throw new RangeError(
        `${state.model}: section ${name} has ${data.length} values, shape [${shape.join(', ')}]`,
      );
  }
}

/** Checks a model state against the caller's ids and returns the artifact. */
export function createArtifact(state: ModelState, context: ArtifactContext): ModelArtifact {
  if (context.itemIds.length !== state.nItems)
    throw new RangeError(`${state.model}: ${context.itemIds.length} item ids for ${state.nItems} items`);
  if (context.userIds.length !== state.nUsers)
    throw new RangeError(`${state.model}: ${context.userIds.length} user ids for ${state.nUsers} users`);
  checkSections(state);
  const createdAt =
    context.createdAt === undefined
      ? new Date().toISOString()
      : typeof context.createdAt === 'string'
        ? context.createdAt
        : context.createdAt.toISOString();
  return {
    ...state,
    formatVersion: ARTIFACT_FORMAT_VERSION,
    createdAt,
    itemIds: context.itemIds,
    userIds: context.userIds,
    training: context.training ?? null,
  };
}

interface SectionEntry {
  name: string;
  type: SectionType;
  shape: number[];
  /** Bytes from the payload start. */
  offset: number;
  byteLength: number;
}

interface Header {
  format: 'foryou-model';
  formatVersion: number;
  model: string;
  options: JsonObject;
  createdAt: string;
  endianness: 'little';
  shapes: { users: number; items: number };
  training: JsonObject | null;
  sections: SectionEntry[];
  payload: { byteLength: number; sha256: string };
  itemIds: string[];
  userIds: string[];
}

const align8 = (n: number) => (n + 7) & ~7;

function checkHost(): void {
  if (endianness() !== 'LE') throw new Error('model artifacts are little-endian; this host is big-endian');
}

function bytesOf(data: SectionData): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** The artifact as the bytes of a `.fym` file, in pieces (header, sections, padding). */
export function encodeArtifact(artifact: ModelArtifact): Uint8Array[] {
  checkHost();
  checkSections(artifact);
  if (artifact.itemIds.length !== artifact.nItems || artifact.userIds.length !== artifact.nUsers)
    throw new RangeError(`${artifact.model}: the id lists do not match nItems and nUsers`);
  const entries: SectionEntry[] = [];
  const payload: Uint8Array[] = [];
  const hash = createHash('sha256');
  let offset = 0;
  for (const [name, { data, shape }] of Object.entries(artifact.sections)) {
    const start = align8(offset);
    if (start > offset) {
      const pad = new Uint8Array(start - offset);
      payload.push(pad);
      hash.update(pad);
    }
    const bytes = bytesOf(data);
    payload.push(bytes);
    hash.update(bytes);
    entries.push({
      name,
      type: sectionType(data),
      shape: [...shape],
      offset: start,
      byteLength: bytes.length,
    });
    offset = start + bytes.length;
  }
  const header: Header = {
    format: 'foryou-model',
    formatVersion: ARTIFACT_FORMAT_VERSION,
    model: artifact.model,
    options: artifact.options,
    createdAt: artifact.createdAt,
    endianness: 'little',
    shapes: { users: artifact.nUsers, items: artifact.nItems },
    training: artifact.training,
    sections: entries,
    payload: { byteLength: offset, sha256: hash.digest('hex') },
    itemIds: [...artifact.itemIds],
    userIds: [...artifact.userIds],
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const headerLength = align8(8 + json.length) - 8;
  const head = Buffer.alloc(8 + headerLength, 0x20);
  head.write(ARTIFACT_MAGIC, 0, 'latin1');
  head.writeUInt32LE(headerLength, 4);
  json.copy(head, 8);
  return [head, ...payload];
}

/**
 * Writes the artifact to `path` atomically: into a temporary file in the same directory, fsync,
 * rename over `path`, fsync the directory. A reader sees the old file or the new one, never part.
 */
export function saveArtifact(path: string, artifact: ModelArtifact): void {
  writeFileAtomic(path, encodeArtifact(artifact));
}

/** Write-temp, fsync, rename, fsync-directory. */
export function writeFileAtomic(path: string, chunks: readonly Uint8Array[]): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx');
  try {
    try {
      for (const chunk of chunks) {
        let done = 0;
        while (done < chunk.length) done += writeSync(fd, chunk, done, chunk.length - done);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  fsyncDirectory(dirname(path));
}

/** Makes a directory's entries (a rename, a new file or subdirectory) durable; best effort. */
export function fsyncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // directories cannot be opened for fsync on every platform (Windows); the rename stands
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0;
}

/** Parses the bytes of a `.fym` file; `file` names it in errors. */
export function decodeArtifact(bytes: Uint8Array, file?: string): ModelArtifact {
  checkHost();
  const fail = (message: string): never => {
    throw new ArtifactError(message, file);
  };
  if (bytes.length < 8) fail(`not a model artifact: ${bytes.length} bytes, shorter than the 8-byte preamble`);
  const magic = Buffer.from(bytes.buffer, bytes.byteOffset, 4).toString('latin1');
  if (magic !== ARTIFACT_MAGIC) {
    if (magic.startsWith('FYM'))
      fail(
        `unsupported model artifact format ${JSON.stringify(magic)} (this version reads ${ARTIFACT_MAGIC})`,
      );
    fail(
      `not a model artifact: magic bytes ${JSON.stringify(magic)}, expected ${JSON.stringify(ARTIFACT_MAGIC)}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.length)
    fail(`truncated: the header needs ${8 + headerLength} bytes, the file has ${bytes.length}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)),
    );
  } catch (error) {
    fail(`corrupt header: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isObject(parsed) || parsed.format !== 'foryou-model')
    fail('corrupt header: not a foryou-model header');
  const h = parsed as Record<string, unknown>;
  if (h.formatVersion !== ARTIFACT_FORMAT_VERSION)
    fail(
      `unsupported format version ${JSON.stringify(h.formatVersion)} (this version reads ${ARTIFACT_FORMAT_VERSION})`,
    );
  if (h.endianness !== 'little') fail(`unsupported byte order ${JSON.stringify(h.endianness)}`);
  if (typeof h.model !== 'string' || h.model.length === 0) fail('corrupt header: no model name');
  if (!isObject(h.options)) fail('corrupt header: options is not an object');
  if (typeof h.createdAt !== 'string') fail('corrupt header: createdAt is not a string');
  const shapes = h.shapes;
  if (!isObject(shapes) || !isCount(shapes.users) || !isCount(shapes.items))
    fail('corrupt header: shapes.users and shapes.items must be counts');
  const { users: nUsers, items: nItems } = shapes as { users: number; items: number };
  const ids = (key: 'itemIds' | 'userIds', n: number): string[] => {
    const list = h[key];
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string'))
      fail(`corrupt header: ${key} is not an array of strings`);
    if ((list as string[]).length !== n) fail(`corrupt header: ${(list as string[]).length} ${key} for ${n}`);
    return list as string[];
  };
  const itemIds = ids('itemIds', nItems);
  const userIds = ids('userIds', nUsers);
  if (h.training !== null && !isObject(h.training)) fail('corrupt header: training is not an object');
  const payload = h.payload;
  if (!isObject(payload) || !isCount(payload.byteLength) || typeof payload.sha256 !== 'string')
    fail('corrupt header: payload must give byteLength and sha256');
  const { byteLength: payloadLength, sha256 } = payload as { byteLength: number; sha256: string };
  const payloadStart = 8 + headerLength;
  const expected = payloadStart + payloadLength;
  if (bytes.length < expected) fail(`truncated: expected ${expected} bytes, the file has ${bytes.length}`);
  if (bytes.length > expected) fail(`corrupt: expected ${expected} bytes, the file has ${bytes.length}`);
  if (!Array.isArray(h.sections)) fail('corrupt header: sections is not an array');
  const sections: Record<string, Section> = {};
  for (const entry of h.sections as unknown[]) {
    if (!isObject(entry) || typeof entry.name !== 'string') fail('corrupt header: a section has no name');
    const e = entry as Record<string, unknown>;
    const name = e.name as string;
    if (e.type !== 'float32' && e.type !== 'int32')
      fail(`section ${name}: unknown type ${JSON.stringify(e.type)}`);
    if (!Array.isArray(e.shape) || !e.shape.every(isCount))
      fail(`section ${name}: shape is not a list of counts`);
    if (!isCount(e.offset) || !isCount(e.byteLength))
      fail(`section ${name}: offset and byteLength must be counts`);
    const shape = e.shape as number[];
    const offset = e.offset as number;
    const byteLength = e.byteLength as number;
    if (byteLength !== product(shape) * 4)
      fail(
        `section ${name}: ${byteLength} bytes, but shape [${shape.join(', ')}] of ${e.type} needs ${product(shape) * 4}`,
      );
    if (offset % 8 !== 0) fail(`section ${name}: offset ${offset} is not 8-byte aligned`);
    if (offset + byteLength > payloadLength)
      fail(
        `section ${name}: bytes ${offset}..${offset + byteLength} lie outside the ${payloadLength}-byte payload`,
      );
    if (name in sections) fail(`section ${name} appears twice`);
    const start = bytes.byteOffset + payloadStart + offset;
    const n = byteLength / 4;
    // a view when the bytes are 4-aligned in memory (no copy), else a copy
    const data =
      start % 4 === 0
        ? e.type === 'float32'
          ? new Float32Array(bytes.buffer, start, n)
          : new Int32Array(bytes.buffer, start, n)
        : e.type === 'float32'
          ? new Float32Array(bytes.buffer.slice(start, start + byteLength))
          : new Int32Array(bytes.buffer.slice(start, start + byteLength));
    sections[name] = { data, shape };
  }
  const actual = createHash('sha256').update(bytes.subarray(payloadStart, expected)).digest('hex');
  if (actual !== sha256) fail('corrupt: the payload checksum does not match (SHA-256)');
  return {
    model: h.model as string,
    options: h.options as JsonObject,
    nUsers,
    nItems,
    sections,
    formatVersion: ARTIFACT_FORMAT_VERSION,
    createdAt: h.createdAt as string,
    itemIds,
    userIds,
    training: (h.training ?? null) as JsonObject | null,
  };
}

/** Reads and validates a `.fym` file; throws an ArtifactError naming it on any problem. */
export function loadArtifact(path: string): ModelArtifact {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ArtifactError(
      code === 'ENOENT' ? 'no such file' : `cannot read: ${(error as Error).message}`,
      path,
    );
  }
  return decodeArtifact(bytes, path);
}

// Helpers for the models' `fromArtifact`.

/** Throws unless the artifact is of this model. */
export function checkModel(artifact: ModelArtifact, model: string): void {
  if (artifact.model !== model)
    throw new ArtifactError(
      `an artifact of model ${JSON.stringify(artifact.model)}, not ${JSON.stringify(model)}`,
    );
}

/** The numeric options among `keys` (absent and null ones left out); throws on any other type. */
export function numberOptions<K extends string>(
  artifact: ModelArtifact,
  keys: readonly K[],
): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const key of keys) {
    const value = artifact.options[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number')
      throw new ArtifactError(`${artifact.model} option ${key} is ${JSON.stringify(value)}, not a number`);
    out[key] = value;
  }
  return out;
}

/** The named section, checked for type and shape. */
export function section(
  artifact: ModelArtifact,
  name: string,
  type: 'float32',
  shape: readonly number[],
): Float32Array;
export function section(
  artifact: ModelArtifact,
  name: string,
  type: 'int32',
  shape: readonly number[],
): Int32Array;
export function section(
  artifact: ModelArtifact,
  name: string,
  type: SectionType,
  shape: readonly number[],
): SectionData {
  const s = artifact.sections[name];
  if (!s) throw new ArtifactError(`${artifact.model} artifact has no section ${name}`);
  if (sectionType(s.data) !== type)
    throw new ArtifactError(`${artifact.model} section ${name} is not ${type}`);
  if (
    s.shape.length !== shape.length ||
    s.shape.some((d, i) => d !== shape[i]) ||
    s.data.length !== product(shape)
  )
    throw new ArtifactError(
      `${artifact.model} section ${name} has shape [${s.shape.join(', ')}], expected [${shape.join(', ')}]`,
    );
  return s.data;
}

/** A CSR section pair (offsets of nRows + 1, then cols), checked to be well formed. */
export function sparseSection(
  artifact: ModelArtifact,
  prefix: string,
  nRows: number,
  nCols: number,
): { offsets: Int32Array; cols: Int32Array } {
  const offsets = section(artifact, `${prefix}Offsets`, 'int32', [nRows + 1]);
  const colsSection = artifact.sections[`${prefix}Cols`];
  const cols = section(artifact, `${prefix}Cols`, 'int32', [colsSection?.data.length ?? 0]);
  let ok = offsets[0] === 0 && offsets[nRows] === cols.length;
  for (let r = 0; ok && r < nRows; r++) ok = offsets[r]! <= offsets[r + 1]!;
  for (let t = 0; ok && t < cols.length; t++) ok = cols[t]! >= 0 && cols[t]! < nCols;
  if (!ok)
    throw new ArtifactError(
      `${artifact.model} sections ${prefix}Offsets/${prefix}Cols are not a valid sparse matrix`,
    );
  return { offsets, cols };
}
