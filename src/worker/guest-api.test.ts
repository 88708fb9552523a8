import { describe, expect, it } from 'vitest';
import { presetDocument } from '../core/designer/index.ts';
import { guestApi } from './guest-api.ts';

const fragmented = presetDocument('fragmented')!;

describe('guest api (worker side)', () => {
  it('inspects the window of the fragmented example', () => {
    // -m 4G on q35: 2 GiB below 4 GiB, 2 GiB above → window at 6 GiB, (40 − 4) + 4 slots × 1 GiB = 40 GiB long;
    // dimm0 [6G, 8G), hbm0 [8G, 16G), dimm1 [16G, 18G): the free space is [18G, 46G) = 28 GiB
    const r = guestApi.inspectWindow(fragmented);
    expect(r.error).toBeNull();
    expect(r.inspection!.figures!.base).toBe(0x180000000n);
    expect(r.inspection!.figures!.largestFreeHex).toBe('0x700000000');
  });

  it('reports QEMU refusing a document as text', () => {
    const doc = structuredClone(fragmented);
    const mem = doc.options.find((o) => o.kind === 'memory')!;
    if (mem.kind === 'memory') {
      mem.maxmem = '5G';
      delete mem.text;
    }
    const r = guestApi.inspectWindow(doc);
    expect(r.inspection).toBeNull();
    expect(r.error).toMatch(/not enough space|maxmem/);
  });

  it('the firmware decides whether soft reserved lines appear', () => {
    const ovmf = guestApi.guestView(fragmented, { firmware: 'ovmf', kernel: '6.3+', ovmfBuild: null });
    const seabios = guestApi.guestView(fragmented, { firmware: 'seabios', kernel: '6.3+', ovmfBuild: null });
    expect(ovmf.dmesgText).toContain('] soft reserved');
    expect(seabios.dmesgText).not.toContain('soft reserved');
    // the command line names no firmware: SeaBIOS
    expect(seabios.defaults!.firmware).toBe('seabios');
    expect(ovmf.queryMemoryDevices).toContain('"type": "sp-mem"');
  });

  it('learns about the first sp-mem by default; each way has its E820 type', () => {
    const r = guestApi.learnRange(fragmented, null, '6.3+');
    expect(r.selection).toMatchObject({ base: 0x200000000n, size: 0x200000000n, node: 1, id: 'hbm0' });
    expect(r.e820.spm.word).toBe('soft reserved');
    expect(r.e820.reserved.word).toBe('reserved');
    expect(r.e820.ram.word).toBe('usable');
    expect(r.learn!.ways.map((w) => w.way)).toEqual(['spm', 'reserved', 'ram']);
  });

  it('tour steps point at the first sp-mem block', () => {
    expect(guestApi.guidedTour(fragmented)[0]!.target).toBe('block-hbm0');
  });
});
