/**
 * QEMU's JSON option syntax. Every expected message was printed by real QEMU 11.1.3 (the sid chroot of
 * .ci/qemu-sid.sh) and, where said, Debian's 7.2.22, run as
 *   qemu-system-x86_64 -accel tcg -display none -nodefaults -S -qmp stdio -M pc -m 1G <the arguments shown>
 * (for -device: `-m 1G,slots=2,maxmem=4G -object memory-backend-ram,id=m,size=1G` in front).
 */
import { describe, expect, it } from 'vitest';
import { editJsonOptionText, isJsonOption, parseQemuJson, qdictOrder, readJsonOption } from './json-options.ts';
import { parseQemuArgs } from './cmdline-parse.ts';
import { formatQemuArgs } from './cmdline-format.ts';
import { formatQemuError } from '../base/index.ts';
import { setDeviceAddr, setDeviceNode, patchOption, type ConfigDocument, type DocOption } from '../document/index.ts';
import { computeMachine } from '../machine/index.ts';
import { exportQemuShell, importQemuText } from '../io/index.ts';

const words = (s: string) => s.trim().split(/\s+/);

/** QEMU's stderr line for the arguments, as the CLI prints it ('accepted' when QEMU starts). */
function qemuSays(args: string[], qemuVersion: '11.1' | '7.2' = '11.1'): string {
  const p = parseQemuArgs(args, 'test', { qemuVersion });
  if (!p.ok) return formatQemuError(p.error);
  const r = computeMachine(p.doc, { qemuVersion });
  return r.error ? formatQemuError(r.error) : 'accepted';
}

const withoutSource = (o: DocOption) => {
  const { flag: _f, text: _t, ...rest } = o as DocOption & { flag?: string; text?: string };
  return rest;
};

const HOTPLUG = words('-M pc -m 1G,slots=2,maxmem=4G -object memory-backend-ram,id=m,size=1G');

