// Checkpoint files: a versioned JSON envelope with a SHA-256 checksum of its payload, written
// atomically (temporary file, then rename) so an interrupted run never leaves a half-written file.
// Float32Arrays travel as base64. `policy.avf` holds what evaluation needs (agent nets, config, env);
// `training.avf` also holds targets, mixers, optimiser moments, counters, RNG and replay buffer.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync, unlinkSync } from 'node:fs';

export const CHECKPOINT_FORMAT = 'avf-checkpoint';
export const CHECKPOINT_VERSION = 1;
export type CheckpointKind = 'policy' | 'training';

export function encodeFloats(a: Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

export function decodeFloats(s: string): Float32Array {
  const bytes = Buffer.from(s, 'base64');
  if (bytes.length % 4 !== 0) throw new Error('corrupt checkpoint: float data of odd length');
  const out = new Float32Array(bytes.length / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** Writes `payload` as a checkpoint of `kind` at `path`, atomically. */
export function writeCheckpoint(path: string, kind: CheckpointKind, payload: unknown): void {
  const body = JSON.stringify(payload);
  const checksum = createHash('sha256').update(body).digest('hex');
  const text = JSON.stringify({ format: CHECKPOINT_FORMAT, version: CHECKPOINT_VERSION, kind, checksum, payload: body });
  writeAtomically(path, text);
}

/** Writes `data` to a temporary file beside `path`, flushes it to disk, then renames it over `path`: a
 * crash leaves the old file or the new one, never a half-written one (and no temporary file behind). */
export function writeAtomically(path: string, data: string | Uint8Array): void {
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } finally {
    if (existsSync(temporary)) unlinkSync(temporary);
  }
}

/** Reads and verifies a checkpoint; every problem is an error that names the file and what is wrong. */
export function readCheckpoint(path: string, kind: CheckpointKind): unknown {
  if (!existsSync(path)) throw new Error(`checkpoint ${path} does not exist`);
  let envelope: { format?: unknown; version?: unknown; kind?: unknown; checksum?: unknown; payload?: unknown };
  try {
    envelope = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new Error(`checkpoint ${path} is corrupt: not valid JSON (truncated or overwritten?)`);
  }
  if (envelope.format !== CHECKPOINT_FORMAT) throw new Error(`checkpoint ${path} is not an avf checkpoint`);
  if (envelope.version !== CHECKPOINT_VERSION) throw new Error(`checkpoint ${path} has version ${String(envelope.version)}; this avf reads version ${CHECKPOINT_VERSION}`);
  if (envelope.kind !== kind) throw new Error(`checkpoint ${path} holds a ${String(envelope.kind)} checkpoint, expected ${kind}`);
  if (typeof envelope.payload !== 'string' || typeof envelope.checksum !== 'string') throw new Error(`checkpoint ${path} is corrupt: missing payload or checksum`);
  const checksum = createHash('sha256').update(envelope.payload).digest('hex');
  if (checksum !== envelope.checksum) throw new Error(`checkpoint ${path} is corrupt: checksum mismatch`);
  return JSON.parse(envelope.payload);
}
