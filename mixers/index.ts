// Mixer kinds mapped to their factories; adding a mixer is one file plus one line here.
import type { Rng } from '../lib/rng.ts';
import type { Mixer, MixerKind } from './mixer.ts';
import { qmix, type QmixConfig } from './qmix.ts';
import { qplex, type QplexConfig } from './qplex.ts';
import { vdn } from './vdn.ts';

export type { Mixer, MixerKind, MixInput } from './mixer.ts';
export { vdn } from './vdn.ts';
export { qmix, QMIX_DEFAULTS, type QmixConfig } from './qmix.ts';
export { qplex, QPLEX_DEFAULTS, type QplexConfig } from './qplex.ts';

/** Everything any mixer may need; each factory reads its own fields. */
export type MixerConfig = { nAgents: number; stateDim: number; actionDim: number } & Partial<QmixConfig> & Partial<QplexConfig>;

export const MIXERS = {
  vdn: () => vdn(),
  qmix: (config, rng) => qmix(config, rng),
  qplex: (config, rng) => qplex(config, rng),
} satisfies Record<MixerKind, (config: MixerConfig, rng: Rng) => Mixer>;

export function makeMixer(kind: MixerKind, config: MixerConfig, rng: Rng): Mixer {
  const factory = MIXERS[kind];
  if (factory === undefined) throw new RangeError(`unknown mixer '${String(kind)}' (expected one of ${Object.keys(MIXERS).join(', ')})`);
  return factory(config, rng);
}
