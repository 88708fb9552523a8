/**
 * The SLIT against real QEMU 11.1 (src/core/testdata/qemu-hmat, captured by src/cli/capture-hmat-goldens-main.ts):
 * each case's input is written here by hand from its cmdline.txt, the bytes must be QEMU's, `iasl -d` must read
 * them without error or warning, and our text must be iasl's.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HMAT_FIXTURES, dslBody, hmatFixture, hmatFixtureError, iasl } from '../../test-support/acpi.ts';
import { buildSlit, completeSlitDistances, decodeSlit, encodeSlit, formatSlitText, qemuBuildsSlit, type NumaDistance, type SlitInput } from './slit.ts';

const FIXTURES = HMAT_FIXTURES;
const fixture = hmatFixture;
const errorOf = hmatFixtureError;
const body = dslBody;

const d = (src: number, dst: number, val: number): NumaDistance => ({ src, dst, val });

/** Every captured configuration with a SLIT, its input translated from cmdline.txt by hand. */
const CASES: Array<[dir: string, input: SlitInput]> = [
  // -numa dist,src=0,dst=1,val=21 on two nodes
  ['slit-2nodes-sym', { numNodes: 2, distances: [d(0, 1, 21)] }],
  ['slit-2nodes-reverse-only', { numNodes: 2, distances: [d(1, 0, 31)] }],
  ['slit-2nodes-asym', { numNodes: 2, distances: [d(0, 1, 21), d(1, 0, 31)] }],
  ['slit-1node-local', { numNodes: 1, distances: [d(0, 0, 10)] }],
  // node 2 has no memory; it still has a row and a column
  ['slit-3nodes-mixed-directions', { numNodes: 3, distances: [d(0, 1, 15), d(2, 0, 25), d(1, 2, 35)] }],
  [
    'slit-4nodes-asym-full',
    {
      numNodes: 4,
      // 10 + 10·|i − j|, plus 1 going down
      distances: [
        d(0, 1, 20), d(0, 2, 30), d(0, 3, 40),
        d(1, 0, 21), d(1, 2, 20), d(1, 3, 30),
        d(2, 0, 31), d(2, 1, 21), d(2, 3, 20),
        d(3, 0, 41), d(3, 1, 31), d(3, 2, 21),
      ],
    },
  ],
  ['slit-duplicate-last-wins', { numNodes: 2, distances: [d(0, 1, 20), d(0, 1, 30)] }],
  ['slit-3nodes-local-and-255', { numNodes: 3, distances: [d(0, 0, 10), d(0, 1, 255), d(0, 2, 40), d(1, 2, 60)] }],
  ['slit-3nodes-equal-pair-both-ways', { numNodes: 3, distances: [d(0, 1, 20), d(1, 0, 20), d(0, 2, 30), d(2, 1, 40)] }],
  [
    'slit-18nodes',
    {
      numNodes: 18,
      // every pair i < j once, val = 20 + j − i
      distances: Array.from({ length: 18 }, (_, i) => Array.from({ length: 17 - i }, (_, k) => d(i, i + 1 + k, 21 + k))).flat(),
    },
  ],
  ['slit-q35-hotplug-window', { numNodes: 2, distances: [d(0, 1, 28)] }],
  // the four-node HBM machine of the HMAT cases carries a SLIT too
  ['hmat-4nodes-hbm', { numNodes: 4, distances: [d(0, 1, 21), d(0, 2, 17), d(0, 3, 28), d(1, 2, 28), d(1, 3, 17), d(2, 3, 30)] }],
];

describe('SLIT', () => {
  it.each(CASES)('%s: the bytes QEMU builds', (dir, input) => {
    const want = fixture(dir, 'SLIT.bin');
    expect(want, `${dir}/SLIT.bin`).not.toBeNull();
    const got = buildSlit(input);
    expect(Buffer.from(got.bytes).toString('hex')).toBe(Buffer.from(want!).toString('hex'));
    expect(decodeSlit(got.bytes)).toMatchObject({ localities: BigInt(input.numNodes), matrix: got.matrix, checksumOk: true });
  });

  it.each(CASES)('%s: iasl -d reads it without error or warning, as we show it', (dir, input) => {
    const bytes = buildSlit(input).bytes;
    const r = iasl(bytes, 'SLIT');
    expect(r.status).toBe(0);
    expect(r.output).not.toMatch(/error|warning/i);
    expect(r.output).toContain('Acpi Data Table [SLIT] decoded');
    expect(body(formatSlitText(bytes))).toBe(body(r.dsl));
    void dir;
  });

  it('covers every captured SLIT, and QEMU builds one only with -numa dist', () => {
    const withSlit = readdirSync(FIXTURES).filter((dir) => existsSync(join(FIXTURES, dir, 'SLIT.bin')));
    expect(withSlit.sort()).toEqual(CASES.map(([dir]) => dir).sort());
    for (const dir of readdirSync(FIXTURES)) {
      if (!existsSync(join(FIXTURES, dir, 'cmdline.txt')) || existsSync(join(FIXTURES, dir, 'error.txt'))) continue;
      const hasDist = / -numa dist,/.test(' ' + readFileSync(join(FIXTURES, dir, 'cmdline.txt'), 'utf8'));
      expect(existsSync(join(FIXTURES, dir, 'SLIT.bin')), dir).toBe(hasDist);
    }
    expect(qemuBuildsSlit([])).toBe(false);
    expect(() => buildSlit({ numNodes: 2, distances: [] })).toThrow(/no SLIT/);
  });

  it('refuses what QEMU refuses when it completes the table, with its message', () => {
    // three nodes, only -numa dist,src=0,dst=1,val=20
    expect(completeSlitDistances(3, [d(0, 1, 20)])).toEqual({ error: errorOf('refused-slit-missing-pair') });
    // 0→1 21 and 1→0 31 make it asymmetric; 2→0 and 2→1 are then missing
    expect(completeSlitDistances(3, [d(0, 1, 21), d(1, 0, 31), d(0, 2, 41), d(1, 2, 51)])).toEqual({ error: errorOf('refused-slit-asym-incomplete') });
    expect(() => buildSlit({ numNodes: 3, distances: [d(0, 1, 20)] })).toThrow(errorOf('refused-slit-missing-pair'));
  });

  it('decodes what it encodes, and rejects what is not a whole SLIT', () => {
    const m = [
      [10, 20, 30],
      [20, 10, 40],
      [30, 40, 10],
    ];
    const b = encodeSlit(m);
    expect(b.length).toBe(36 + 8 + 9);
    expect(decodeSlit(b)?.matrix).toEqual(m);
    expect(decodeSlit(b.subarray(0, 50))).toBeNull();
    expect(() => encodeSlit([[10, 20], [20]])).toThrow(RangeError);
    const short = Uint8Array.from(b.subarray(0, 48));
    expect(formatSlitText(short)).toContain('Not enough room in table for all localities');
    expect(formatSlitText(new Uint8Array(10))).toContain('Too short for a SLIT');
  });
});
