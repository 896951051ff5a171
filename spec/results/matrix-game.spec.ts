import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PAYOFF, additiveFitMse, trainMatrixGame } from '../../results/matrix-game/game.ts';

const test = suite('algos/matrix-game');
const SEEDS = [0, 1, 2], STEPS = 800, LR = 1e-3, OPT = { optimizer: 'adam', gradClip: 0 } as const;

test('the additive bound: a worked 2x2 case and the QPLEX game (51.4 variance, 0.79 explained by rows + columns)', () => {
  assert.ok(Math.abs(additiveFitMse([[1, 0], [0, 1]]) - 0.25) < 1e-12); // XOR-like: residual ±0.5 everywhere
  assert.ok(Math.abs(additiveFitMse([[1, 2], [3, 4]])) < 1e-12); //        additive table: fitted exactly
  assert.ok(Math.abs(additiveFitMse(PAYOFF) - 50.568) < 1e-3);
});

test('VDN cannot pick the optimum of the non-monotonic game: it ends at the additive bound with a sub-optimal greedy action', () => {
  const bound = additiveFitMse(PAYOFF);
  for (const seed of SEEDS) {
    const r = trainMatrixGame({ mixer: 'vdn', seed, steps: STEPS, lr: LR, ...OPT });
    assert.ok(r.loss >= bound - 1e-3, `seed ${seed}: loss ${r.loss} below the additive bound ${bound}`);
    assert.ok(r.loss < bound + 0.5, `seed ${seed}: loss ${r.loss} has not reached the additive bound ${bound}`);
    assert.is.not(r.greedyPayoff, 8, `seed ${seed}`);
  }
});

test('QPLEX fits non-additive structure (error well below the additive bound) and acts on the argmax of its own Q_tot', () => {
  const bound = additiveFitMse(PAYOFF);
  for (const seed of SEEDS) {
    const r = trainMatrixGame({ mixer: 'qplex', seed, steps: STEPS, lr: LR, ...OPT });
    assert.ok(r.loss < bound - 10, `seed ${seed}: loss ${r.loss} vs additive bound ${bound}`);
    const best = Math.max(...r.qTot.flat());
    assert.ok(r.qTot[r.greedy[0]][r.greedy[1]] >= best - 1e-4, `seed ${seed}: greedy joint action is not the argmax of Q_tot`);
  }
});

test.run();
