/**
 * Options and machine types QEMU has that the designer does not model are refused in the designer's words
 * (kind `cmdline/unsupported`), never as a QEMU error; an option QEMU lacks is QEMU's "invalid option". The
 * machine types are checked against `-machine help` of QEMU 7.2.22 and 11.1.3 (src/core/syntax/qemu-help/).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { formatQemuError } from '../../base/index.ts';
import { parseQemuArgs } from '../../syntax/index.ts';
import { qemuCatalog } from '../../../cli/qemu-catalog.ts';
import { computeMachine, type QemuVersion } from '../index.ts';
import { qemuRelease } from '../qemu-versions.ts';

function run(cmdline: string, version: QemuVersion = '11.1') {
  const p = parseQemuArgs(cmdline.trim().split(/\s+/), 'test', { qemuVersion: version });
  if (!p.ok) return { kind: p.error.kind, stderr: formatQemuError(p.error) };
  const r = computeMachine(p.doc, { qemuVersion: version, catalog: qemuCatalog(version) });
  return { kind: r.error?.kind ?? null, stderr: r.error ? formatQemuError(r.error) : null };
}

const both: QemuVersion[] = ['7.2', '11.1'];

describe('what the designer does not model', () => {
  it.each(both)('the machine types besides pc and q35 are exactly those -machine help lists (%s)', (v) => {
    const help = JSON.parse(readFileSync(new URL(`../../syntax/qemu-help/qemu-${v}.json`, import.meta.url), 'utf8')) as {
      machines: Record<string, { aliasOf?: string }>;
    };
    const others = Object.keys(help.machines).filter((n) => !/^pc-(i440fx|q35)-/.test(n) && n !== 'pc' && n !== 'q35');
    expect([...qemuRelease(v).otherMachineTypes].sort()).toEqual(others.sort());
    for (const type of others) {
      const r = run(`-M ${type} -m 1G`, v);
      expect(r.kind).toBe('cmdline/unsupported');
      expect(r.stderr).toBe(`-M ${type}: The machine type '${type}' is not modelled by the designer (it models pc and q35 machines).`);
    }
    // a type the release does not have is QEMU's refusal
    expect(run('-M nitro -m 1G', '7.2').stderr).toBe('unsupported machine type\nUse -machine help to list supported machines');
  });
  it.each(both)('-readconfig is refused in the designer own words (%s)', (v) => {
    const r = run('-readconfig /tmp/x.cfg -m 1G', v);
    expect(r.kind).toBe('cmdline/unsupported');
    expect(r.stderr).toBe('-readconfig /tmp/x.cfg: The designer does not read -readconfig files: give their options on the command line instead.');
  });
  it.each(both)('-x2apic is no QEMU option (%s)', (v) => {
    // QEMU 7.2.22 and 11.1.3: "qemu-system-x86_64: -x2apic: invalid option"
    expect(run('-M q35 -x2apic -m 1G', v).stderr).toBe('-x2apic: invalid option');
  });
});
