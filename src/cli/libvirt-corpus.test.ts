/** libvirt's command lines: reading .args files as /bin/sh would, and the host-resource substitutions. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, categoryOf, loadCorpus, parseValue, readArgsFile, shellWords, substituteHostResources, type HostInfo } from './libvirt-corpus.ts';

const read = (name: string) => readArgsFile(fs.readFileSync(path.join(CORPUS_DIR, `${name}.args`), 'utf8'));
const noKvm: HostInfo = { kvm: false, hostNodes: [0] };
const kvm: HostInfo = { kvm: true, hostNodes: [0] };

/** The value following `flag` whose text contains `marker`. */
function valueOf(argv: string[], flag: string, marker: string): string | undefined {
  for (let i = 0; i + 1 < argv.length; i++) if (argv[i] === flag && argv[i + 1].includes(marker)) return argv[i + 1];
  return undefined;
}

describe('shellWords', () => {
  it('reads backslash-newline, single and double quotes and backslash escapes as /bin/sh does', () => {
    expect(shellWords("a \\\nb 'c d' \"e\\\"f\" g\\ h '{\"x\":1}'\n")).toEqual(['a', 'b', 'c d', 'e"f', 'g h', '{"x":1}']);
    expect(shellWords("x'y'z \"\" ''")).toEqual(['xyz', '', '']);
    expect(shellWords('"a\\b\\$"')).toEqual(['a\\b$']);
  });

  it('refuses what the shell would expand or treat specially', () => {
    expect(() => shellWords('a $HOME')).toThrow(/unquoted '\$'/);
    expect(() => shellWords('"a $HOME"')).toThrow(/would be expanded/);
    expect(() => shellWords("'open")).toThrow(/unterminated single quote/);
    expect(() => shellWords('a | b')).toThrow(/unquoted '\|'/);
  });
});

