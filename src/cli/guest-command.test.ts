/**
 * The `guest` CLI contract: `guest --firmware seabios|ovmf --format dmesg|iomem [--kernel pre-6.3|6.3+] -- <QEMU
 * arguments>` prints the preview text; a configuration QEMU rejects gives QEMU's message on stderr and exit 2.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './run.ts';

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

describe('guest', () => {
  it('dmesg, SeaBIOS, q35 -m 4G: the real SeaBIOS map in Linux format', async () => {
    const r = await cli(['guest', '--firmware', 'seabios', '--format', 'dmesg', '--', '-machine', 'q35', '-m', '4G']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toBe(
      [
        'BIOS-provided physical RAM map:',
        'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable',
        'BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved',
        'BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved',
        'BIOS-e820: [mem 0x0000000000100000-0x000000007ffdffff] usable',
        'BIOS-e820: [mem 0x000000007ffe0000-0x000000007fffffff] reserved',
        'BIOS-e820: [mem 0x00000000b0000000-0x00000000bfffffff] reserved',
        'BIOS-e820: [mem 0x00000000fed1c000-0x00000000fed1ffff] reserved',
        'BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved',
        'BIOS-e820: [mem 0x0000000100000000-0x000000017fffffff] usable',
        'BIOS-e820: [mem 0x000000fd00000000-0x000000ffffffffff] reserved',
        '',
      ].join('\n'),
    );
  });
  it('iomem, OVMF, before 6.3: the sp-mem as hmem.0 > Soft Reserved > dax0.0', async () => {
    const r = await cli([
      'guest', '--firmware', 'ovmf', '--format', 'iomem', '--kernel', 'pre-6.3', '--',
      '-machine', 'q35', '-m', '256M,slots=2,maxmem=2G', '-object', 'memory-backend-ram,id=ram0,size=256M',
      '-numa', 'node,nodeid=0,memdev=ram0', '-object', 'memory-backend-ram,id=spm0,size=128M', '-device', 'sp-mem,id=sp0,memdev=spm0,node=0',
    ]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toContain('ffc00000-ffffffff : Reserved');
    const i = lines.indexOf('100000000-107ffffff : hmem.0');
    expect(lines.slice(i, i + 3)).toEqual(['100000000-107ffffff : hmem.0', '  100000000-107ffffff : Soft Reserved', '    100000000-107ffffff : dax0.0']);
  });
  it('--annotate on marks approximate lines; plain output has no marks', async () => {
    const args = ['--', '-machine', 'q35', '-m', '4G'];
    const plain = await cli(['guest', '--firmware', 'seabios', '--format', 'dmesg', ...args]);
    const marked = await cli(['guest', '--firmware', 'seabios', '--format', 'dmesg', '--annotate', 'on', ...args]);
    expect(plain.out).not.toContain('#');
    expect(marked.out).toContain('BIOS-e820: [mem 0x000000007ffe0000-0x000000007fffffff] reserved  # approximate');
  });
  it('json', async () => {
    const r = await cli(['guest', '--firmware', 'ovmf', '--format', 'json', '--', '-machine', 'q35', '-m', '4G']);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.out) as { options: { firmware: string }; e820: Array<{ start: string }> };
    expect(v.options.firmware).toBe('ovmf');
    expect(v.e820[0]!.start).toBe('0x0');
  });
  it('rejected configuration: QEMU\'s message, exit 2', async () => {
    const r = await cli(['guest', '--firmware', 'seabios', '--format', 'dmesg', '--', '-machine', 'q35', '-m', '4G,slots=1,maxmem=2G']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe('invalid value of maxmem: maximum memory size (0x80000000) must be at least the initial memory size (0x100000000)\n');
  });
  it('rejected device: the option text comes first', async () => {
    const r = await cli(['guest', '--firmware', 'ovmf', '--format', 'dmesg', '--', '-machine', 'q35', '-m', '1G', '-object', 'memory-backend-ram,id=s,size=128M', '-device', 'sp-mem,id=sp0,memdev=s']);
    expect(r.code).toBe(2);
    expect(r.err).toBe("-device sp-mem,id=sp0,memdev=s: 'node' property value 0 exceeds the number of NUMA nodes (0)\n");
  });
  it('bad flag values: exit 1', async () => {
    expect((await cli(['guest', '--firmware', 'coreboot', '--', '-m', '1G'])).code).toBe(1);
    expect((await cli(['guest', '--format', 'xml', '--', '-m', '1G'])).code).toBe(1);
    const k = await cli(['guest', '--kernel', '5.x', '--', '-m', '1G']);
    expect(k.code).toBe(1);
    expect(k.err).toContain('--kernel must be pre-6.3, 6.3+');
  });
  it('is listed in the usage', async () => {
    const r = await cli(['help']);
    expect(r.out).toContain('guest [--firmware seabios|ovmf] [--format dmesg|iomem|json]');
  });
});
