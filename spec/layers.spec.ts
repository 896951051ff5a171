// The layer rule of design §1, checked on the source: dependencies point down only
// (lib ← autograd ← mixers; lib ← envs; algos above them; the package entries on top), the core imports
// nothing from npm or node:, and algos imports nothing from npm (the package has no runtime dependency).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const test = suite('layers');
const root = new URL('..', import.meta.url).pathname;

/** What each unit may import: other units (relative imports), npm packages, node: modules. */
const RULES: Record<string, { units: string[]; npm: string[]; node: boolean }> = {
  lib: { units: ['lib'], npm: [], node: false },
  autograd: { units: ['lib', 'autograd'], npm: [], node: false },
  mixers: { units: ['lib', 'autograd', 'mixers'], npm: [], node: false },
  envs: { units: ['lib', 'envs'], npm: [], node: false },
  algos: { units: ['lib', 'autograd', 'mixers', 'envs', 'algos'], npm: [], node: true },
  'index.ts': { units: ['lib', 'autograd', 'mixers', 'envs'], npm: [], node: false },
  'train.ts': { units: ['algos'], npm: [], node: false },
  'ndarray.ts': { units: ['autograd'], npm: ['ndarray'], node: false },
};

function sources(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => sources(join(path, name))).filter((f) => f.endsWith('.ts'));
}

/** The module specifiers a file imports or re-exports (static and dynamic). */
export function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g)) found.push(m[1]);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) found.push(m[1]);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]);
  return found;
}

/** The unit (top folder or root entry file) a repository path belongs to. */
const unitOf = (path: string) => relative(root, path).split('/')[0];

/** Every import of `unit` that breaks its rule, as "file: specifier (why)". */
function violations(unit: string): string[] {
  const rule = RULES[unit], problems: string[] = [];
  for (const file of sources(join(root, unit))) {
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      const where = relative(root, file);
      if (spec.startsWith('.')) {
        const target = unitOf(normalize(join(dirname(file), spec)));
        if (!rule.units.includes(target)) problems.push(`${where}: ${spec} (${unit} may not import ${target})`);
      } else if (spec.startsWith('node:')) {
        if (!rule.node) problems.push(`${where}: ${spec} (no node: modules in ${unit})`);
      } else if (!rule.npm.includes(spec)) {
        problems.push(`${where}: ${spec} (no npm package in ${unit})`);
      }
    }
  }
  return problems;
}

for (const unit of Object.keys(RULES)) {
  test(`${unit} imports only from the layers below it`, () => {
    assert.equal(violations(unit), []);
  });
}

test('the import scanner finds static, re-export, side-effect and dynamic imports', () => {
  const text = "import { a } from './a.ts';\nimport type { B } from '../b/b.ts';\nexport * from \"../c.ts\";\nimport 'node:fs';\nconst m = await import('ndarray');\nimport {\n  x,\n} from './x.ts';";
  assert.equal(importsOf(text).sort(), ['../b/b.ts', '../c.ts', './a.ts', './x.ts', 'ndarray', 'node:fs'].sort());
});

test('a violation is reported (the check can fail)', () => {
  const saved = RULES.lib.units;
  RULES.lib.units = [];
  try {
    assert.ok(violations('lib').some((v) => v.includes('lib may not import lib')));
  } finally {
    RULES.lib.units = saved;
  }
});

test.run();