describe('readArgsFile', () => {
  it('splits memory-hotplug-nvdimm.args into environment, program and QEMU arguments', () => {
    const f = read('memory-hotplug-nvdimm');
    expect(f.env).toHaveLength(8);
    expect(f.env[0]).toEqual(['LC_ALL', 'C']);
    expect(f.env[2]).toEqual(['HOME', '/var/lib/libvirt/qemu/domain--1-QEMUGuest1']);
    expect(f.env[7]).toEqual(['XDG_CONFIG_HOME', '/var/lib/libvirt/qemu/domain--1-QEMUGuest1/.config']);
    expect(f.binary).toBe('/usr/bin/qemu-system-x86_64');
    // 29 options, 4 of them without an argument
    expect(f.argv).toHaveLength(54);
    expect(f.argv.slice(0, 3)).toEqual(['-name', 'guest=QEMUGuest1,debug-threads=on', '-S']);
    expect(f.argv.slice(-2)).toEqual(['-msg', 'timestamp=on']);
    expect(valueOf(f.argv, '-machine', 'pc')).toBe('pc,usb=off,dump-guest-core=off,nvdimm=on,acpi=off');
    expect(valueOf(f.argv, '-m', 'size')).toBe('size=1048576k,slots=16,maxmem=1099511627776k');
    expect(valueOf(f.argv, '-object', 'memnvdimm0')).toBe(
      '{"qom-type":"memory-backend-file","id":"memnvdimm0","mem-path":"/tmp/nvdimm","prealloc":true,"size":536870912}',
    );
    expect(valueOf(f.argv, '-device', 'nvdimm0')).toBe('{"driver":"nvdimm","node":0,"memdev":"memnvdimm0","id":"nvdimm0","slot":0}');
  });

  it('keeps a single-quoted value with a space as one word (cpu-host-model-vendor)', () => {
    const f = read('cpu-host-model-vendor');
    expect(valueOf(f.argv, '-cpu', 'Haswell')).toBe(
      'Haswell,vendor=Libvirt QEMU,vme=on,ds=on,acpi=on,ss=on,tm=on,pbe=on,dtes64=on,monitor=on,ds-cpl=on,vmx=on,smx=on,est=on,tm2=on,xtpr=on,pdcm=on,f16c=on,rdrand=on,pdpe1gb=on,abm=on,lahf-lm=on',
    );
  });

  it('reads every stored case, each with the provenance SOURCES.json gives', () => {
    const corpus = loadCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(120);
    const files = fs.readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.args'));
    expect(new Set(corpus.map((c) => c.file))).toEqual(new Set(files));
    for (const c of corpus) {
      expect(c.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(c.path).toMatch(new RegExp(`^tests/qemuxmlconfdata/${c.name.replace(/[.+]/g, '\\$&')}\\.x86_64-(latest|\\d+\\.\\d+\\.\\d+)\\.args$`));
      const f = readArgsFile(c.text);
      expect(f.binary).toBe('/usr/bin/qemu-system-x86_64');
      expect(f.env[0]).toEqual(['LC_ALL', 'C']);
      expect(f.argv[0]).toBe('-name');
    }
  });
});

describe('parseValue', () => {
  it('reads JSON and key=value lists (with the implied first key and ,, escapes)', () => {
    expect(parseValue('{"qom-type":"memory-backend-ram","id":"m","size":1}', 'qom-type')).toEqual({
      json: true,
      props: { 'qom-type': 'memory-backend-ram', id: 'm', size: 1 },
      order: ['qom-type', 'id', 'size'],
    });
    expect(parseValue('socket,id=c,path=/a,,b,server=on', 'backend').props).toEqual({ backend: 'socket', id: 'c', path: '/a,b', server: 'on' });
  });
});

describe('substituteHostResources', () => {
  it('memory-hotplug-dimm-addr: drops the host side, keeps every memory option, moves the hugepage path to tmpfs', () => {
    const f = read('memory-hotplug-dimm-addr');
    const s = substituteHostResources(f.argv, noKvm, '/T');
    for (const flag of ['-sandbox', '-msg', '-chardev', '-mon', '-blockdev']) expect(s.argv).not.toContain(flag);
    expect(valueOf(s.argv, '-object', 'secret')).toBeUndefined();
    expect(valueOf(s.argv, '-object', 'thread-context')).toBeUndefined();
    expect(valueOf(s.argv, '-device', 'ide-hd')).toBeUndefined();
    expect(valueOf(s.argv, '-object', 'memdimm0')).toBe(
      '{"qom-type":"memory-backend-file","id":"memdimm0","mem-path":"/T/dev/hugepages2M/libvirt/qemu/-1-QEMUGuest1","size":536870912}',
    );
    expect(s.dirs).toEqual(['/T/dev/hugepages2M/libvirt/qemu/-1-QEMUGuest1']);
    // untouched: machine, -m, -smp, -numa, the RAM backends, both pc-dimms
    for (const [flag, marker] of [
      ['-machine', 'pc'],
      ['-m', 'size'],
      ['-smp', '2'],
      ['-numa', 'node'],
      ['-object', 'ram-node0'],
      ['-object', 'memdimm2'],
      ['-device', 'dimm0'],
      ['-device', 'dimm2'],
      ['-cpu', 'qemu64'],
    ])
      expect(valueOf(s.argv, flag, marker)).toBe(valueOf(f.argv, flag, marker));
    expect(valueOf(s.argv, '-device', 'dimm0')).toBe('{"driver":"pc-dimm","node":0,"memdev":"memdimm0","id":"dimm0","slot":0,"addr":4294967296}');
    // secret, chardev, thread-context, blockdev, sandbox, msg, mon, memdimm0 rewritten, ide-hd
    expect(s.substitutions.map((x) => x.was.split(' ')[0])).toEqual([
      '-object',
      '-chardev',
      '-object',
      '-blockdev',
      '-sandbox',
      '-msg',
      '-mon',
      '-object',
      '-device',
    ]);
    expect(s.substitutions.every((x) => x.reason.length > 10)).toBe(true);
  });

  it('keeps -accel kvm only when KVM is usable', () => {
    const f = read('memory-hotplug-virtio-mem');
    expect(valueOf(substituteHostResources(f.argv, kvm, '/T').argv, '-accel', 'kvm')).toBe('kvm');
    const s = substituteHostResources(f.argv, noKvm, '/T');
    expect(valueOf(s.argv, '-accel', 'kvm')).toBeUndefined();
    expect(valueOf(s.argv, '-accel', 'tcg')).toBe('tcg');
    expect(s.substitutions.find((x) => x.was === '-accel kvm')).toMatchObject({ now: '-accel tcg' });
    // virtio-mem devices are left as they are
    expect(valueOf(s.argv, '-device', 'virtiomem1')).toBe(valueOf(f.argv, '-device', 'virtiomem1'));
  });

  it('drops host-nodes/policy only when the host lacks one of the nodes (numatune-memnode)', () => {
    const f = read('numatune-memnode');
    const one = substituteHostResources(f.argv, noKvm, '/T');
    expect(valueOf(one.argv, '-object', 'ram-node1')).toBe('{"qom-type":"memory-backend-ram","id":"ram-node1","size":676331520}');
    const four = substituteHostResources(f.argv, { kvm: false, hostNodes: [0, 1, 2, 3] }, '/T');
    expect(valueOf(four.argv, '-object', 'ram-node1')).toBe('{"qom-type":"memory-backend-ram","id":"ram-node1","size":676331520,"host-nodes":[0,1,2,3],"policy":"bind"}');
  });

  it('memfd: drops hugetlb, preallocation and host binding, keeps share and size (memfd-memory-numa)', () => {
    const s = substituteHostResources(read('memfd-memory-numa').argv, kvm, '/T');
    expect(valueOf(s.argv, '-object', '"ram-node0"')).toBe('{"qom-type":"memory-backend-memfd","id":"ram-node0","share":true,"size":15032385536}');
    expect(valueOf(s.argv, '-object', 'memnvdimm0')).toBe('{"qom-type":"memory-backend-file","id":"memnvdimm0","mem-path":"/T/tmp/nvdimm","share":true,"size":536870912}');
    expect(s.dirs).toEqual(['/T/tmp']);
  });

  it('acpi-generic-initiator: an emulated PCI device stands in for the host one the initiators name', () => {
    const f = read('acpi-generic-initiator');
    const s = substituteHostResources(f.argv, noKvm, '/T');
    expect(valueOf(s.argv, '-device', 'hostdev0')).toBe('{"driver":"pci-testdev","id":"hostdev0","bus":"pcie.0","addr":"0x2"}');
    expect(valueOf(s.argv, '-object', '"gi7"')).toBe('{"qom-type":"acpi-generic-initiator","id":"gi7","pci-dev":"hostdev0","node":8}');
  });

  it('drops a TPM emulator with its socket and device, keeps the pty serial (x86_64-q35-default-models)', () => {
    const s = substituteHostResources(read('x86_64-q35-default-models').argv, noKvm, '/T');
    expect(s.argv).not.toContain('-tpmdev');
    expect(valueOf(s.argv, '-device', 'tpm-tis')).toBeUndefined();
    expect(valueOf(s.argv, '-chardev', 'chrtpm')).toBeUndefined();
    expect(valueOf(s.argv, '-chardev', 'pty')).toBe('pty,id=charserial0');
    expect(valueOf(s.argv, '-device', 'isa-serial')).toBe('{"driver":"isa-serial","chardev":"charserial0","id":"serial0","index":0}');
  });

  it('drops an incoming migration (migrate-numa-unaligned) and direct kernel boot files (launch-security-sev-direct)', () => {
    expect(substituteHostResources(read('migrate-numa-unaligned').argv, noKvm, '/T').argv).not.toContain('-incoming');
    const sev = substituteHostResources(read('launch-security-sev-direct').argv, kvm, '/T').argv;
    for (const flag of ['-kernel', '-initrd', '-append', '-shim']) expect(sev).not.toContain(flag);
    expect(valueOf(sev, '-object', 'sev-guest')).toContain('"cbitpos":47');
  });

  it('SPICE: drops -spice and its channels, turns the SPICE audiodev into none, stands VGA in for a missing qxl-vga', () => {
    const f = read('q35-virt-manager-basic');
    const s = substituteHostResources(f.argv, { ...kvm, devices: new Set(['VGA', 'virtio-net-pci']) }, '/T');
    expect(s.argv).not.toContain('-spice');
    expect(valueOf(s.argv, '-chardev', 'spicevmc')).toBeUndefined();
    expect(valueOf(s.argv, '-device', 'usb-redir')).toBeUndefined();
    expect(valueOf(s.argv, '-device', 'com.redhat.spice.0')).toBeUndefined();
    expect(valueOf(s.argv, '-audiodev', 'audio1')).toBe('{"id":"audio1","driver":"none"}');
    expect(valueOf(s.argv, '-device', 'video0')).toBe('{"driver":"VGA","id":"video0","bus":"pcie.0","addr":"0x1"}');
    // a QEMU that has qxl-vga keeps it
    expect(valueOf(substituteHostResources(f.argv, kvm, '/T').argv, '-device', 'video0')).toBe(valueOf(f.argv, '-device', 'video0'));
  });

  it('leaves nothing of libvirt\'s host in any case', () => {
    for (const c of loadCorpus()) {
      const s = substituteHostResources(readArgsFile(c.text).argv, noKvm, '/T');
      const text = s.argv.join(' ');
      expect(text, c.name).not.toMatch(/(?<!\/T)\/var\/lib\/libvirt|\/dev\/HostVG|"mem-path":"\/dev\/hugepages|fd=[@\d]|timestamp=on|"qom-type":"memory-backend-[^}]*"prealloc"|-sandbox|-blockdev/);
      expect(s.argv).not.toContain('kvm');
    }
  });
});

