// What a checkpoint holds and how it is put back: the policy (agent nets + config + env) for evaluation,
// and the whole training state (all parameters, Adam moments, counters, RNG positions, replay buffer)
// for `resume`.
import { floatsOf, readCheckpoint, writeCheckpoint } from './checkpoint.ts';
import { episodeOf } from './serialize.ts';
import type { Restore, Trainer, TrainingCounters } from './trainer.ts';
import { algorithm, resolveConfig } from '../algorithms.ts';
import type { TrainConfig } from '../config.ts';
import type { Module } from '../../autograd/nn.ts';
import { flattenParams, loadFlatParams } from '../../autograd/params.ts';
import type { EnvSpec } from '../../envs/macdec.ts';
import { Rng } from '../../lib/rng.ts';

type SpecSummary = Pick<EnvSpec, 'id' | 'nAgents' | 'obsDims' | 'nActions' | 'stateDim' | 'horizon' | 'primitive'>;

function summary(spec: SpecSummary): SpecSummary {
  const { id, nAgents, obsDims, nActions, stateDim, horizon, primitive } = spec;
  return { id, nAgents, obsDims, nActions, stateDim, horizon, primitive };
}

function concat(arrays: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

function split(flat: Float32Array, like: readonly Float32Array[], what: string): void {
  const expected = like.reduce((n, a) => n + a.length, 0);
  if (flat.length !== expected) throw new Error(`checkpoint does not match this run: ${what} has ${flat.length} values, expected ${expected}`);
  let at = 0;
  for (const a of like) {
    a.set(flat.subarray(at, at + a.length));
    at += a.length;
  }
}

export function savePolicy(path: string, config: TrainConfig, spec: SpecSummary, nets: readonly Module[]): void {
  writeCheckpoint(path, 'policy', { config, spec: summary(spec), nets: nets.map((n) => flattenParams(n.parameters())) });
}

export interface Policy {
  config: TrainConfig;
  spec: SpecSummary;
  /** the acting nets its algorithm's makeActingNets builds (per-agent RecurrentQNets for every algorithm but avf-joint) */
  nets: Module[];
}

/** Rebuilds the agent nets of a policy checkpoint; a file that does not fit is an error naming the problem. */
export function loadPolicy(path: string): Policy {
  const payload = readCheckpoint(path, 'policy') as { config?: Partial<TrainConfig>; spec?: SpecSummary; nets?: (Float32Array | string)[] };
  if (!payload.config || !payload.spec || !Array.isArray(payload.nets)) throw new Error(`checkpoint ${path} is missing its config, env spec or networks`);
  const config = resolveConfig(payload.config), spec = payload.spec;
  const fresh = algorithm(config.algo).makeActingNets(config, spec, new Rng(0));
  if (spec.id !== config.env || payload.nets.length !== fresh.length) throw new Error(`checkpoint ${path}: env spec does not match its config`);
  const nets = payload.nets.map((encoded, i) => {
    const net = fresh[i];
    try {
      loadFlatParams(net.parameters(), floatsOf(encoded));
    } catch (e) {
      throw new Error(`checkpoint ${path}: agent ${i} network does not match (${(e as Error).message})`);
    }
    return net;
  });
  return { config, spec, nets };
}

/** Everything a run needs to continue exactly: parameters, targets, optimiser moments, counters, RNG
 * positions, the replay buffer, and an on-policy round's episodes not yet handed out with its ε. */
export function saveTrainingState(path: string, trainer: Trainer): void {
  const { config, learner, buffer, counters, rng, evalRng } = trainer;
  const states = learner.optimizers.map((o) => o.exportState());
  writeCheckpoint(path, 'training', {
    config, counters, rng: rng.getState(), evalRng: evalRng.getState(), updates: learner.updates,
    params: flattenParams(learner.params), targetParams: flattenParams(learner.targetParams),
    optimizers: states.map((o) => ({ t: o.t, buffers: concat(o.buffers) })),
    buffer: { added: buffer.added, episodes: buffer.episodes },
    round: { epsilon: trainer.epsilon, pending: trainer.pending },
  });
}

interface TrainingPayload {
  config: TrainConfig;
  counters: TrainingCounters;
  rng: number[];
  evalRng: number[];
  updates: number;
  /** Float32Array (version 2) or base64 text (version 1): read through floatsOf / episodeOf */
  params: Float32Array | string;
  targetParams: Float32Array | string;
  optimizers: { t: number; buffers: Float32Array | string }[];
  buffer: { added: number; episodes: unknown[] };
  round?: { epsilon: number; pending: unknown[] };
}

/** Reads a training checkpoint; restore() puts it into freshly built run objects. */
export function loadTrainingState(path: string): { config: TrainConfig; restore: Restore } {
  const p = readCheckpoint(path, 'training') as TrainingPayload;
  const missing = (['config', 'counters', 'buffer', 'optimizers'] as const).filter((k) => (k === 'optimizers' ? !Array.isArray(p[k]) : !p[k]));
  if (missing.length > 0) {
    throw new Error(`checkpoint ${path} is missing parts of the training state (${missing.join(', ')}); written by an earlier avf version?`);
  }
  return {
    config: p.config,
    restore: (trainer: Trainer): void => {
      const { learner, buffer, counters, rng, evalRng } = trainer;
      try {
        loadFlatParams(learner.params, floatsOf(p.params));
        loadFlatParams(learner.targetParams, floatsOf(p.targetParams));
      } catch (e) {
        throw new Error(`checkpoint ${path} does not match this run: ${(e as Error).message}`);
      }
      if (p.optimizers.length !== learner.optimizers.length) throw new Error(`checkpoint ${path} does not match this run: optimiser count`);
      learner.optimizers.forEach((o, k) => {
        const buffers = o.exportState().buffers.map((b) => new Float32Array(b.length));
        split(floatsOf(p.optimizers[k].buffers), buffers, `optimiser ${k} state`);
        o.importState({ t: p.optimizers[k].t, buffers });
      });
      learner.updates = p.updates;
      for (const e of p.buffer.episodes) buffer.push(episodeOf(e));
      buffer.added = p.buffer.added;
      Object.assign(counters, p.counters);
      rng.setState(p.rng);
      evalRng.setState(p.evalRng);
      if (p.round) {
        trainer.epsilon = p.round.epsilon;
        learner.epsilon = p.round.epsilon;
        trainer.pending = p.round.pending.map(episodeOf);
      }
    },
  };
}
