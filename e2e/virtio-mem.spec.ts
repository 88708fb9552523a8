/**
 * virtio-mem-pci on the map: drawn as a block of its own colour in the hotplug window, placed where QEMU places
 * it, and moving the pc-dimm after it — when it is added before the DIMM and when it is dragged away. Expected
 * addresses are worked out here from QEMU's placement rules (hw/mem/memory-device.c first fit in -device order,
 * shared/docs/qemu-memory.md §2–§3) and match what real QEMU 7.2 and 11.1 report for these command lines
 * (src/cli/qemu-diff-cases-virtio.ts).
 */
import { expect, test, type DesignerPage } from './fixtures.ts';
import { importText } from './io-helpers.ts';

const GiB = 1n << 30n;
const MiB2 = 2n << 20n;
// q35 with 2 GiB of RAM: all of it below 4 GiB, so the window starts at 4 GiB (rounded up to 1 GiB)
const WINDOW_BASE = 4n * GiB;
const hex = (v: bigint) => '0x' + v.toString(16);

const MACHINE = `-M q35 -m 2G,slots=4,maxmem=16G \\
  -object memory-backend-ram,id=r0,size=1G -numa node,nodeid=0,memdev=r0 \\
  -object memory-backend-ram,id=r1,size=1G -numa node,nodeid=1,memdev=r1`;
const VMEM = `-object memory-backend-ram,id=m1,size=2G -device virtio-mem-pci,id=vm0,memdev=m1,node=0,requested-size=512M`;
const DIMM = `-object memory-backend-ram,id=m2,size=1G -device pc-dimm,id=d0,memdev=m2,node=1`;

async function load(designer: DesignerPage, text: string) {
  await importText(designer.page, text);
  await expect(designer.page.getByTestId('import-dialog')).toBeHidden();
  return designer.settled();
}

async function virtioText(designer: DesignerPage): Promise<string> {
  const doc = (await designer.doc()) as unknown as { options: Array<{ kind: string; args?: string[] }> };
  const o = doc.options.find((x) => x.kind === 'raw' && x.args?.[1]?.startsWith('virtio-mem-pci'));
  return o!.args![1]!;
}

test('a virtio-mem-pci is drawn in the window and the pc-dimm after it moves as QEMU moves it', async ({ designer, page }) => {
  await designer.open();
  // the DIMM alone: first fit at the window base
  const alone = await load(designer, `${MACHINE} \\\n  ${DIMM}`);
  expect(alone.error).toBeNull();
  expect(alone.devices.find((d) => d.id === 'd0')!.addr).toBe(hex(WINDOW_BASE));

  // with a 2 GiB virtio-mem before it: the virtio-mem takes the base, the DIMM the first 2 MiB-aligned spot after
  // its 2 GiB: 0x100000000 + 0x80000000 = 0x180000000
  const both = await load(designer, `${MACHINE} \\\n  ${VMEM} \\\n  ${DIMM}`);
  expect(both.error).toBeNull();
  const vm0 = both.devices.find((d) => d.id === 'vm0')!;
  expect(vm0).toMatchObject({ driver: 'virtio-mem-pci', addr: hex(WINDOW_BASE), size: hex(2n * GiB), node: 0, explicitAddr: false });
  expect(both.devices.find((d) => d.id === 'd0')!.addr).toBe(hex(WINDOW_BASE + 2n * GiB));
  // nothing about virtio-mem being unmodelled
  expect(both.diagnostics.some((m) => /virtio.*not modelled/.test(m))).toBe(false);

  // drawn: a block of its own kind and colour in lane 0, named in full for assistive technology
  const block = designer.block('vm0');
  await expect(block).toHaveClass(/block-virtio-mem-pci/);
  await expect(block).toHaveAttribute('aria-label', /^virtio-mem vm0, 2 GiB at 0x100000000, node 0, placed automatically/);
  await expect(designer.blockBody('vm0')).toHaveCSS('fill', 'rgb(15, 111, 122)');
  const lane0 = await designer.lane(0).locator('rect.lane-bg').boundingBox();
  const c0 = await designer.centre(designer.blockBody('vm0'));
  expect(c0.y).toBeGreaterThan(lane0!.y);
  expect(c0.y).toBeLessThan(lane0!.y + lane0!.height);
  await expect(page.locator('.legend')).toContainText('virtio-mem');

  // drag it to the right along the axis: it gets memaddr= past its old place, and the DIMM (no addr=) takes the
  // window base it leaves, where 1 GiB fits before the virtio-mem
  const body = await designer.blockBody('vm0').boundingBox();
  await designer.drag(c0, Math.round(body!.width * 1.5), 0);
  const moved = await designer.settled();
  const vmMoved = moved.devices.find((d) => d.id === 'vm0')!;
  const at = BigInt(vmMoved.addr);
  expect(vmMoved.explicitAddr).toBe(true);
  expect(at >= WINDOW_BASE + GiB).toBe(true);
  expect(at % MiB2).toBe(0n);
  expect(await virtioText(designer)).toBe(`virtio-mem-pci,id=vm0,memdev=m1,node=0,requested-size=512M,memaddr=${hex(at)}`);
  expect(moved.devices.find((d) => d.id === 'd0')!.addr).toBe(hex(WINDOW_BASE));
  await expect(designer.block('vm0')).toHaveAttribute('data-addr', hex(at));

  // one undo step puts both back
  await page.getByTestId('undo').click();
  const back = await designer.settled();
  expect(back.devices.find((d) => d.id === 'vm0')!.addr).toBe(hex(WINDOW_BASE));
  expect(back.devices.find((d) => d.id === 'd0')!.addr).toBe(hex(WINDOW_BASE + 2n * GiB));
  expect(await virtioText(designer)).toBe('virtio-mem-pci,id=vm0,memdev=m1,node=0,requested-size=512M');
});