describe('categoryOf', () => {
  it('sorts case names into categories', () => {
    expect(categoryOf('memory-hotplug-virtio-mem')).toBe('memory hotplug');
    expect(categoryOf('hugepages-numa-default-dimm')).toBe('memory backing');
    expect(categoryOf('memfd-memory-numa')).toBe('memory backing');
    expect(categoryOf('numatune-hmat')).toBe('NUMA/HMAT');
    expect(categoryOf('cpu-numa-disjoint')).toBe('NUMA/HMAT');
    expect(categoryOf('sgx-epc')).toBe('SGX/SEV/TSEG/PCI hole');
    expect(categoryOf('cpu-topology2')).toBe('CPU/topology');
    expect(categoryOf('x86_64-pc-minimal')).toBe('plain');
  });
});

describe("libvirt's JSON options through the designer's reader of QEMU's JSON", () => {
  it('reads every -object/-device JSON value libvirt writes, to the members JSON.parse sees', async () => {
    const { parseQemuJson } = await import('../core/syntax/index.ts');
    let count = 0;
    for (const c of loadCorpus()) {
      const { argv } = readArgsFile(c.text);
      for (let i = 0; i + 1 < argv.length; i++) {
        if ((argv[i] !== '-object' && argv[i] !== '-device') || !argv[i + 1]!.startsWith('{')) continue;
        const r = parseQemuJson(argv[i + 1]!);
        expect(r.ok, `${c.name}: ${argv[i + 1]}`).toBe(true);
        if (r.ok && r.value.kind === 'object') expect(r.value.members.map((m) => m.key)).toEqual(Object.keys(JSON.parse(argv[i + 1]!)));
        count++;
      }
    }
    expect(count).toBeGreaterThan(300);
  });

  it('reads the memory backends and DIMMs of memory-hotplug-nvdimm into the document, and writes them back as given', async () => {
    const { parseQemuArgs, formatQemuArgs } = await import('../core/syntax/index.ts');
    const { argv } = read('memory-hotplug-nvdimm');
    const p = parseQemuArgs(argv);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.doc.options.find((o) => o.kind === 'object' && o.id === 'memnvdimm0')).toMatchObject({
      qomType: 'memory-backend-file',
      memPath: '/tmp/nvdimm',
      prealloc: 'on',
      size: '536870912',
    });
    expect(p.doc.options.find((o) => o.kind === 'device' && o.id === 'nvdimm0')).toMatchObject({ driver: 'nvdimm', node: '0', memdev: 'memnvdimm0', slot: '0' });
    expect(formatQemuArgs(p.doc)).toEqual(argv);
  });
});
