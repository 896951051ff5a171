// Exploration and optimism schedules: ε of the ε-greedy behaviour policy and h of the hysteretic loss,
// both linear ramps that start once `startTrain` episodes are stored (specs/algorithms.md §9, [D7]).
import type { TrainConfig } from '../config.ts';

type Schedule = Pick<TrainConfig, 'startTrain'>;

/** Linear from `from` to `to` over `episodes` episodes counted from startTrain (`from` before). */
function ramp(config: Schedule, episodesStored: number, from: number, to: number, episodes: number): number {
  if (episodesStored < config.startTrain) return from;
  const progress = Math.min(1, (episodesStored - config.startTrain) / episodes);
  return from * (1 - progress) + to * progress;
}

/**
 * ε for the next episode: epsStart until startTrain episodes are stored, then linear to epsEnd over
 * epsDecayEpisodes episodes — or, with epsDecaySteps > 0, over that many env steps from the start (pymarl).
 */
export function epsilonAt(
  config: Schedule & Pick<TrainConfig, 'epsStart' | 'epsEnd' | 'epsDecayEpisodes' | 'epsDecaySteps'>, episodesStored: number, envSteps = 0,
): number {
  if (config.epsDecaySteps > 0) {
    const progress = Math.min(1, envSteps / config.epsDecaySteps);
    return config.epsStart * (1 - progress) + config.epsEnd * progress;
  }
  return ramp(config, episodesStored, config.epsStart, config.epsEnd, config.epsDecayEpisodes);
}

/** Hysteresis h of the TD loss for the next episode (1 = plain squared error). */
export function hysteresisAt(config: Schedule & Pick<TrainConfig, 'hysteresisStart' | 'hysteresisEnd' | 'hysteresisEpisodes'>, episodesStored: number): number {
  return ramp(config, episodesStored, config.hysteresisStart, config.hysteresisEnd, config.hysteresisEpisodes);
}
