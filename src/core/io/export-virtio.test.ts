/**
 * The virtio memory devices in the exports: libvirt's <memory model='virtio-mem'> / 'virtio-pmem' elements
 * (sizes in KiB written by hand: 2 GiB = 2097152, 2 MiB = 2048, 512 MiB = 524288), passing through with the
 * address pinned by memaddr= when libvirt would reorder, and the command line kept word for word.
 */
import { describe, expect, it } from 'vitest';
import { parseQemuArgs, formatQemuArgs } from '../syntax/index.ts';
import { exportLibvirtXml } from './export-libvirt.ts';

const BASE = '-M q35 -m 2G,slots=4,maxmem=16G -object memory-backend-ram,id=r0,size=2G -numa node,memdev=r0';

function parse(line: string) {
  const p = parseQemuArgs(line.trim().split(/\s+/));
  if (!p.ok) throw new Error('parse');
  return p.doc;
}

describe('virtio memory devices in the exports', () => {
  it('libvirt: virtio-mem and virtio-pmem as <memory> devices, in the design order', () => {
    const r = exportLibvirtXml(
      parse(
        `${BASE} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1,requested-size=512M -object memory-backend-ram,id=m2,size=1G -device pc-dimm,id=d,memdev=m2 -object memory-backend-file,id=f1,size=1G,mem-path=/srv/p.img,share=on -device virtio-pmem-pci,id=p,memdev=f1,memaddr=0x300000000`,
      ),
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.xml).toContain(
      [
        "    <memory model='virtio-mem'>",
        '      <target>',
        "        <size unit='KiB'>2097152</size>",
        '        <node>0</node>',
        "        <block unit='KiB'>2048</block>",
        "        <requested unit='KiB'>524288</requested>",
        '      </target>',
        '    </memory>',
        "    <memory model='dimm'>",
      ].join('\n'),
    );
    expect(r.xml).toContain(
      [
        "    <memory model='virtio-pmem' access='shared'>",
        '      <source>',
        '        <path>/srv/p.img</path>',
        '      </source>',
        '      <target>',
        "        <size unit='KiB'>1048576</size>",
        "        <address base='0x300000000'/>",
        '      </target>',
        '    </memory>',
      ].join('\n'),
    );
    // <memory> counts RAM and every device libvirt manages: 2 + 2 + 1 + 1 GiB
    expect(r.xml).toContain("<memory unit='KiB'>6291456</memory>");
    expect(r.xml).not.toContain('qemu:commandline');
  });

  it('libvirt: a virtio-mem with a property libvirt has no place for is passed through, pinned with memaddr=', () => {
    const r = exportLibvirtXml(
      parse(`${BASE} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1,bus=pcie.0 -object memory-backend-ram,id=m2,size=1G -device pc-dimm,id=d,memdev=m2`),
    );
    if (!r.ok) throw new Error(r.message);
    // v first fit at the window base 0x100000000; the dimm after it at 0x180000000, pinned too
    expect(r.xml).toContain("<qemu:arg value='virtio-mem-pci,id=v,memdev=m1,bus=pcie.0,memaddr=0x100000000'/>");
    expect(r.xml).toContain("<address type='dimm' slot='0' base='0x180000000'/>");
    expect(r.notes).toContain("virtio-mem-pci 'v' is passed through <qemu:commandline>: its bus has no place in <memory model='virtio-mem'>");
  });

  it('command line: the device comes back word for word', () => {
    const line = `${BASE} -object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=v,memdev=m1,node=0,requested-size=512M,block-size=2M,memaddr=0x100000000`;
    expect(formatQemuArgs(parse(line))).toEqual(line.split(/\s+/));
  });
});
