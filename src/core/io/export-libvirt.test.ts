/**
 * libvirt domain XML export: libvirt's own schema validator (`virt-xml-validate FILE domain`) on the export of
 * every preset and of generated designs; an independent XML parser (Python's ElementTree) reads the documents
 * back; hand-derived expectations for the `fragmented` preset; and a check that the order libvirt gives the
 * devices (its own `<memory>` devices first, `<qemu:commandline>` arguments after) yields the same tables.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQemuArgs } from '../syntax/index.ts';
import { computeMachine } from '../machine/index.ts';
import type { ConfigDocument, DocOption } from '../document/index.ts';
import { exportLibvirtXml } from './export-libvirt.ts';
import { importQemuText } from './import-text.ts';
import { PRESETS, presetDocument } from '../designer/index.ts';
import { arbMachineDocument } from '../testing/doc-arbitraries.ts';

const SEED = 20260406;
const dir = mkdtempSync(join(tmpdir(), 'mmd-libvirt-'));
let fileNo = 0;

function validate(xml: string): { ok: boolean; output: string } {
  const file = join(dir, `domain-${fileNo++}.xml`);
  writeFileSync(file, xml);
  const r = spawnSync('virt-xml-validate', [file, 'domain'], { encoding: 'utf8' });
  return { ok: r.status === 0, output: (r.stdout ?? '') + (r.stderr ?? '') };
}

interface ParsedDomain {
  type: string;
  name: string;
  memory: [string, string];
  maxMemory: [string, string, string] | null;
  vcpu: string;
  machine: string;
  cells: Array<{ id: string; cpus: string | null; memory: string; unit: string }>;
  devices: Array<{ model: string; size: string; unit: string; node: string | null; slot: string | null; base: string | null; path: string | null; label: string | null }>;
  args: string[];
}

/** Read domain XML with Python's ElementTree (a parser independent of the exporter). */
function parseDomains(xmls: string[]): ParsedDomain[] {
  const py = `
import json, sys, xml.etree.ElementTree as ET
Q = '{http://libvirt.org/schemas/domain/qemu/1.0}'
out = []
for text in json.load(sys.stdin):
    d = ET.fromstring(text)
    mm = d.find('maxMemory')
    devs = []
    for m in d.findall('devices/memory'):
        t = m.find('target')
        a = m.find('address')
        p = m.find('source/path')
        l = t.find('label/size')
        devs.append({'model': m.get('model'), 'size': t.find('size').text, 'unit': t.find('size').get('unit'),
                     'node': t.find('node').text if t.find('node') is not None else None,
                     'slot': a.get('slot') if a is not None else None, 'base': a.get('base') if a is not None else None,
                     'path': p.text if p is not None else None, 'label': l.text if l is not None else None})
    out.append({'type': d.get('type'), 'name': d.find('name').text,
                'memory': [d.find('memory').text, d.find('memory').get('unit')],
                'maxMemory': [mm.text, mm.get('unit'), mm.get('slots')] if mm is not None else None,
                'vcpu': d.find('vcpu').text, 'machine': d.find('os/type').get('machine'),
                'cells': [{'id': c.get('id'), 'cpus': c.get('cpus'), 'memory': c.get('memory'), 'unit': c.get('unit')} for c in d.findall('cpu/numa/cell')],
                'devices': devs,
                'args': [a.get('value') for a in d.findall(Q + 'commandline/' + Q + 'arg')]})
json.dump(out, sys.stdout)
`;
  const r = spawnSync('python3', ['-c', py], { input: JSON.stringify(xmls), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as ParsedDomain[];
}

function bytesOf(size: string, unit: string): bigint {
  return unit === 'KiB' ? BigInt(size) * 1024n : BigInt(size);
}

/**
 * The design as QEMU would get it from libvirt: the document's machine, CPU, memory and NUMA options (libvirt
 * writes its own equivalents), then libvirt's `<memory>` devices, then the pass-through arguments.
 */
function libvirtOrder(doc: ConfigDocument, d: ParsedDomain): ConfigDocument {
  const deviceBackends = new Set(doc.options.flatMap((o) => (o.kind === 'device' && o.memdev ? [o.memdev] : [])));
  const base: DocOption[] = doc.options.filter(
    (o) => o.kind !== 'device' && o.kind !== 'raw' && !(o.kind === 'object' && deviceBackends.has(o.id)),
  );
  const words: string[] = [];
  d.devices.forEach((m, k) => {
    const size = bytesOf(m.size, m.unit);
    const props = [m.node !== null ? `node=${m.node}` : null, m.slot !== null ? `slot=${m.slot}` : null, m.base !== null ? `addr=${m.base}` : null].filter(Boolean);
    if (m.model === 'nvdimm') {
      words.push('-object', `memory-backend-file,id=lv${k},size=${size},mem-path=${m.path!.replaceAll(',', ',,')},share=on`);
      words.push('-device', ['nvdimm', `memdev=lv${k}`, ...props, ...(m.label ? [`label-size=${m.label}K`] : [])].join(','));
    } else {
      words.push('-object', `memory-backend-ram,id=lv${k},size=${size}`);
      words.push('-device', ['pc-dimm', `memdev=lv${k}`, ...props].join(','));
    }
  });
  // pass-through: only the memory-relevant options matter for the tables
  const p = parseQemuArgs([...words, ...d.args]);
  if (!p.ok) throw new Error(`libvirt order does not parse: ${p.error.message}`);
  return { ...doc, options: [...base, ...p.doc.options.filter((o) => o.kind === 'object' || o.kind === 'device' || (o.kind === 'raw' && o.args[0] === '-device'))] };
}

/**
 * The tables as comparable values. With several NVDIMMs their SRAT entries are compared as a set: QEMU orders
 * them by its table of device ids, and under libvirt the ids of the devices it manages are libvirt's.
 */
function tables(doc: ConfigDocument): { error: string | null; srat: number[] | string[] | null; e820: number[] | null } {
  const r = computeMachine(doc);
  const bytes = r.layout?.srat?.bytes ?? null;
  const nvdimms = doc.options.filter((o) => o.kind === 'device' && o.driver === 'nvdimm').length;
  let srat: number[] | string[] | null = bytes ? [...bytes] : null;
  if (bytes && nvdimms >= 2) {
    const subtables: string[] = [];
    for (let o = 48; o < bytes.length; o += bytes[o + 1]!) subtables.push(Buffer.from(bytes.subarray(o, o + bytes[o + 1]!)).toString('hex'));
    srat = [Buffer.from(bytes.subarray(0, 48)).toString('hex'), ...subtables.sort()];
  }
  return { error: r.error?.message ?? null, srat, e820: r.layout ? [...r.layout.e820Bytes] : null };
}

describe('libvirt export', () => {
  const presetXml = PRESETS.map((p) => {
    const r = exportLibvirtXml(presetDocument(p.id)!);
    if (!r.ok) throw new Error(`${p.id}: ${r.message}`);
    return [p.id, r.xml, r.notes] as const;
  });

  it.each(presetXml)('preset %s validates against libvirt’s schema', (_id, xml) => {
    const v = validate(xml);
    expect(v.output).toContain('validates');
    expect(v.ok).toBe(true);
  });

  it.each(presetXml)('preset %s: libvirt’s device order gives the same tables', (id, xml) => {
    const doc = presetDocument(id)!;
    const [parsed] = parseDomains([xml]);
    expect(tables(libvirtOrder(doc, parsed!))).toEqual(tables(doc));
  });

  it('writes the fragmented preset as derived by hand', () => {
    const [, xml, notes] = presetXml.find(([id]) => id === 'fragmented')!;
    const [d] = parseDomains([xml]);
    // -m 4G,slots=4,maxmem=40G; two 2 GiB DIMMs libvirt manages; the 8 GiB sp-mem passed through
    expect(d).toEqual({
      type: 'qemu',
      name: 'fragmented',
      memory: [String((4 + 2 + 2) * 1024 * 1024), 'KiB'],
      maxMemory: [String(40 * 1024 * 1024), 'KiB', '4'],
      vcpu: '2',
      machine: 'q35',
      cells: [
        { id: '0', cpus: '0-1', memory: String(4 * 1024 * 1024), unit: 'KiB' },
        { id: '1', cpus: null, memory: '0', unit: 'KiB' },
      ],
      // q35 with 4 GiB: 2 GiB below 4 GiB, 2 GiB above up to 6 GiB = 0x180000000, where the window starts;
      // dimm0 there, the sp-mem (8 GiB) at 8 GiB, dimm1 after it at 16 GiB: all pinned, since the sp-mem
      // comes between the DIMMs and libvirt would add it last
      devices: [
        { model: 'dimm', size: String(2 * 1024 * 1024), unit: 'KiB', node: '0', slot: '0', base: '0x180000000', path: null, label: null },
        { model: 'dimm', size: String(2 * 1024 * 1024), unit: 'KiB', node: '0', slot: '1', base: '0x400000000', path: null, label: null },
      ],
      args: ['-object', 'memory-backend-ram,id=hbm0-mem,size=8G', '-device', 'sp-mem,id=hbm0,memdev=hbm0-mem,node=1,addr=0x200000000'],
    });
    expect(xml).toContain("xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'");
    expect(xml).toContain('<features>\n    <acpi/>');
    expect(notes.join('\n')).toContain('sp-mem has no libvirt device model');
  });

  it('does not pin addresses when libvirt keeps the design order', () => {
    const [, xml] = presetXml.find(([id]) => id === 'two-nodes-dimm')!;
    expect(xml).not.toContain('<address');
    expect(xml).not.toContain('qemu:commandline');
  });

  it('writes an NVDIMM with its file, access and label', () => {
    const r = importQemuText(
      "-machine q35,nvdimm=on -m 2G,slots=2,maxmem=8G -object 'memory-backend-file,id=nv0,size=1G,mem-path=/tmp/a <&>'\\''\",,b,share=on' -device nvdimm,id=nv0dev,memdev=nv0,label-size=128K",
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const x = exportLibvirtXml(r.doc);
    expect(x.ok).toBe(true);
    if (!x.ok) return;
    expect(validate(x.xml).ok).toBe(true);
    expect(x.xml).toContain("<memory model='nvdimm' access='shared'>");
    const [d] = parseDomains([x.xml]);
    expect(d!.devices).toEqual([{ model: 'nvdimm', size: String(1024 * 1024), unit: 'KiB', node: '0', slot: null, base: null, path: `/tmp/a <&>'",b`, label: '128' }]);
    expect(d!.args).toEqual([]); // nvdimm=on is implied by libvirt's nvdimm device
  });

  it('escapes and passes through unmodelled options and machine properties exactly', () => {
    const r = importQemuText(
      `-machine q35,max-ram-below-4g=2G -m 1G -drive 'file=/tmp/a b<c>&"d'\\''e,if=none' -append "console=ttyS0
root=/dev/vda	x" -nographic`,
      { name: "it's <my> \"VM\" & co" },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const x = exportLibvirtXml(r.doc);
    expect(x.ok).toBe(true);
    if (!x.ok) return;
    expect(validate(x.xml).ok).toBe(true);
    const [d] = parseDomains([x.xml]);
    expect(d!.name).toBe(`it's <my> "VM" & co`);
    expect(d!.args).toEqual([
      '-machine',
      'max-ram-below-4g=2G',
      '-drive',
      `file=/tmp/a b<c>&"d'e,if=none`,
      '-append',
      'console=ttyS0\nroot=/dev/vda\tx',
      '-nographic',
    ]);
    expect(x.notes.join('\n')).toContain('options the designer does not model are passed through <qemu:commandline>: -drive, -append, -nographic');
  });

  it('refuses a configuration QEMU rejects, with QEMU’s message', () => {
    const r = importQemuText('-machine q35 -m 4G,slots=2');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const x = exportLibvirtXml(r.doc);
    expect(x.ok).toBe(false);
    if (!x.ok) expect(x.message).toBe('slots specified but no max-size');
  });

  it('refuses characters XML cannot carry, naming where they are', () => {
    const r = importQemuText(`-m 1G -drive $'a\\x01b'`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const x = exportLibvirtXml(r.doc);
    expect(x).toEqual({ ok: false, message: "the argument 'a\\u0001b' contains the character U+0001, which XML cannot carry" });
  });

  it('writes C1 controls (U+0080–U+009F) and DEL as character references, which validate and read back as written', () => {
    const c1 = '\u0080\u0085\u009b\u009f\u007f';
    const r = importQemuText(`-machine q35,nvdimm=on -m 1G,slots=2,maxmem=4G -append $'a\\u0085b\\u009bc' -name $'x\\u0080y'`, {
      name: `vm${c1}name`,
    });
    if (!r.ok) throw new Error(r.message);
    // and in a file path that becomes an element (an NVDIMM's <source><path>)
    const parsedNv = parseQemuArgs(['-object', `memory-backend-file,id=nv0,size=1G,mem-path=/tmp/nv${c1},share=on`, '-device', 'nvdimm,id=d0,memdev=nv0']);
    if (!parsedNv.ok) throw new Error(parsedNv.error.message);
    const doc = { ...r.doc, options: [...r.doc.options, ...parsedNv.doc.options] };
    const x = exportLibvirtXml(doc);
    if (!x.ok) throw new Error(x.message);
    expect(x.xml).not.toMatch(/[\u007f-\u009f]/);
    expect(x.xml).toContain('<name>vm&#x80;&#x85;&#x9B;&#x9F;&#x7F;name</name>');
    expect(x.xml).toContain("<qemu:arg value='a&#x85;b&#x9B;c'/>");
    const v = validate(x.xml);
    expect(v.output).toContain('validates');
    expect(v.ok).toBe(true);
    const [d] = parseDomains([x.xml]);
    expect(d!.name).toBe(`vm${c1}name`);
    expect(d!.args).toContain('a\u0085b\u009bc');
    expect(d!.args).toContain('x\u0080y');
    expect(d!.devices[0]!.path).toBe(`/tmp/nv${c1}`);
  });

  it('leaves out a CPU vendor with control characters (and says so) instead of writing malformed XML', () => {
    for (const vendor of ['Authentic\u0001MD', 'AuthenticA\tD', 'Authentic\u0085MD', 'Authentic\u007fMD']) {
      const p = parseQemuArgs(['-machine', 'q35', '-m', '1G', '-cpu', `qemu64,vendor=${vendor}`]);
      if (!p.ok) throw new Error(p.error.message);
      const x = exportLibvirtXml(p.doc);
      if (!x.ok) {
        // refused, naming the vendor: also no malformed XML
        expect(x.message).toMatch(/vendor/);
        continue;
      }
      expect(x.xml).not.toContain('vendor_id');
      expect(x.xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
      expect(validate(x.xml).ok, vendor).toBe(true);
      expect(parseDomains([x.xml])).toHaveLength(1);
      expect(x.notes.find((n) => n.startsWith('the CPU vendor'))).toMatch(/\\u00(01|09|85|7f)/);
    }
  });

  it('cleans a name libvirt would refuse', () => {
    const r = importQemuText('-m 1G', { name: 'a/b\nc' });
    if (!r.ok) throw new Error(r.message);
    const x = exportLibvirtXml(r.doc);
    expect(x.ok && parseDomains([x.xml])[0]!.name).toBe('a-b c');
  });

  it('generated designs validate, read back exactly, and keep their tables in libvirt’s order (60)', () => {
    const docs = fc.sample(arbMachineDocument, { seed: SEED, numRuns: 400 }).filter((d) => computeMachine(d).error === null).slice(0, 60);
    expect(docs.length).toBe(60);
    const xmls = docs.map((doc) => {
      const r = exportLibvirtXml(doc);
      if (!r.ok) throw new Error(r.message);
      return r.xml;
    });
    for (const xml of xmls) {
      const v = validate(xml);
      if (!v.ok) throw new Error(`${v.output}\n${xml}`);
    }
    const parsed = parseDomains(xmls);
    docs.forEach((doc, k) => {
      const d = parsed[k]!;
      const plainName = doc.name.trim() !== '' && !/[/\n\r\t]/.test(doc.name) && doc.name.trim() === doc.name;
      if (plainName) expect(d.name).toBe(doc.name);
      // the unmodelled options, in order, at the end of the pass-through arguments
      const raw = doc.options.flatMap((o) => (o.kind === 'raw' ? o.args : []));
      expect(d.args.slice(d.args.length - raw.length)).toEqual(raw);
      // every backend path reaches libvirt unchanged (as <source><path> or in a pass-through -object)
      for (const o of doc.options) {
        if (o.kind === 'object' && o.memPath !== undefined) {
          const inXml = d.devices.some((m) => m.path === o.memPath) || d.args.some((a) => a.includes(`mem-path=${o.memPath!.replaceAll(',', ',,')}`));
          expect(inXml, o.memPath).toBe(true);
        }
      }
      expect(tables(libvirtOrder(doc, d))).toEqual(tables(doc));
    });
  });
});

describe('libvirt CPU element', () => {
  it('writes features, the vendor and phys-bits; leaves out properties that are not features', () => {
    const r = importQemuText('-machine q35 -m 1G -cpu Skylake-Server,vendor=AuthenticAMD,phys-bits=42,+avx2,-hle,x2apic=on,host-phys-bits=on,l3-cache=off');
    if (!r.ok) throw new Error(r.message);
    const x = exportLibvirtXml(r.doc);
    if (!x.ok) throw new Error(x.message);
    expect(validate(x.xml).ok).toBe(true);
    expect(x.xml).toContain(
      [
        "  <cpu mode='custom' match='exact' check='none'>",
        "    <model fallback='forbid' vendor_id='AuthenticAMD'>Skylake-Server</model>",
        "    <topology sockets='1' dies='1' cores='1' threads='1'/>",
        "    <feature policy='require' name='avx2'/>",
        "    <feature policy='disable' name='hle'/>",
        "    <feature policy='require' name='x2apic'/>",
        "    <maxphysaddr mode='emulate' bits='42'/>",
        '  </cpu>',
      ].join('\n'),
    );
    expect(x.notes).toContain("the CPU property 'host-phys-bits=on' has no libvirt equivalent here; it is left out");
    expect(x.notes).toContain("the CPU property 'l3-cache=off' has no libvirt equivalent here; it is left out");
  });

  it('uses mode maximum for -cpu max', () => {
    const r = importQemuText('-m 1G -cpu max');
    if (!r.ok) throw new Error(r.message);
    const x = exportLibvirtXml(r.doc);
    expect(x.ok && x.xml).toContain("<cpu mode='maximum' check='none'>");
  });
});
