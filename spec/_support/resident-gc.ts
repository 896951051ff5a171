// Run with --expose-gc (spec/lib/wasm/resident.spec.ts): an arena that is collected gives its resident
// blocks back, and the next arena asking for the same sizes gets the same offsets. Prints JSON.
import { Arena, withArena } from '../../autograd/arena.ts';
import { isResident } from '../../lib/wasm/resident.ts';

const gc = (globalThis as { gc?: () => void }).gc!;
const take = (arena: Arena) => {
  let offsets: number[] = [];
  for (let step = 0; step < 2; step++) withArena(arena, () => {
    const xs = [arena.floats(1 << 18), arena.floats(1 << 16)];
    offsets = xs.map((x) => (isResident(x) ? x.byteOffset : -1));
  });
  return offsets;
};
let first: Arena | null = new Arena();
const before = take(first);
first = null;
for (let k = 0; k < 5; k++) {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 10)); // finalizers run after the collection, in a later task
}
const after = take(new Arena());
console.log(JSON.stringify({ before, after }));