describe("QEMU 11.1's JSON reader (qobject/json-lexer.c, json-parser.c, json-streamer.c, qjson.c)", () => {
  // -object TEXT: each message as QEMU 11.1 printed it after `-object TEXT: `
  const recorded: Array<[string, string]> = [
    ['{"qom-type":"memory-backend-ram","id":"m","size":0x10}', "1:52: JSON parse error, expected ',' or '}'"],
    ['{"qom-type":"memory-backend-ram","id":"m","size":1073741824', '1:61: JSON parse error, premature end of input'],
    ['{', '1:2: JSON parse error, premature end of input'],
    ['{"qom-type":', '1:13: JSON parse error, premature end of input'],
    ['{"qom-type" "x"}', "1:13: JSON parse error, expecting ':'"],
    ['{qom-type:"x"}', '1:2: JSON parse error, expecting key'],
    ['{"a":1,}', '1:8: JSON parse error, expecting key'],
    ['{"a":1}}', 'Expecting at most one JSON value'],
    ['{"a":1} x', 'Expecting at most one JSON value'],
    ['{"a":1}{', 'Expecting at most one JSON value'],
    ['{"a":tru}', "1:6: JSON parse error, invalid keyword 'tru'"],
    ['{"a":TRUE}', "1:6: JSON parse error, stray 'T'"],
    ['{"a":[1,2}', "1:11: JSON parse error, expected ',' or ']'"],
    ['{"a":[1 2]}', "1:9: JSON parse error, expected ',' or ']'"],
    ['{"a":[1,]}', '1:9: JSON parse error, expecting value'],
    ['{"a":{]}', '1:7: JSON parse error, expecting key'],
    ['{"a":"\\x"}', '1:6: JSON parse error, invalid escape sequence in string'],
    ['{"a":"abc', `1:6: JSON parse error, stray '"abc'`],
    ['{"a":01}', "1:6: JSON parse error, stray '01'"],
    ['{"a":+1}', "1:6: JSON parse error, stray '+'"],
    ['{"a":1.}', "1:6: JSON parse error, stray '1.}'"],
    ['{"a":1.5e+}', "1:6: JSON parse error, stray '1.5e+}'"],
    ['{"a":-}', "1:6: JSON parse error, stray '-}'"],
    ['{"a":%d}', "1:6: JSON parse error, stray '%'"],
    ['{1:2}', '1:2: JSON parse error, expecting key'],
    ['{"a":1,"a":2}', '1:12: JSON parse error, duplicate key'],
    ['{"a":{"b":1,"b":2}}', '1:17: JSON parse error, duplicate key'],
    ['{"a":"\\ud800"}', '1:6: JSON parse error, \\ud800 is not a valid Unicode character'],
    ['{"a":"\\ud83dx"}', '1:6: JSON parse error, \\ud83d is not a valid Unicode character'],
    ['{"a":"\\ufffe"}', '1:6: JSON parse error, \\ufffe is not a valid Unicode character'],
    ['{"a":"\\u12"}', '1:6: JSON parse error, \\u12" is not a valid Unicode character'],
    ['{"a":"\ufffe"}', '1:6: JSON parse error, invalid UTF-8 sequence in string'],
    ['{"a":"x\ty"}', `1:6: JSON parse error, stray '"x\t'`],
    // a token right after a number or keyword is placed one column on (the lexer's column quirk)
    ['{"a":1]', "1:8: JSON parse error, expected ',' or '}'"],
    ['{"a":1 ]', "1:8: JSON parse error, expected ',' or '}'"],
    ['{"a":12345]', "1:12: JSON parse error, expected ',' or '}'"],
    ['{"a":[]]', "1:8: JSON parse error, expected ',' or '}'"],
    ['{"a":1\u0001}', "1:8: JSON parse error, stray '\u0001'"],
    // columns count bytes, lines start at 1
    ['{"a":"é"]', "1:10: JSON parse error, expected ',' or '}'"],
    ['{\n"a":1]', "2:7: JSON parse error, expected ',' or '}'"],
    ['{\n  "a":1\n  ]', "3:3: JSON parse error, expected ',' or '}'"],
    ['{"a":1,\n', '2:1: JSON parse error, premature end of input'],
  ];
  it.each(recorded)('%j → %s', (text, message) => {
    const r = parseQemuJson(text);
    expect(r.ok ? 'accepted' : r.message).toBe(message);
    expect(qemuSays(['-object', text])).toBe(`-object ${text}: ${message}`);
  });

  // QEMU 7.2 (the recursive parser of json-parser.c over json-streamer.c's queue; no position)
  const recorded72: Array<[string, string]> = [
    ['{', 'JSON parse error, premature EOI'],
    ['{"a":1,\n', 'JSON parse error, premature EOI'],
    ['{"qom-type":"memory-backend-ram","id":"m","size":0x10}', 'JSON parse error, expected separator in dict'],
    ['{"a":1]', 'JSON parse error, expected separator in dict'],
    ['{"qom-type" "x"}', 'JSON parse error, missing : in object pair'],
    ['{"a"}', 'JSON parse error, missing : in object pair'],
    ['{qom-type:"x"}', "JSON parse error, stray '-t'"],
    ['{"a":1,}', 'JSON parse error, expecting value'],
    ['{:1}', 'JSON parse error, expecting value'],
    ['{"a":{]}', 'JSON parse error, expecting value'],
    ['{"a":[,1]}', 'JSON parse error, expecting value'],
    ['{1:2}', 'JSON parse error, key is not a string in object'],
    ['{"a":[1,2}', 'JSON parse error, expected separator in list'],
    ['{"a":[1 2]}', 'JSON parse error, expected separator in list'],
    ['{"a":1,"a":2}', 'JSON parse error, duplicate key'],
    ['{"a":tru}', "JSON parse error, invalid keyword 'tru'"],
    ['{"a":"abc', `JSON parse error, stray '"abc'`],
    ['{"a":"\\ud800"}', 'JSON parse error, \\ud800 is not a valid Unicode character'],
    ['{"a":1}}', 'Expecting at most one JSON value'],
    ['{"a":1} x', 'Expecting at most one JSON value'],
  ];
  it.each(recorded72)('QEMU 7.2: %j → %s', (text, message) => {
    expect(qemuSays(['-object', text], '7.2')).toBe(`-object ${text}: ${message}`);
  });

  it("reads QEMU's extensions and JSON's number kinds", () => {
    const r = parseQemuJson(`{'a':'"','b':"\\'",'c':[1,-2,18446744073709551615,18446744073709551616,1.5,1e3],"d":"\\ud83d\\ude00\\/","e":null,"f":true}`);
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.kind !== 'object') return;
    const m = Object.fromEntries(r.value.members.map((x) => [x.key, x.value]));
    expect(m.a).toMatchObject({ kind: 'string', value: '"' });
    expect(m.b).toMatchObject({ kind: 'string', value: "'" });
    expect(m.d).toMatchObject({ kind: 'string', value: '😀/' });
    expect(m.e).toMatchObject({ kind: 'null' });
    expect(m.f).toMatchObject({ kind: 'bool', value: true });
    const c = m.c!;
    expect(c.kind === 'array' && c.items.map((i) => (i.kind === 'number' ? `${i.text}:${i.qnum}` : ''))).toEqual([
      '1:int',
      '-2:int',
      '18446744073709551615:uint',
      '18446744073709551616:double',
      '1.5:double',
      '1e3:double',
    ]);
  });
});

