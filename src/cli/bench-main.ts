/**
 * `npm run bench`: medians of a full recompute (placement + SRAT + E820 + device info) for 8, 64 and 256 memory
 * devices on 64 NUMA nodes; the same configuration's capture time in real QEMU when it is installed, and the
 * ratio; then the browser figures when Chromium is there. Prints figures, asserts nothing.
 */
import { existsSync } from 'node:fs';
import { parseQemuArgs } from '../core/syntax/index.ts';
import { computeMachine } from '../core/machine/index.ts';
import type { ConfigDocument } from '../core/document/index.ts';

/** QEMU arguments for `devices` memory devices (half pc-dimm, half sp-mem) spread over 64 NUMA nodes. */
export function benchArgs(devices: number, nodes = 64): string[] {
  const dimms = Math.ceil(devices / 2);
  const args = [
    '-machine', 'q35',
    '-smp', `${nodes},sockets=${nodes}`,
    '-m', `4G,slots=${Math.max(1, dimms)},maxmem=${4 + devices}G`,
    '-object', 'memory-backend-ram,id=ram0,size=4G',
    '-numa', 'node,nodeid=0,memdev=ram0',
  ];
  for (let n = 1; n < nodes; n++) args.push('-numa', `node,nodeid=${n}`);
  for (let i = 0; i < devices; i++) {
    const driver = i % 2 === 0 ? 'pc-dimm' : 'sp-mem';
    args.push('-object', `memory-backend-ram,id=mem${i},size=1G`);
    args.push('-device', `${driver},id=dev${i},memdev=mem${i},node=${i % nodes}`);
  }
  return args;
}

export function benchDocument(devices: number): ConfigDocument {
  const p = parseQemuArgs(benchArgs(devices), `bench-${devices}`);
  if (!p.ok) throw new Error('bench document does not parse');
  return p.doc;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function measureRecompute(doc: ConfigDocument): number {
  const r = computeMachine(doc);
  if (r.error) throw new Error(`bench configuration rejected: ${r.error.message}`);
  // warm up, then time batches so that timer resolution does not dominate
  for (let i = 0; i < 50; i++) computeMachine(doc);
  const samples: number[] = [];
  const deadline = performance.now() + 1500;
  while (samples.length < 21 || (performance.now() < deadline && samples.length < 400)) {
    const batch = 5;
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) computeMachine(doc);
    samples.push((performance.now() - t0) / batch);
  }
  return median(samples);
}

async function main(): Promise<void> {
  const qemu = await import('./bench-qemu.ts').catch(() => null);
  for (const n of [8, 64, 256]) {
    const doc = benchDocument(n);
    const ms = measureRecompute(doc);
    console.log(`core.recompute.${n} median_ms=${ms.toFixed(4)}`);
    if (qemu) {
      const q = await qemu.measureQemuCapture(benchArgs(n), 3).catch(() => null);
      if (q) console.log(`qemu.capture.${n} median_ms=${q.medianMs.toFixed(1)} ratio=${(q.medianMs / ms).toFixed(0)}`);
    }
  }
  if (existsSync('/usr/bin/chromium')) {
    const ui = await import('../../e2e/bench-ui.ts').catch((e: unknown) => {
      console.log(`ui: browser figures unavailable (${(e as Error).message})`);
      return null;
    });
    if (ui) {
      const r = await ui.measureUi();
      console.log(`ui.drag.frame p95_ms=${r.frameP95Ms.toFixed(2)}`);
      console.log(`ui.worker.roundtrip p95_ms=${r.roundtripP95Ms.toFixed(2)}`);
      console.log(`ui.bundle gzip_kb=${r.bundleGzipKb.toFixed(1)}`);
    }
  } else {
    console.log('ui: /usr/bin/chromium is not installed (apt-get install -y chromium) — browser figures skipped');
  }
}

await main();
