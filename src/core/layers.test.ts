/**
 * The shape of src/core, enforced: which folder may import which, folders reached only through their index,
 * no package imported by the core (its tsconfig has no DOM types), and no import cycle anywhere in src.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CORE = dirname(fileURLToPath(import.meta.url));
const SRC = resolve(CORE, '..');

/**
 * What each folder may import (besides itself). The QEMU model (`machine`) sees only what lies below it: the
 * document, QEMU's option syntax and the firmware tables; the designer's advice, the guest view and the teaching
 * material are computed beside it, from its results.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  base: [],
  document: ['base'],
  syntax: ['base', 'document'],
  tables: ['base'],
  machine: ['base', 'document', 'syntax', 'tables'],
  guest: ['base', 'document', 'syntax', 'tables', 'machine'],
  designer: ['base', 'document', 'syntax', 'tables', 'machine', 'guest'],
  io: ['base', 'document', 'syntax', 'tables', 'machine', 'guest', 'designer'],
  teach: ['base', 'document', 'syntax', 'tables', 'machine', 'guest', 'designer'],
  testing: ['base', 'document', 'syntax', 'tables', 'machine', 'guest', 'designer', 'io'],
};

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'testdata' || name === 'node_modules') continue;
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every relative import of a file, resolved; `type` imports count too (they still tie the modules together). */
function importsOf(file: string): { spec: string; target: string | null }[] {
  const text = readFileSync(file, 'utf8');
  const out: { spec: string; target: string | null }[] = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const spec = (m[1] ?? m[2])!;
    out.push({ spec, target: spec.startsWith('.') ? resolve(dirname(file), spec) : null });
  }
  return out;
}

const folderOf = (file: string): string | null => {
  const rel = relative(CORE, file);
  if (rel.startsWith('..')) return null;
  const parts = rel.split(sep);
  return parts.length > 1 ? parts[0]! : null;
};

const coreFiles = walk(CORE).filter((f) => !f.endsWith('.test.ts') && folderOf(f) !== null);

describe('src/core layers', () => {
  it('has exactly the folders the rule names, each with an index', () => {
    const folders = readdirSync(CORE).filter((n) => n !== 'testdata' && statSync(join(CORE, n)).isDirectory());
    expect(folders.sort()).toEqual(Object.keys(MAY_IMPORT).sort());
    for (const f of folders) if (f !== 'testing') expect(statSync(join(CORE, f, 'index.ts')).isFile(), `${f}/index.ts`).toBe(true);
  });

  it('keeps every folder to the folders below it, reached through their index', () => {
    const bad: string[] = [];
    for (const file of coreFiles) {
      const from = folderOf(file)!;
      for (const { spec, target } of importsOf(file)) {
        if (target === null) {
          if (from === 'testing' && spec === 'fast-check') continue;
          bad.push(`${relative(SRC, file)}: imports package '${spec}' (the core imports no package)`);
          continue;
        }
        const to = folderOf(target);
        if (to === null) {
          bad.push(`${relative(SRC, file)}: imports ${spec}, outside src/core's folders`);
          continue;
        }
        if (to === from) continue;
        if (!MAY_IMPORT[from]!.includes(to)) bad.push(`${relative(SRC, file)}: ${from} may not import ${to} (${spec})`);
        else if (relative(join(CORE, to), target) !== 'index.ts') bad.push(`${relative(SRC, file)}: reaches into ${to} past its index (${spec})`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('src has no import cycle', () => {
  it('finds no cycle between modules', () => {
    const files = walk(SRC).filter((f) => !/\.test\.tsx?$/.test(f));
    const known = new Set(files);
    const edges = new Map<string, string[]>();
    for (const f of files) edges.set(f, importsOf(f).map((i) => i.target).filter((t): t is string => t !== null && known.has(t)));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const stack: string[] = [];
    const visit = (f: string): void => {
      state.set(f, 'open');
      stack.push(f);
      for (const t of edges.get(f)!) {
        if (state.get(t) === 'open') cycles.push([...stack.slice(stack.indexOf(t)), t].map((p) => relative(SRC, p)).join(' → '));
        else if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
