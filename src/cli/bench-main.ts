/**
 * `npm run bench`: medians of a full recompute (placement + SRAT + E820 + device info), for 8, 64 and 256 memory
 * devices (half pc-dimm, half sp-mem) and for 1,024 and 4,096 sp-mem devices, all on 64 NUMA nodes; each both
 * warm and cold:
 *
 * - warm (`core.recompute.N`): the same document again and again, as while a design is edited;
 * - cold (`core.recompute.cold.N`): a fresh copy of the document each time (new option objects, as a first load
 *   or an import gives), the engine itself warmed up on other copies first. The core keeps no per-option caches
 *   (each recompute reads every option once), so the two differ only by what the JIT and the allocator make of a
 *   document already seen.
 *
 * Then the growth from 1,024 to 4,096 devices (per-device cost at 4,096 over that at 1,024: 1.00 is linear), the
 * same configurations' capture time in real QEMU when it is installed (8/64/256) and the ratio, and the browser
 * figures when Chromium is there. Targets are printed next to the figures; the bench asserts nothing.
 */
import { existsSync } from 'node:fs';
import { parseQemuArgs } from '../core/syntax/index.ts';
import { computeMachine } from '../core/machine/index.ts';
import type { ConfigDocument } from '../core/document/index.ts';

/** Targets for the cold recompute (ms), printed next to the figures. */
export const COLD_TARGET_MS: Readonly<Record<number, number>> = { 256: 0.5, 4096: 8 };

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

/**
 * QEMU arguments for `devices` sp-mem devices of 1 GiB over 64 NUMA nodes: beyond QEMU's 256 DIMM slots, which
 * sp-mem does not take. 46 physical address bits hold the 4 TiB of 4,096 of them.
 */
export function benchSpMemArgs(devices: number, nodes = 64): string[] {
  const args = [
    '-machine', 'q35',
    '-cpu', 'qemu64,phys-bits=46',
    '-smp', `${nodes},sockets=${nodes}`,
    '-m', `4G,maxmem=${4 + devices}G`,
    '-object', 'memory-backend-ram,id=ram0,size=4G',
    '-numa', 'node,nodeid=0,memdev=ram0',
  ];
  for (let n = 1; n < nodes; n++) args.push('-numa', `node,nodeid=${n}`);
  for (let i = 0; i < devices; i++) {
    args.push('-object', `memory-backend-ram,id=mem${i},size=1G`);
    args.push('-device', `sp-mem,id=dev${i},memdev=mem${i},node=${i % nodes}`);
  }
  return args;
}

function documentOf(args: string[], name: string): ConfigDocument {
  const p = parseQemuArgs(args, name);
  if (!p.ok) throw new Error(`bench document ${name} does not parse: ${p.error.message}`);
  return p.doc;
}

export function benchDocument(devices: number): ConfigDocument {
  return documentOf(benchArgs(devices), `bench-${devices}`);
}

export function benchSpMemDocument(devices: number): ConfigDocument {
  return documentOf(benchSpMemArgs(devices), `bench-spmem-${devices}`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** ms per recompute of the same document, after a warm-up (batches, so that timer resolution does not dominate) */
export function measureWarm(doc: ConfigDocument): number {
  const r = computeMachine(doc);
  if (r.error) throw new Error(`bench configuration rejected: ${r.error.message}`);
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

/**
 * ms per recompute of a document never seen before: each timed call gets its own deep copy (structuredClone: new
 * option objects, same values), made before the clock starts. The engine is warmed up on other copies first,
 * so this is a first load's or an import's cost once the worker is running, not the JIT's.
 */
export function measureCold(doc: ConfigDocument): number {
  for (let i = 0; i < 20; i++) computeMachine(structuredClone(doc));
  const samples: number[] = [];
  const deadline = performance.now() + 1500;
  while (samples.length < 21 || (performance.now() < deadline && samples.length < 400)) {
    // copies in rounds of 16, made before timing (cloning is not timed; memory stays bounded)
    const fresh = Array.from({ length: 16 }, () => structuredClone(doc));
    for (const d of fresh) {
      const t0 = performance.now();
      computeMachine(d);
      samples.push(performance.now() - t0);
    }
  }
  return median(samples);
}

const fmt = (ms: number): string => ms.toFixed(4);

function targetNote(devices: number, ms: number): string {
  const t = COLD_TARGET_MS[devices];
  return t === undefined ? '' : ` target_ms=${t} (${ms <= t ? 'within target' : 'OVER target'})`;
}

async function main(): Promise<void> {
  const qemu = await import('./bench-qemu.ts').catch(() => null);
  const perDevice = new Map<number, { warm: number; cold: number }>();
  const configs: Array<{ devices: number; doc: () => ConfigDocument; qemuArgs: string[] | null }> = [
    ...[8, 64, 256].map((n) => ({ devices: n, doc: () => benchDocument(n), qemuArgs: benchArgs(n) })),
    ...[1024, 4096].map((n) => ({ devices: n, doc: () => benchSpMemDocument(n), qemuArgs: null })),
  ];
  console.log('core: 8/64/256 = half pc-dimm, half sp-mem; 1024/4096 = sp-mem only; 64 NUMA nodes');
  for (const { devices: n, doc: make, qemuArgs } of configs) {
    const doc = make();
    const warm = measureWarm(doc);
    const cold = measureCold(doc);
    perDevice.set(n, { warm: warm / n, cold: cold / n });
    console.log(`core.recompute.${n} median_ms=${fmt(warm)}`);
    console.log(`core.recompute.cold.${n} median_ms=${fmt(cold)}${targetNote(n, cold)}`);
    if (qemu && qemuArgs) {
      const q = await qemu.measureQemuCapture(qemuArgs, 3).catch(() => null);
      if (q) console.log(`qemu.capture.${n} median_ms=${q.medianMs.toFixed(1)} ratio=${(q.medianMs / warm).toFixed(0)} ratio_cold=${(q.medianMs / cold).toFixed(0)}`);
    }
  }
  const a = perDevice.get(1024)!;
  const b = perDevice.get(4096)!;
  const us = (ms: number) => (ms * 1000).toFixed(2);
  console.log(
    `core.recompute.growth.4096_vs_1024 warm=${(b.warm / a.warm).toFixed(2)} cold=${(b.cold / a.cold).toFixed(2)} ` +
      `(per-device cost at 4096 over that at 1024; 1.00 = linear; per device: warm ${us(a.warm)} → ${us(b.warm)} µs, cold ${us(a.cold)} → ${us(b.cold)} µs)`,
  );
  if (existsSync('/usr/bin/chromium')) {
    const ui = await import('../../e2e/bench-ui.ts').catch((e: unknown) => {
      console.log(`ui: browser figures unavailable (${(e as Error).message})`);
      return null;
    });
    if (ui) {
      const r = await ui.measureUi();
      console.log(`ui.drag.frame p95_ms=${r.frameP95Ms.toFixed(2)}`);
      console.log(`ui.worker.roundtrip p95_ms=${r.roundtripP95Ms.toFixed(2)}`);
      for (const line of ui.bundleLines(r.bundle)) console.log(line);
    }
    // main-thread time of one edit of a 5,000-device design (the largest the designer holds)
    const edit = await import('../../e2e/bench-edit.ts').catch(() => null);
    if (edit) console.log(await edit.benchEditLine({ log: () => {} }));
  } else {
    console.log('ui: /usr/bin/chromium is not installed (apt-get install -y chromium) — browser figures skipped');
  }
}

await main();