test('dragging a virtio-mem-pci to another lane writes node= into its option', async ({ designer }) => {
  await designer.open();
  await load(designer, `${MACHINE} \\\n  ${VMEM} \\\n  ${DIMM}`);
  const from = await designer.centre(designer.blockBody('vm0'));
  const target = await designer.lane(1).locator('rect.lane-bg').boundingBox();
  await designer.drag(from, 0, Math.round(target!.y + target!.height / 2) - from.y);
  const r = await designer.settled();
  expect(r.devices.find((d) => d.id === 'vm0')!.node).toBe(1);
  expect(await virtioText(designer)).toBe('virtio-mem-pci,id=vm0,memdev=m1,node=1,requested-size=512M');
});

test('+ virtio-mem and + virtio-pmem in the palette add a device QEMU places after the DIMM', async ({ designer, page }) => {
  await designer.open();
  await load(designer, `${MACHINE} \\\n  ${DIMM}`);
  await page.getByTestId('palette-size').fill('2G');
  await page.getByTestId('add-virtio-mem-pci').click();
  // (each + is checked with the core before it is added)
  await expect.poll(async () => (await designer.settled()).devices.some((d) => d.driver === 'virtio-mem-pci')).toBe(true);
  const r = await designer.settled();
  expect(r.error).toBeNull();
  // by hand: d0 (1 GiB) at the window base 0x100000000; the new 2 GiB virtio-mem (block-size 2 MiB) first fit after
  // it, 0x140000000
  const added = r.devices.find((d) => d.driver === 'virtio-mem-pci')!;
  expect(added.addr).toBe(hex(WINDOW_BASE + GiB));
  expect(added.size).toBe(hex(2n * GiB));
  await expect(designer.block(added.id!)).toHaveClass(/block-virtio-mem-pci/);
  // a virtio-pmem on a 1 GiB file backend: after the virtio-mem, 0x1c0000000 (real QEMU 11.1.3 places both so:
  // `cli verify` on these options finds them identical)
  await page.getByTestId('palette-size').fill('1G');
  await page.getByTestId('add-virtio-pmem-pci').click();
  await expect.poll(async () => (await designer.settled()).devices.some((d) => d.driver === 'virtio-pmem-pci')).toBe(true);
  const r2 = await designer.settled();
  expect(r2.error).toBeNull();
  const pmem = r2.devices.find((d) => d.driver === 'virtio-pmem-pci')!;
  expect(pmem.addr).toBe(hex(WINDOW_BASE + 3n * GiB));
  await expect(designer.block(pmem.id!)).toHaveClass(/block-virtio-pmem-pci/);
});