describe('-object memory-backend-* in JSON', () => {
  it('reads into the same document option as key=value, values as QEMU text', () => {
    const pairs: Array<[string, string]> = [
      ['{"qom-type":"memory-backend-ram","id":"m0","size":1073741824,"share":true,"prealloc":false}', 'memory-backend-ram,id=m0,size=1073741824,share=on,prealloc=off'],
      ['{"qom-type":"memory-backend-file","id":"f0","mem-path":"/tmp/mmd-mem","size":2097152,"align":2097152}', 'memory-backend-file,id=f0,mem-path=/tmp/mmd-mem,size=2097152,align=2097152'],
      ['{"qom-type":"memory-backend-memfd","id":"h0","size":4194304,"hugetlb":true,"hugetlbsize":2097152}', 'memory-backend-memfd,id=h0,size=4194304,hugetlb=on,hugetlbsize=2097152'],
      // what libvirt writes; members the designer does not model go to `extra`, lists as their JSON text
      ['{"qom-type":"memory-backend-ram","id":"ram-node0","size":1073741824,"host-nodes":[0],"policy":"bind"}', 'memory-backend-ram,id=ram-node0,size=1073741824,host-nodes=[0],policy=bind'],
    ];
    for (const [json, kv] of pairs) {
      const a = parseQemuArgs(['-object', json]);
      const b = parseQemuArgs(['-object', kv]);
      expect(a.ok && b.ok).toBe(true);
      if (!a.ok || !b.ok) continue;
      expect(withoutSource(a.doc.options[0]!)).toEqual(withoutSource(b.doc.options[0]!));
      expect(a.doc.options[0]).toMatchObject({ flag: '-object', text: json });
      expect(isJsonOption(a.doc.options[0]!)).toBe(true);
      expect(isJsonOption(b.doc.options[0]!)).toBe(false);
    }
  });

  it('keeps a JSON number as its text, a negative one wrapped to uint64 as QEMU reads it', () => {
    const r = readJsonOption('object', '{"qom-type":"memory-backend-ram","id":"m","size":18446744073709551615}');
    expect(r.kind === 'option' && r.option).toMatchObject({ size: '18446744073709551615' });
    // `"size":-0`: QEMU 11.1 and 7.2: "property 'size' of memory-backend-ram doesn't take value '0'"
    expect(qemuSays(['-object', '{"qom-type":"memory-backend-ram","id":"m","size":-0}'])).toBe("property 'size' of memory-backend-ram doesn't take value '0'");
  });

  it("refuses what QEMU's visitor refuses, member by member in schema order (11.1 and 7.2 alike)", () => {
    const O = (s: string) => `{"qom-type":"memory-backend-ram","id":"m",${s}}`;
    const F = (s: string) => `{"qom-type":"memory-backend-file","id":"m","size":1048576,"mem-path":"/tmp",${s}}`;
    const recorded: Array<[string, string]> = [
      [O('"size":"1G"'), "Parameter 'size' expects uint64"],
      [O('"size":1073741824.0'), "Parameter 'size' expects uint64"],
      [O('"size":1e9'), "Parameter 'size' expects uint64"],
      [O('"size":18446744073709551616'), "Parameter 'size' expects uint64"],
      [O('"size":null'), "Parameter 'size' expects uint64"],
      [O('"size":1073741824,"share":"on"'), "Invalid parameter type for 'share', expected: boolean"],
      [O('"size":1073741824,"share":1'), "Invalid parameter type for 'share', expected: boolean"],
      [O('"size":1073741824,"bogus":1'), "Parameter 'bogus' is unexpected"],
      [O('"size":1,"host-nodes":0'), "Invalid parameter type for 'host-nodes', expected: array"],
      [O('"size":1,"host-nodes":["0"]'), "Parameter 'host-nodes[0]' expects uint64"],
      [O('"size":1,"host-nodes":[65536]'), "Parameter 'null' expects uint16_t"],
      [O('"size":1,"policy":"foo"'), "Parameter 'policy' does not accept value 'foo'"],
      [O('"size":1,"policy":1'), "Invalid parameter type for 'policy', expected: string"],
      [O('"size":1,"prealloc-threads":4294967296'), "Parameter 'prealloc-threads' expects uint32_t"],
      [O('"share":"x","size":"x"'), "Invalid parameter type for 'share', expected: boolean"],
      [O('"zzz":1,"share":"x"'), "Invalid parameter type for 'share', expected: boolean"],
      [O('"size":1,"x-use-canonical-path-for-ramblock-id":"x","reserve":"x","prealloc-context":1,"prealloc-threads":"x","prealloc":"x"'), "Invalid parameter type for 'prealloc', expected: boolean"],
      ['{"qom-type":"memory-backend-ram","id":"m"}', "Parameter 'size' is missing"],
      ['{"qom-type":"memory-backend-file","id":"m","size":1048576}', "Parameter 'mem-path' is missing"],
      ['{"qom-type":"memory-backend-file","id":"m","align":"x","dump":"x"}', "Invalid parameter type for 'dump', expected: boolean"],
      [F('"rom":"x"'), "Parameter 'rom' does not accept value 'x'"],
      ['{"qom-type":"memory-backend-ram","size":1073741824}', "Parameter 'id' is missing"],
      ['{"qom-type":"memory-backend-ram","id":1,"size":1}', "Invalid parameter type for 'id', expected: string"],
      ['{"id":"m","size":1073741824}', "Parameter 'qom-type' is missing"],
      ['{"qom-type":1,"id":"m","size":1}', "Invalid parameter type for 'qom-type', expected: string"],
      ['{}', "Parameter 'qom-type' is missing"],
    ];
    for (const [text, message] of recorded) expect(qemuSays(['-object', text])).toBe(`-object ${text}: ${message}`);
    // QEMU 7.2 has no offset= (QEMU 7.2: "Parameter 'offset' is unexpected")
    expect(qemuSays(['-object', F('"offset":"2M"')])).toBe(`-object ${F('"offset":"2M"')}: Parameter 'offset' expects uint64`);
    expect(qemuSays(['-object', F('"offset":2097152')], '7.2')).toBe(`-object ${F('"offset":2097152')}: Parameter 'offset' is unexpected`);
  });

  it('refuses at creation, without naming the option, an id that is no identifier or that another object has', () => {
    const idHint = "Parameter 'id' expects an identifier\nIdentifiers consist of letters, digits, '-', '.', '_', starting with a letter.";
    expect(qemuSays(['-object', '{"qom-type":"memory-backend-ram","id":"1m","size":1048576}'])).toBe(idHint);
    const dup = "attempt to add duplicate property 'm' to object (type 'container')";
    const j = '{"qom-type":"memory-backend-ram","id":"m","size":1048576}';
    expect(qemuSays(['-object', 'memory-backend-ram,id=m,size=1M', '-object', j])).toBe(dup);
    expect(qemuSays(['-object', j, '-object', 'memory-backend-ram,id=m,size=1M'])).toBe(dup);
    expect(qemuSays(['-object', j, '-object', j])).toBe(dup);
    expect(qemuSays(['-object', '{"qom-type":"secret","id":"m","data":"x"}', '-object', j])).toBe(dup);
    // key=value twice stays QemuOpts' (the machine model's) message
    expect(qemuSays(['-object', 'memory-backend-ram,id=m,size=1M', '-object', 'memory-backend-ram,id=m,size=1M'])).toBe(
      "-object memory-backend-ram,id=m,size=1M: Duplicate ID 'm' for object",
    );
  });

  it('keeps other qom-types verbatim, after the checks every object gets', () => {
    const secret = '{"qom-type":"secret","id":"masterKey0","format":"raw","file":"/var/lib/libvirt/qemu/master-key.aes"}';
    const r = parseQemuArgs(['-object', secret]);
    expect(r.ok && r.doc.options).toEqual([{ kind: 'raw', args: ['-object', secret] }]);
    expect(qemuSays(['-object', '{"qom-type":"secret"}'])).toBe(`-object {"qom-type":"secret"}: Parameter 'id' is missing`);
    // a leading space makes it key=value text (QEMU: "Parameter 'qom-type' does not accept value ' {"a":1}'"): not read here
    expect(readJsonOption('object', ' {"a":1}').kind).toBe('not-json');
  });
});

