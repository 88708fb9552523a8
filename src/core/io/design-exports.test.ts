import { describe, expect, it } from 'vitest';
import { computeMachine } from '../machine/index.ts';
import { parseQemuArgs } from '../syntax/index.ts';
import type { ConfigDocument } from '../document/index.ts';
import { canonicalDocument, loadDocument } from './document-io.ts';
import { buildExport, documentFileName, formatE820Listing, HOST_ACCESS_NOTE } from './design-exports.ts';

function doc(line: string, name = 'test'): ConfigDocument {
  const r = parseQemuArgs(line.trim().split(/\s+/), name);
  if (!r.ok) throw new Error('bad test line');
  return r.doc;
}

const u64 = (v: bigint) => Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(8 * i)) & 0xffn));
const u32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];

describe('export file names', () => {
  it('is the document name with the extension, made safe only where needed', () => {
    expect(documentFileName('accelerator', 'json')).toBe('accelerator.json');
    expect(documentFileName('my design 2', 'xml')).toBe('my design 2.xml');
    expect(documentFileName('a/b\\c:d', 'json')).toBe('a_b_c_d.json');
    expect(documentFileName('', 'json')).toBe('design.json');
    expect(documentFileName('..', 'json')).toBe('design.json');
    expect(documentFileName('x\u0000y', 'xml')).toBe('x_y.xml');
  });
});

describe('exports of an accepted design', () => {
  // q35, -m 256M, default CPU (qemu64: AuthenticAMD, 40 phys-bits): QEMU reserves the AMD HyperTransport hole
  // 0xfd00000000 + 12 GiB first, then RAM 0 – 256 MiB (all below the 2 GiB q35 split)
  const d = doc('-machine q35 -m 256M');
  const r = computeMachine(d);

  it('e820: the 20-byte records of etc/e820 and a listing of them', () => {
    const out = buildExport('e820', d, r);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const expected = [...u64(0xfd00000000n), ...u64(0x300000000n), ...u32(2), ...u64(0n), ...u64(0x10000000n), ...u32(1)];
    expect(out.file?.name).toBe('e820.bin');
    expect(Array.from(out.file!.data as Uint8Array)).toEqual(expected);
    // hex columns as wide as the widest value (the last byte 0xffffffffff: 10 digits)
    expect(out.text).toContain('0x000  0xfd00000000  0xffffffffff  0x0300000000  2 RESERVED');
    expect(out.text).toContain('0x014  0x0000000000  0x000fffffff  0x0010000000  1 RAM');
  });

  it('srat: none without NUMA nodes, and it says why', () => {
    const out = buildExport('srat', d, r);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.message).toMatch(/no NUMA nodes/);
  });

  it('json: the saved document, named after the design, loads back to the same document', () => {
    const out = buildExport('json', d, r);
    expect(out.ok && out.file?.name).toBe('test.json');
    if (!out.ok) return;
    const back = loadDocument(out.text);
    expect(back.ok && back.doc).toEqual(canonicalDocument(d));
    expect(JSON.parse(out.text)).toMatchObject({ format: 'memory-map-designer', version: 1, name: 'test' });
  });

  it('qemu and argv: the shell text and the JSON array', () => {
    const q = buildExport('qemu', d, r);
    expect(q.ok && q.text).toBe('qemu-system-x86_64 \\\n  -machine q35 \\\n  -m 256M\n');
    const a = buildExport('argv', d, r);
    expect(a.ok && JSON.parse(a.text)).toEqual(['qemu-system-x86_64', '-machine', 'q35', '-m', '256M']);
  });

  it('srat with NUMA: SRAT.bin is the table, and the text is iasl style', () => {
    const n = doc('-machine q35 -m 1G -object memory-backend-ram,id=r0,size=1G -numa node,nodeid=0,memdev=r0');
    const out = buildExport('srat', n, computeMachine(n));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const bytes = out.file!.data as Uint8Array;
    expect(out.file!.name).toBe('SRAT.bin');
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('SRAT');
    // the table length field equals the bytes given
    expect(bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24)).toBe(bytes.length);
    // every byte sums to zero modulo 256 (the checksum is filled in)
    expect(bytes.reduce((s, b) => (s + b) & 0xff, 0)).toBe(0);
    expect(out.text).toContain('[System Resource Affinity Table]');
  });

  it('libvirt: XML named after the design', () => {
    const out = buildExport('libvirt', d, r);
    expect(out.ok && out.file?.name).toBe('test.xml');
    expect(out.ok && out.text).toContain('<name>test</name>');
  });
});

describe('exports of a design QEMU refuses', () => {
  const d = doc('-machine q35 -m 1G,slots=2,maxmem=512M');
  const r = computeMachine(d);

  it('formats that need the layout give QEMU’s message instead', () => {
    for (const f of ['qemu', 'libvirt', 'srat', 'e820'] as const) {
      const out = buildExport(f, d, r);
      expect(out.ok).toBe(false);
      if (out.ok) continue;
      expect(out.refusedByQemu).toBe(true);
      expect(out.message).toContain('maximum memory size (0x20000000) must be at least the initial memory size (0x40000000)');
    }
  });

  it('argv and json export what was written', () => {
    const a = buildExport('argv', d, r);
    expect(a.ok && JSON.parse(a.text)).toEqual(['qemu-system-x86_64', '-machine', 'q35', '-m', '1G,slots=2,maxmem=512M']);
    expect(buildExport('json', d, r).ok).toBe(true);
  });
});

