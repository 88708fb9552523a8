/** Nothing from a document or a pasted line may reach the page as HTML: no component sets HTML directly. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('no HTML from data', () => {
  it('no source sets innerHTML, outerHTML or dangerouslySetInnerHTML, or writes documents', () => {
    const offenders = sources(SRC).filter((p) => /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(/.test(readFileSync(p, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
