// Plain-JSON encodings of typed arrays and episodes, for checkpoints.
import { decodeFloats, encodeFloats } from './checkpoint.ts';
import type { Episode } from '../data/episode.ts';

type Encoded = { f32: string } | { i32: number[] } | { u8: string };

export function encodeArray(a: Float32Array | Int32Array | Uint8Array): Encoded {
  if (a instanceof Float32Array) return { f32: encodeFloats(a) };
  if (a instanceof Int32Array) return { i32: Array.from(a) };
  return { u8: Buffer.from(a).toString('base64') };
}

export function decodeArray(e: Encoded): Float32Array | Int32Array | Uint8Array {
  if ('f32' in e) return decodeFloats(e.f32);
  if ('i32' in e) return Int32Array.from(e.i32);
  if ('u8' in e) return new Uint8Array(Buffer.from(e.u8, 'base64'));
  throw new Error('corrupt checkpoint: unknown array encoding');
}

export function encodeEpisode(ep: Episode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(ep)) {
    if (Array.isArray(value)) out[key] = value.map(encodeArray);
    else if (ArrayBuffer.isView(value)) out[key] = encodeArray(value as Float32Array);
    else out[key] = value;
  }
  return out;
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