describe('E820 listing', () => {
  it('shows an empty entry without a last byte', () => {
    expect(formatE820Listing([{ address: 0x1000n, length: 0n, type: 1 }])).toContain('0x000  0x1000  -       0x0000  1 RAM');
  });
});

describe('options that reach the host', () => {
  // a shared design carrying an option that runs a host command, another that writes a host file, and one that
  // touches nothing on the host
  const d = doc('-machine q35 -m 1G -incoming exec:cat -pidfile /tmp/q.pid -nographic');
  const r = computeMachine(d);

  it('the exports that carry the options list each one first in their notes, as written, and export it unchanged', () => {
    for (const f of ['qemu', 'argv', 'libvirt', 'json'] as const) {
      const out = buildExport(f, d, r);
      expect(out.ok, f).toBe(true);
      if (!out.ok) continue;
      expect(out.notes.slice(0, 2), f).toEqual([
        '-incoming exec:cat — runs this host command and takes the guest state QEMU starts from (an incoming migration) from its output: cat',
        "-pidfile /tmp/q.pid — writes QEMU's process id to this host file: /tmp/q.pid",
      ].map((n) => HOST_ACCESS_NOTE + n));
      expect(out.notes.join('\n'), f).not.toContain('-nographic —');
    }
    const shell = buildExport('qemu', d, r);
    expect(shell.ok && shell.text).toContain('-incoming exec:cat');
    const argv = buildExport('argv', d, r);
    expect(argv.ok && JSON.parse(argv.text)).toEqual(['qemu-system-x86_64', '-machine', 'q35', '-m', '1G', '-incoming', 'exec:cat', '-pidfile', '/tmp/q.pid', '-nographic']);
    const xml = buildExport('libvirt', d, r);
    expect(xml.ok && xml.text).toContain("<qemu:arg value='exec:cat'/>");
  });

  it('the tables carry no options and say nothing about them', () => {
    for (const f of ['srat', 'e820'] as const) {
      const out = buildExport(f, d, r);
      if (out.ok) expect(out.notes.some((n) => n.startsWith(HOST_ACCESS_NOTE))).toBe(false);
    }
  });

  it('a design QEMU refuses still lists them in the exports it makes (argv, json)', () => {
    const bad = doc('-machine q35 -m 1G,slots=2,maxmem=512M -incoming exec:cat');
    const rr = computeMachine(bad);
    for (const f of ['argv', 'json'] as const) {
      const out = buildExport(f, bad, rr);
      expect(out.ok && out.notes[0]).toMatch(/^host access: -incoming exec:cat/);
    }
  });

  it('a memory backend file is a modelled option that reaches the host', () => {
    const nv = doc('-machine q35,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=nv0,size=1G,mem-path=/tmp/nv0,share=on -device nvdimm,id=d0,memdev=nv0');
    const out = buildExport('libvirt', nv, computeMachine(nv));
    expect(out.ok && out.notes[0]).toMatch(/^host access: -object memory-backend-file,id=nv0,.* — backs guest memory with this host file/);
  });
});

describe('the verify command beside the command line exports', () => {
  it('is the CLI verify command with the same options, quoted as the QEMU export quotes them', () => {
    const r = parseQemuArgs(['-machine', 'q35', '-m', '2G', '-name', 'my vm'], 'v');
    if (!r.ok) throw new Error('bad test line');
    const d = r.doc;
    const res = computeMachine(d);
    // written out by hand: the command on one line, then one option per line, as the QEMU export writes them
    const expected = "npm run --silent cli -- verify -- \\\n  -machine q35 \\\n  -m 2G \\\n  -name 'my vm'\n";
    for (const format of ['qemu', 'argv'] as const) {
      const out = buildExport(format, d, res);
      expect(out.ok && out.verify).toBe(expected);
    }
    const shell = buildExport('qemu', d, res);
    // the options after the command's first line are those of the QEMU export
    if (shell.ok) expect(shell.verify!.slice(shell.verify!.indexOf('\n'))).toBe(shell.text.slice(shell.text.indexOf('\n')));
  });

  it('is offered for a design QEMU refuses too (in the argv export), since verify reports the refusal', () => {
    const d = doc('-machine q35 -m 2G,slots=1 -object memory-backend-ram,id=m0,size=1G -device pc-dimm,memdev=m0');
    const res = computeMachine(d);
    expect(res.error).not.toBeNull();
    const out = buildExport('argv', d, res);
    expect(out.ok && out.verify).toBe(
      'npm run --silent cli -- verify -- \\\n  -machine q35 \\\n  -m 2G,slots=1 \\\n  -object memory-backend-ram,id=m0,size=1G \\\n  -device pc-dimm,memdev=m0\n',
    );
  });
});
