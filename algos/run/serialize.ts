// Episodes in checkpoints: version 2 stores their typed arrays as they are (binary); version 1 files
// hold the plain-JSON encodings below, still read.
import { decodeFloats } from './checkpoint.ts';
import type { Episode } from '../data/episode.ts';

type Encoded = { f32: string } | { i32: number[] } | { u8: string };

export function decodeArray(e: Encoded): Float32Array | Int32Array | Uint8Array {
  if ('f32' in e) return decodeFloats(e.f32);
  if ('i32' in e) return Int32Array.from(e.i32);
  if ('u8' in e) return new Uint8Array(Buffer.from(e.u8, 'base64'));
  throw new Error('corrupt checkpoint: unknown array encoding');
}

export function decodeEpisode(e: Record<string, unknown>): Episode {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(e)) {
    if (Array.isArray(value)) out[key] = value.map((v) => decodeArray(v as Encoded));
    else if (typeof value === 'object' && value !== null) out[key] = decodeArray(value as Encoded);
    else out[key] = value;
  }
  return out as unknown as Episode;
}

/** An episode read from a checkpoint of either version. */
export function episodeOf(e: unknown): Episode {
  const record = e as Record<string, unknown>;
  return ArrayBuffer.isView(record.states) ? (record as unknown as Episode) : decodeEpisode(record);
}