describe('-device pc-dimm|nvdimm|sp-mem in JSON', () => {
  const dimm = '{"driver":"pc-dimm","node":0,"memdev":"m","id":"dimm0","slot":0,"addr":4294967296}';

  it('reads into the same document option as key=value', () => {
    const a = parseQemuArgs([...HOTPLUG, '-device', dimm]);
    const b = parseQemuArgs([...HOTPLUG, '-device', 'pc-dimm,node=0,memdev=m,id=dimm0,slot=0,addr=4294967296']);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    const { extra: _e, ...kv } = withoutSource(b.doc.options[3]!) as { extra?: unknown };
    expect(withoutSource(a.doc.options[3]!)).toEqual(kv);
    expect(computeMachine(a.doc).layout?.devices).toEqual(computeMachine(b.doc).layout?.devices);
    // a non-string id is no id (QEMU 11.1 and 7.2 start with `"id":5`)
    expect(qemuSays([...HOTPLUG, '-device', '{"driver":"pc-dimm","id":5,"memdev":"m"}'])).toBe('accepted');
  });

  it("refuses a property of the wrong JSON type in QEMU's QDict order", () => {
    // QDict order of the keys (tdb_hash % 512): label-size 13, memdev 42, uuid 148, unarmed 209, addr 216,
    // size 318, slot 350, node 359
    expect(qdictOrder(['node', 'slot', 'addr', 'memdev', 'size', 'label-size'].map((key) => ({ key }))).map((m) => m.key)).toEqual([
      'label-size',
      'memdev',
      'addr',
      'size',
      'slot',
      'node',
    ]);
    const D = (s: string) => `{"driver":"pc-dimm","id":"d","memdev":"m",${s}}`;
    const recorded: Array<[string, string]> = [
      [D('"addr":"4294967296"'), "Parameter 'addr' expects uint64"],
      [D('"addr":"0x100000000"'), "Parameter 'addr' expects uint64"],
      [D('"node":"0"'), "Parameter 'node' expects uint64"],
      [D('"node":0.0'), "Parameter 'node' expects uint64"],
      [D('"node":-1'), "Parameter 'node' expects uint32_t"],
      [D('"node":4294967296'), "Parameter 'node' expects uint32_t"],
      [D('"slot":"1"'), "Invalid parameter type for 'slot', expected: integer"],
      [D('"slot":2147483648'), "Parameter 'slot' expects int32_t"],
      [D('"slot":-2'), 'invalid slot number -2, valid range is [0-1]'],
      [D('"node":"x","slot":"x","addr":"x"'), "Parameter 'addr' expects uint64"],
      [D('"slot":"x","node":"x"'), "Invalid parameter type for 'slot', expected: integer"],
      [D('"size":1073741824'), "Property 'pc-dimm.size' is not writable"],
      [D('"bogus":1'), "Property 'pc-dimm.bogus' not found"],
      ['{"driver":"pc-dimm","id":"d","memdev":1}', "Invalid parameter type for 'memdev', expected: string"],
      ['{"driver":"pc-dimm","id":"d","memdev":"nope","node":"x"}', "Device 'nope' not found"],
      ['{"driver":"pc-dimm","memdev":"m","addr":true}', "Parameter 'addr' expects uint64"],
      ['{"id":"d","memdev":"m"}', "Parameter 'driver' is missing"],
      ['{"driver":5,"id":"d","memdev":"m"}', "Parameter 'driver' is missing"],
      ['{"driver":"nvdimm","id":"d","memdev":"m","unarmed":"x","label-size":"x"}', "Parameter 'label-size' expects uint64"],
      ['{"driver":"pc-dimm","id":"d","memdev":"m"', '1:42: JSON parse error, premature end of input'],
    ];
    for (const [text, message] of recorded) expect(qemuSays([...HOTPLUG, '-device', text]), text).toBe(`-device ${text}: ${message}`);
  });

  it('refuses an ill-formed id (11.1; 7.2 takes any) and an id another device has', () => {
    const bad = '{"driver":"pc-dimm","id":"1d","memdev":"m"}';
    expect(qemuSays([...HOTPLUG, '-device', bad])).toBe(`-device ${bad}: Invalid qdev ID '1d'`);
    const HP2 = [...HOTPLUG, '-object', 'memory-backend-ram,id=m2,size=1G'];
    const j1 = '{"driver":"pc-dimm","id":"d","memdev":"m"}';
    const j2 = '{"driver":"pc-dimm","id":"d","memdev":"m2"}';
    expect(qemuSays([...HP2, '-device', j1, '-device', j2])).toBe(`-device ${j2}: Duplicate device ID 'd'`);
    expect(qemuSays([...HP2, '-device', 'pc-dimm,id=d,memdev=m', '-device', j2])).toBe(`-device ${j2}: Duplicate device ID 'd'`);
    // QEMU creates the key=value devices first: the JSON one is the second of that id
    expect(qemuSays([...HP2, '-device', j1, '-device', 'pc-dimm,id=d,memdev=m2'])).toBe(`-device ${j1}: Duplicate device ID 'd'`);
  });

  it('keeps other drivers verbatim (their JSON syntax checked)', () => {
    const usb = '{"driver":"piix3-usb-uhci","id":"usb","bus":"pci.0","addr":"0x1.0x2"}';
    const r = parseQemuArgs(['-device', usb]);
    expect(r.ok && r.doc.options).toEqual([{ kind: 'raw', args: ['-device', usb] }]);
    expect(qemuSays(['-device', '{"driver":"e1000",}'])).toBe('-device {"driver":"e1000",}: 1:19: JSON parse error, expecting key');
  });
});

