/**
 * The guest preview against what real Linux guests printed (testdata/guest/, see its README). The hand-written
 * expectations of guest-view.test.ts are the primary check; this one ties the model to reality:
 *
 * - the SRAT lines must be identical;
 * - on Linux 6.1 (the format of shared/docs/linux-guest-view.md) the BIOS-e820 lines must be identical (the OVMF
 *   fragment pattern was fitted to these very boots, so for OVMF this checks the rest of the map), and every
 *   /proc/iomem line the preview does not mark approximate or inferred must appear in the real /proc/iomem;
 * - the dax devices and their target nodes must be the ones the fates predict.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseQemuArgs } from '../syntax/index.ts';
import { computeMachine } from '../machine/index.ts';
import { guestView, type GuestKernel, type OvmfBuild } from './guest-view.ts';
import type { GuestFirmware } from './guest-firmware.ts';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../testdata/guest');

interface Meta {
  firmware: GuestFirmware;
  firmwareBuild: string;
  linux: string;
}

function section(text: string, name: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(`===${name}`);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && l.startsWith('==='));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

const fixtures = fs
  .readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('guest preview vs real guests', () => {
  it('has captures', () => expect(fixtures.length).toBeGreaterThanOrEqual(6));
  for (const name of fixtures) {
    const dir = path.join(DIR, name);
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')) as Meta;
    const text = fs.readFileSync(path.join(dir, 'guest.txt'), 'utf8');
    const args = fs.readFileSync(path.join(dir, 'cmdline.txt'), 'utf8').trim().split(/\s+/);
    const linux61 = meta.linux.startsWith('6.1');
    const kernel: GuestKernel = linux61 ? 'pre-6.3' : '7.x';
    const ovmfBuild: OvmfBuild = meta.firmwareBuild.startsWith('edk2 2022.11') ? 'edk2-2022.11' : 'edk2-2026.08';
    const p = parseQemuArgs(args);
    if (!p.ok) throw new Error(`${name}: cannot parse cmdline.txt`);
    const layout = computeMachine(p.doc).layout!;
    const v = guestView(layout, { firmware: meta.firmware, kernel, ovmfBuild });
    const dmesg = section(text, 'DMESG');
    const iomem = section(text, 'IOMEM');

    it(`${name}: SRAT lines`, () => {
      expect(v.dmesgSrat).toEqual(dmesg.filter((l) => l.startsWith('ACPI: SRAT: Node')));
    });
    it(`${name}: BIOS-e820 lines (Linux 7.x with its gap lines)`, () => {
      expect(v.dmesgE820.slice(1)).toEqual(dmesg.filter((l) => l.startsWith('BIOS-e820:')));
    });
    const numactl = section(text, 'NUMACTL1');
    if (numactl.length) {
      // sizes and free figures of boot RAM are approximate: compared apart
      const fig = /^(node \d+ (?:size|free): )\d+ MB$/;
      for (const [st, sec, tiers] of [['devdax', 'NUMACTL0', 'TIERS0'], ['kmem', 'NUMACTL1', 'TIERS1']] as const) {
        it(`${name}: numactl -H and memory tiers (${st})`, () => {
          const model = v.numa[st];
          expect(model.numactl.map((l) => (l.approximate ? l.text.replace(fig, '$1…') : l.text))).toEqual(
            section(text, sec).map((l, i) => (model.numactl[i]?.approximate ? l.replace(fig, '$1…') : l)),
          );
          expect(model.tiers.map((l) => l.text.replace(/^\/sys\/devices\/virtual\/memory_tiering\/(memory_tier\d+)\/nodelist:/, '$1 '))).toEqual(section(text, tiers));
        });
      }
      it(`${name}: the acpi/hmat lines`, () => {
        expect(v.numa.dmesg.filter((l) => l.text.startsWith('acpi/hmat')).map((l) => l.text)).toEqual(dmesg.filter((l) => l.startsWith('acpi/hmat')));
      });
    }
    if (linux61) {
      it(`${name}: exact /proc/iomem lines are real`, () => {
        const exact = v.iomemLines.filter((l) => !l.node.approximate && !l.node.inferred).map((l) => l.text);
        expect(exact.length).toBeGreaterThan(10);
        expect(exact.filter((l) => !iomem.includes(l))).toEqual([]);
      });
    }
    it(`${name}: dax devices and target nodes`, () => {
      const real = section(text, 'DAX')
        .map((l) => /devices\/(dax\d+\.\d+) target=(\d+)/.exec(l))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1], Number(m[2])]);
      const predicted = [...new Map(v.fates.filter((f) => f.daxDevice).map((f) => [f.daxDevice, [f.daxDevice, f.targetNode]])).values()];
      expect(predicted).toEqual(real);
    });
  }
});
