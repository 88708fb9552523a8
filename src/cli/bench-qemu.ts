/**
 * Timing of a real-QEMU capture (start QEMU paused, read etc/e820 + SRAT + memory devices, quit), as the
 * reference point for the core's speed. Run directly (`npx tsx src/cli/bench-qemu.ts [runs]`) it also compares
 * the capture methods: fw_cfg with DMA (the harness default), fw_cfg by port I/O, and SeaBIOS + guest memory.
 */
import { pathToFileURL } from 'node:url';
import { captureQemu, findQemus, type CaptureOptions } from './qemu/capture.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Median wall time (ms) of `runs` captures of `args` on real QEMU, or null when no suitable QEMU is installed.
 * Uses QEMU 11.1 when available (required for sp-mem), else Debian's 7.2.
 */
export async function measureQemuCapture(
  args: string[],
  runs: number,
  opts: CaptureOptions & { version?: '7.2' | '11.1' } = {},
): Promise<{ medianMs: number } | null> {
  const q = findQemus();
  const needs111 = args.some((a) => a.startsWith('sp-mem'));
  const bin = opts.version === '7.2' ? q.qemu72 : opts.version === '11.1' ? q.qemu111 : (q.qemu111 ?? (needs111 ? null : q.qemu72));
  if (!bin) return null;
  const times: number[] = [];
  for (let i = 0; i < Math.max(1, runs); i++) {
    const t = performance.now();
    await captureQemu(bin, args, opts);
    times.push(performance.now() - t);
  }
  return { medianMs: Math.round(median(times) * 10) / 10 };
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 9);
  const configs: Record<string, string> = {
    'q35 2 nodes + dimm (G1)':
      '-machine q35 -smp 2,sockets=2 -m 4G,slots=2,maxmem=8G -object memory-backend-ram,id=r0,size=3G -object memory-backend-ram,id=r1,size=1G -numa node,memdev=r0 -numa node,memdev=r1 -object memory-backend-ram,id=m0,size=1G -device pc-dimm,id=d0,memdev=m0,node=1',
    'pc 256 slots': '-machine pc -m 1G,slots=256,maxmem=2G',
  };
  const methods: Record<string, CaptureOptions> = {
    'fw_cfg DMA (default)': {},
    'fw_cfg port I/O': { useDma: false },
    'SeaBIOS + pmemsave': { sratVia: 'seabios' },
  };
  for (const version of ['7.2', '11.1'] as const) {
    for (const [cname, c] of Object.entries(configs)) {
      for (const [mname, m] of Object.entries(methods)) {
        const r = await measureQemuCapture(c.split(' '), runs, { ...m, version });
        console.log(`QEMU ${version}  ${cname.padEnd(26)} ${mname.padEnd(22)} ${r ? `${r.medianMs} ms` : 'no QEMU'}`);
      }
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