describe('writing JSON back', () => {
  const backend = '{"qom-type":"memory-backend-ram","id":"m","size":1073741824,"share":true,"host-nodes":[0],"policy":"bind","prealloc":false}';
  const dimm = '{"driver":"pc-dimm","node":0,"memdev":"m","id":"dimm0","slot":0,"addr":4294967296}';
  const doc = (): ConfigDocument => {
    const r = parseQemuArgs(['-M', 'pc', '-m', '1G,slots=2,maxmem=4G', '-object', backend, '-device', dimm]);
    if (!r.ok) throw new Error(r.error.message);
    return r.doc;
  };

  it('writes the text as given while nothing changed', () => {
    expect(formatQemuArgs(doc())).toEqual(['-M', 'pc', '-m', '1G,slots=2,maxmem=4G', '-object', backend, '-device', dimm]);
  });

  it('after a move in the designer, writes the JSON with the changed members only', () => {
    let d = setDeviceAddr(doc(), 3, 0x140000000n);
    expect(formatQemuArgs(d).at(-1)).toBe('{"driver":"pc-dimm","node":0,"memdev":"m","id":"dimm0","slot":0,"addr":5368709120}');
    d = setDeviceNode(d, 3, 1);
    expect(formatQemuArgs(d).at(-1)).toBe('{"driver":"pc-dimm","node":1,"memdev":"m","id":"dimm0","slot":0,"addr":5368709120}');
    // back to automatic placement: addr= dropped with its comma
    expect(formatQemuArgs(setDeviceAddr(doc(), 3, null)).at(-1)).toBe('{"driver":"pc-dimm","node":0,"memdev":"m","id":"dimm0","slot":0}');
    // a member added goes last
    const r = parseQemuArgs([...HOTPLUG, '-device', '{"driver":"sp-mem", "memdev":"m"}']);
    if (!r.ok) throw new Error(r.error.message);
    expect(formatQemuArgs(setDeviceNode(r.doc, 3, 0)).at(-1)).toBe('{"driver":"sp-mem", "memdev":"m","node":0}');
  });

  it('writes each value as JSON of its type, and keeps the unmodelled members as written', () => {
    const d = patchOption(doc(), 2, { size: '2G', share: 'off', prealloc: undefined });
    expect(formatQemuArgs(d)[5]).toBe('{"qom-type":"memory-backend-ram","id":"m","size":2147483648,"share":false,"host-nodes":[0],"policy":"bind"}');
    // what the designer writes reads back to what it says
    const again = parseQemuArgs(formatQemuArgs(d));
    expect(again.ok && again.doc.options[2]).toMatchObject({ size: '2147483648', share: 'off', extra: [['host-nodes', '[0]'], ['policy', 'bind']] });
    expect(again.ok && formatQemuArgs(again.doc)).toEqual(formatQemuArgs(d));
  });

  it('edits inside pretty-printed JSON without touching the rest', () => {
    const text = '{ "driver": "pc-dimm",\n  "id": "d0",\n  "memdev": "m",\n  "addr": 4294967296 }';
    const before = readJsonOption('device', text);
    if (before.kind !== 'option' || before.option.kind !== 'device') throw new Error('not read');
    expect(editJsonOptionText(text, before.option, { ...before.option, addr: '0x180000000' })).toBe(
      '{ "driver": "pc-dimm",\n  "id": "d0",\n  "memdev": "m",\n  "addr": 6442450944 }',
    );
    const { addr: _a, ...noAddr } = before.option;
    expect(editJsonOptionText(text, before.option, noAddr)).toBe('{ "driver": "pc-dimm",\n  "id": "d0",\n  "memdev": "m" }');
    const { id: _i, memdev: _m, ...bare } = noAddr;
    expect(editJsonOptionText(text, before.option, bare)).toBe('{ "driver": "pc-dimm" }');
  });
});

