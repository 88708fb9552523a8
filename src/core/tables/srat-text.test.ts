/**
 * The SRAT text view against the ACPICA disassembler: `iasl -d` on the SRAT.bin of every preset (and of the SRATs
 * captured from real QEMU) must decode without error or warning, and its field lines must be ours, line for line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeMachine } from '../machine/index.ts';
import { PRESETS, presetDocument } from '../designer/index.ts';
import { formatSratText } from './srat-text.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../testdata/qemu');

/** Run `iasl -d` on the bytes; its console output and the .dsl it wrote. */
function iasl(bytes: Uint8Array): { output: string; dsl: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'mmd-iasl-'));
  writeFileSync(join(dir, 'SRAT.bin'), bytes);
  const r = spawnSync('iasl', ['-d', 'SRAT.bin'], { cwd: dir, encoding: 'utf8' });
  const dslFile = join(dir, 'SRAT.dsl');
  return { output: (r.stdout ?? '') + (r.stderr ?? ''), dsl: existsSync(dslFile) ? readFileSync(dslFile, 'utf8') : '', status: r.status };
}

/** Everything after the opening comment, trailing blanks trimmed. */
function body(text: string): string {
  return text
    .slice(text.indexOf('*/') + 2)
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
}

const presetSrats = PRESETS.map((p) => {
  const r = computeMachine(presetDocument(p.id)!);
  return [p.id, r.layout?.srat?.bytes ?? null] as const;
}).filter((x): x is readonly [string, Uint8Array] => x[1] !== null);

const fixtureSrats = readdirSync(FIXTURES)
  .filter((d) => existsSync(join(FIXTURES, d, 'SRAT.bin')))
  .sort()
  .map((d) => [d, new Uint8Array(readFileSync(join(FIXTURES, d, 'SRAT.bin')))] as const);

describe('SRAT text view', () => {
  it('every preset with NUMA has an SRAT', () => {
    expect(presetSrats.map(([id]) => id)).toEqual(PRESETS.map((p) => p.id));
  });

  it.each(presetSrats)('preset %s: iasl -d decodes the exported SRAT.bin without error or warning, as we show it', (_id, bytes) => {
    const r = iasl(bytes);
    expect(r.status).toBe(0);
    expect(r.output).not.toMatch(/error|warning/i);
    expect(r.output).toContain('Acpi Data Table [SRAT] decoded');
    expect(body(formatSratText(bytes))).toBe(body(r.dsl));
  });

  it.each(fixtureSrats)('QEMU-captured %s: the same text as iasl -d', (_id, bytes) => {
    expect(body(formatSratText(bytes))).toBe(body(iasl(bytes).dsl));
  });

  it('uses the disassembler vocabulary (hand-checked on the upstream sp-mem qtest)', () => {
    const bytes = presetSrats.find(([id]) => id === 'upstream-qtest')![1];
    const text = formatSratText(bytes);
    expect(text).toContain('[000h 0000   4]                    Signature : "SRAT"    [System Resource Affinity Table]');
    expect(text).toContain('[030h 0048   1]                Subtable Type : 00 [Processor Local APIC/SAPIC Affinity]');
    expect(text).toContain('                Subtable Type : 01 [Memory Affinity]');
    expect(text).toContain('             Proximity Domain : 00000000');
    expect(text).toContain('                 Base Address : 0000000100000000');
    expect(text).toContain('               Address Length : 0000000008000000');
    // the sp-mem range: enabled, not hot-pluggable, not non-volatile
    const spm = text.slice(text.indexOf('Base Address : 0000000100000000'));
    expect(spm).toMatch(/Enabled : 1\n\s+Hot Pluggable : 0\n\s+Non-Volatile : 0/);
    // the hotplug range after it
    expect(text).toMatch(/Base Address : 0000000108000000[\s\S]*?Enabled : 1\n\s+Hot Pluggable : 1\n\s+Non-Volatile : 0/);
    expect(text).toContain('Raw Table Data: Length 264 (0x108)');
  });

  it('shows an x2APIC subtable as iasl does', () => {
    const fixture = fixtureSrats.find(([id]) => id === 'srat-xapic-q35');
    expect(fixture).toBeDefined();
    const text = formatSratText(fixture![1]);
    expect(text).toContain('                Subtable Type : 02 [Processor Local x2APIC Affinity]');
    expect(text).toContain('                      Apic ID : 000000FF');
  });

  it('marks a wrong checksum as iasl does', () => {
    const bytes = Uint8Array.from(presetSrats[0]![1]);
    bytes[9] = (bytes[9]! + 1) & 0xff;
    const ours = formatSratText(bytes);
    expect(ours).toContain('/* Incorrect checksum, should be');
    expect(body(ours)).toBe(body(iasl(bytes).dsl));
  });

  it('shows truncated or foreign bytes without throwing', () => {
    const srat = presetSrats[0]![1];
    for (const b of [new Uint8Array(0), srat.subarray(0, 20), srat.subarray(0, 60), Uint8Array.from(srat).fill(0xff, 48)]) {
      expect(typeof formatSratText(b)).toBe('string');
    }
    expect(formatSratText(new Uint8Array(10))).toContain('Too short for an SRAT');
  });
});
