/**
 * The guest view's NUMA section for an HBM accelerator design: numactl -H distances and the memory tiers, computed
 * by hand from the SLIT, the HMAT and the kernel's rules (and seen on Linux 6.1 and 7.2 guests of this very design,
 * src/core/testdata/guest/ovmf-linux{6.1,7.2}-hmat-gi):
 *  - PXM 0: CPUs + 1 GiB; PXM 1: an sp-mem HBM (512 MiB), memory only; PXM 2: an accelerator (generic initiator).
 *  - Linux numbers the CPU and generic-initiator PXMs first: PXM 0 → node 0, PXM 2 → node 1, PXM 1 → node 2.
 *  - SLIT: dist(0,1) = 17, dist(0,2) = 20, dist(1,2) = 15, so node 0–1 = 20, node 0–2 = 17, node 1–2 = 15.
 *  - HMAT from the CPU node: DRAM 100 ns / 20480 MB/s, HBM 150 ns / 102400 MB/s: abstract distance
 *    576 × 300/200 = 864, × 40960/204800 = 172 (integer division) → memory_tier1 (172 >> 7); DRAM stays at
 *    576 → memory_tier4. Before Linux 6.7 kmem gives 5 × 576 = 2880 → memory_tier22.
 */
import { expect, test } from './fixtures.ts';
import { importText } from './io-helpers.ts';

const lb = (i: number, t: number, kind: string, v: string) => `-numa hmat-lb,initiator=${i},target=${t},hierarchy=memory,data-type=access-${kind},${kind}=${v}`;
const LINE = [
  'qemu-system-x86_64 -nodefaults -machine q35,hmat=on -smp 2 -m 1G,slots=2,maxmem=4G',
  '-object memory-backend-ram,id=m0,size=1G -object memory-backend-ram,id=hbm,size=512M',
  '-numa node,nodeid=0,memdev=m0,cpus=0-1 -numa node,nodeid=1,initiator=0 -numa node,nodeid=2',
  '-device sp-mem,id=hbm0,memdev=hbm,node=1 -device virtio-net-pci,id=acc0 -object acpi-generic-initiator,id=gi0,pci-dev=acc0,node=2',
  '-numa dist,src=0,dst=1,val=17 -numa dist,src=0,dst=2,val=20 -numa dist,src=1,dst=2,val=15',
  lb(0, 0, 'latency', '100'), lb(0, 1, 'latency', '150'), lb(2, 0, 'latency', '200'), lb(2, 1, 'latency', '50'),
  lb(0, 0, 'bandwidth', '20G'), lb(0, 1, 'bandwidth', '100G'), lb(2, 0, 'bandwidth', '10G'), lb(2, 1, 'bandwidth', '400G'),
].join(' ');

test('numactl distances and memory tiers of an HBM accelerator, per kernel', async ({ designer, page }) => {
  await designer.open();
  await importText(page, LINE);
  await expect(page.getByTestId('import-dialog')).toBeHidden();
  await designer.settled();
  await page.getByTestId('deck-tab-guest').click();
  await page.getByTestId('guest-firmware').selectOption('ovmf');
  await page.getByTestId('guest-kernel').selectOption('7.x');
  const lines = (id: string) => page.getByTestId(id).locator('[role=option]');

  // while device-dax: the HBM node is offline; the generic-initiator node is online without memory
  await expect(lines('guest-numactl-devdax')).toContainText(['available: 2 nodes (0-1)']);
  await expect(lines('guest-numactl-devdax').filter({ hasText: /^node\s+0\s+1\s*$/ })).toHaveCount(1);
  await expect(lines('guest-numactl-devdax').filter({ hasText: /^\s+1:\s+20\s+10\s*$/ })).toHaveCount(1);
  // once kmem onlined it: three nodes, the SLIT through Linux's numbering
  const kmem = lines('guest-numactl-kmem');
  await expect(kmem.first()).toHaveText('available: 3 nodes (0-2)');
  for (const row of [/^node\s+0\s+1\s+2\s*$/, /^\s+0:\s+10\s+20\s+17\s*$/, /^\s+1:\s+20\s+10\s+15\s*$/, /^\s+2:\s+17\s+15\s+10\s*$/, /^node 2 size: 512 MB$/]) {
    await expect(kmem.filter({ hasText: row })).toHaveCount(1);
  }
  await expect(lines('guest-tiers-kmem')).toHaveText([
    '/sys/devices/virtual/memory_tiering/memory_tier1/nodelist:2',
    '/sys/devices/virtual/memory_tiering/memory_tier4/nodelist:0',
  ]);
  await expect(lines('guest-tiers-devdax')).toHaveText(['/sys/devices/virtual/memory_tiering/memory_tier4/nodelist:0']);
  await expect(page.getByTestId('guest-node-tiers')).toContainText('= 172');
  await expect(lines('guest-numa-dmesg')).toHaveText(['acpi/hmat: Memory Flags:0001 Processor Domain:0 Memory Domain:0']);
  // Linux 7.x's e820 dump: reworded, with gap lines
  await expect(lines('guest-dmesg').filter({ hasText: /^BIOS-e820: \[gap 0x00000000000a0000-0x00000000000fffff\]$/ })).toHaveCount(1);

  // before 6.3 (6.1): no HMAT-based tiers, the HMAT lines in full
  await page.getByTestId('guest-kernel').selectOption('pre-6.3');
  await expect(lines('guest-tiers-kmem')).toHaveText([
    '/sys/devices/virtual/memory_tiering/memory_tier22/nodelist:2',
    '/sys/devices/virtual/memory_tiering/memory_tier4/nodelist:0',
  ]);
  await expect(lines('guest-numa-dmesg').filter({ hasText: 'Initiator-Target[0-1]:150 nsec' })).toHaveCount(1);
  await expect(lines('guest-numa-dmesg').filter({ hasText: 'Initiator-Target[2-1]:409600 MB/s' })).toHaveCount(1);
});