describe("QEMU's hash orders", () => {
  it('reports the unexpected member GLib iterates first (QEMU 11.1 and 7.2)', () => {
    // "zzz" both ways round: Parameter 'zzz' is unexpected
    for (const text of [
      '{"qom-type":"memory-backend-ram","id":"m","size":1048576,"zzz":1,"aaa":1}',
      '{"qom-type":"memory-backend-ram","id":"m","size":1048576,"aaa":1,"zzz":1}',
    ]) {
      expect(qemuSays(['-object', text])).toBe(`-object ${text}: Parameter 'zzz' is unexpected`);
    }
    // 7.2 has neither offset nor rom: "Parameter 'rom' is unexpected"
    const f = '{"qom-type":"memory-backend-file","id":"m","size":1048576,"mem-path":"/tmp","offset":2097152,"rom":"x"}';
    expect(qemuSays(['-object', f], '7.2')).toBe(`-object ${f}: Parameter 'rom' is unexpected`);
    expect(qemuSays(['-object', f])).toBe(`-object ${f}: Parameter 'rom' does not accept value 'x'`);
  });
});

describe('the shell export and the import', () => {
  it('single-quotes JSON values, and a libvirt-style command line imports to the same options', () => {
    const text = [
      "qemu-system-x86_64 -machine pc,usb=off -m size=1048576k,slots=2,maxmem=4194304k \\",
      `-object '{"qom-type":"memory-backend-ram","id":"m","size":536870912}' \\`,
      `-device '{"driver":"pc-dimm","node":0,"memdev":"m","id":"dimm0","slot":0}' \\`,
      `-device '{"driver":"virtio-balloon-pci","id":"balloon0","bus":"pci.0","addr":"0x2"}'`,
    ].join('\n');
    const r = importQemuText(text);
    if (!r.ok) throw new Error(r.message);
    expect(r.doc.options.map((o) => o.kind)).toEqual(['machine', 'memory', 'object', 'device', 'raw']);
    const shell = exportQemuShell(r.doc);
    expect(shell).toContain(`  -object '{"qom-type":"memory-backend-ram","id":"m","size":536870912}' \\\n`);
    const again = importQemuText(shell);
    expect(again.ok && again.argv).toEqual(r.argv);
    // a JSON refusal names the option and its line
    const bad = importQemuText(`qemu-system-x86_64 -m 1G \\\n  -object '{"qom-type":"memory-backend-ram","id":"m","size":"1G"}'`);
    expect(bad).toMatchObject({ ok: false, line: 2, message: `-object {"qom-type":"memory-backend-ram","id":"m","size":"1G"}: Parameter 'size' expects uint64 (line 2, column 3)` });
  });
});
