/**
 * `npx tsx src/cli/capture-hmat-goldens-main.ts`: capture the SLIT, HMAT and SRAT (Generic Initiator / Generic Port
 * affinity) fixtures under src/core/testdata/qemu-hmat/ from real QEMU 11.1.
 *
 * Every case directory holds `cmdline.txt` (QEMU's arguments on one line, no binary) and either the tables QEMU
 * built — `SLIT.bin`, `HMAT.bin`, `SRAT.bin`, each only when QEMU builds it, checksum filled as firmware does — or
 * `error.txt`, QEMU's message for a configuration it refuses (the `qemu-system-x86_64: ` prefix removed; messages
 * QEMU prints without that prefix, such as acpi-generic-initiator's, as printed). `meta.json` records the QEMU
 * version, the warnings QEMU printed, and what Debian's QEMU 7.2 does with the same arguments (informational).
 *
 * The tables are read from fw_cfg's `etc/acpi/tables` (what QEMU builds before firmware runs) and, as a cross-check,
 * from guest memory after SeaBIOS installed them. When the two differ (a device behind a bridge: its bus number is
 * assigned by firmware) the SeaBIOS copy is kept as `<TABLE>.seabios.bin` and noted.
 *
 * Each case says whether QEMU is expected to accept or refuse it; a capture that disagrees fails loudly and writes
 * nothing for that case.
 *
 * Flags: --only SUBSTRING (repeatable), --check (capture and compare with the fixtures on disk, write nothing),
 * --list (print the cases).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { captureQemu, findQemus, type CaptureResult } from './qemu/capture.ts';
import { bytesEqual } from './qemu/decode.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'src/core/testdata/qemu-hmat');
const TABLES = ['SLIT', 'HMAT', 'SRAT'] as const;
type TableSig = (typeof TABLES)[number];

interface Case {
  dir: string;
  title: string;
  args: string;
  expect: 'accepted' | 'refused';
  /** for a refused case: a part of QEMU's message, so that it is refused for the reason meant */
  why?: string;
  notes?: string[];
}

// ---- building blocks (each case's cmdline.txt is the literal result) ----

const ram = (id: string, size: string) => `-object memory-backend-ram,id=${id},size=${size}`;
/** `-m` total plus one backend per node size (null: a node without memory), and the `-numa node` options. */
function nodes(sizes: Array<string | null>, extra: Array<string | undefined> = []): string {
  const mib = (s: string) => (s.endsWith('G') ? Number(s.slice(0, -1)) * 1024 : Number(s.slice(0, -1)));
  const total = sizes.reduce((a, s) => a + (s ? mib(s) : 0), 0);
  const objs = sizes.map((s, i) => (s ? ram(`m${i}`, s) : '')).filter(Boolean);
  const opts = sizes.map((s, i) => `-numa node,nodeid=${i}${s ? `,memdev=m${i}` : ''}${extra[i] ? ',' + extra[i] : ''}`);
  return [`-m ${total}M`, ...objs, ...opts].join(' ');
}
const dist = (src: number, dst: number, val: number) => `-numa dist,src=${src},dst=${dst},val=${val}`;
const cpu = (node: number, socket: number) => `-numa cpu,node-id=${node},socket-id=${socket}`;
type DataType = 'access-latency' | 'read-latency' | 'write-latency' | 'access-bandwidth' | 'read-bandwidth' | 'write-bandwidth';
type Hier = 'memory' | 'first-level' | 'second-level' | 'third-level';
function lb(initiator: number, target: number, dataType: DataType, value: string, hierarchy: Hier = 'memory'): string {
  const key = dataType.endsWith('latency') ? 'latency' : 'bandwidth';
  return `-numa hmat-lb,initiator=${initiator},target=${target},hierarchy=${hierarchy},data-type=${dataType},${key}=${value}`;
}
function cache(node: number, size: string, level: number, associativity: string, policy: string, line: number): string {
  return `-numa hmat-cache,node-id=${node},size=${size},level=${level},associativity=${associativity},policy=${policy},line=${line}`;
}
const gi = (id: string, dev: string, node: number) => `-object acpi-generic-initiator,id=${id},pci-dev=${dev},node=${node}`;
const join = (...parts: string[]) => parts.filter(Boolean).join(' ');

/** two CPU sockets on nodes 0 and 1 (after the -numa node options: -numa cpu must follow the node it names) */
const CPU01 = `${cpu(0, 0)} ${cpu(1, 1)}`;
/** the four-node HBM machine: DDR on nodes 0 and 1 (one socket each), HBM-like memory-only nodes 2 and 3 */
const HBM4 = join('-machine q35,hmat=on -smp 2,sockets=2', nodes(['512M', '512M', '256M', '256M'], [undefined, undefined, 'initiator=0', 'initiator=1']), CPU01);
const HBM4_LB = [
  lb(0, 0, 'access-latency', '100'), lb(0, 1, 'access-latency', '200'), lb(0, 2, 'access-latency', '60'), lb(0, 3, 'access-latency', '250'),
  lb(1, 0, 'access-latency', '200'), lb(1, 1, 'access-latency', '100'), lb(1, 2, 'access-latency', '250'), lb(1, 3, 'access-latency', '60'),
  lb(0, 0, 'access-bandwidth', '20G'), lb(0, 1, 'access-bandwidth', '10G'), lb(0, 2, 'access-bandwidth', '200G'), lb(0, 3, 'access-bandwidth', '8G'),
  lb(1, 0, 'access-bandwidth', '10G'), lb(1, 1, 'access-bandwidth', '20G'), lb(1, 2, 'access-bandwidth', '8G'), lb(1, 3, 'access-bandwidth', '200G'),
].join(' ');
/** two nodes, CPUs on node 0 (-numa cpu), node 1 memory-only with initiator 0 */
const H2 = join('-machine hmat=on -smp 2,sockets=2', nodes(['64M', '64M'], [undefined, 'initiator=0']), cpu(0, 0), cpu(0, 1));
const H2LAT = `${lb(0, 0, 'access-latency', '10')} ${lb(0, 1, 'access-latency', '20')}`;
const H2BW = `${lb(0, 0, 'access-bandwidth', '1G')} ${lb(0, 1, 'access-bandwidth', '512M')}`;
const NET0 = '-device virtio-net-pci,id=dev0';
const NET1 = '-device virtio-net-pci,id=dev1,addr=0x6';

/** The bios-tables-test configurations also used by src/core/testdata/qemu (qemu-memory.md §5). */
const ACPIHMAT = join(
  '-machine q35 -machine hmat=on -smp 2,sockets=2 -m 128M,slots=2,maxmem=1G',
  '-object memory-backend-ram,size=64M,id=m0 -object memory-backend-ram,size=64M,id=m1',
  '-numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1,initiator=0',
  cpu(0, 0), cpu(0, 1),
  lb(0, 0, 'access-latency', '1'), lb(0, 0, 'access-bandwidth', '65534M'),
  lb(0, 1, 'access-latency', '65534'), lb(0, 1, 'access-bandwidth', '32767M'),
  cache(0, '10K', 1, 'direct', 'write-back', 8), cache(1, '10K', 1, 'direct', 'write-back', 8),
);
const NOINIT_LB: Array<[number, number, string, string]> = [
  [0, 0, '10', '10485760'], [0, 1, '20', '5242880'], [0, 2, '30', '1048576'],
  [1, 0, '20', '5242880'], [1, 1, '10', '10485760'], [1, 2, '30', '1048576'],
];
const NOINITIATOR = join(
  '-machine q35 -machine hmat=on -smp 4,sockets=2 -m 128M',
  '-object memory-backend-ram,size=32M,id=ram0 -object memory-backend-ram,size=32M,id=ram1 -object memory-backend-ram,size=64M,id=ram2',
  '-numa node,nodeid=0,memdev=ram0 -numa node,nodeid=1,memdev=ram1 -numa node,nodeid=2,memdev=ram2',
  '-numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=0,socket-id=0 -numa cpu,node-id=1,socket-id=1 -numa cpu,node-id=1,socket-id=1',
  ...NOINIT_LB.map(([i, t, lat, bw]) => `${lb(i, t, 'access-latency', lat)} ${lb(i, t, 'access-bandwidth', bw)}`),
);

function allPairs(n: number, val: (i: number, j: number) => number, both = false): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) for (let j = both ? 0 : i + 1; j < n; j++) if (i !== j) out.push(dist(i, j, val(i, j)));
  return out.join(' ');
}

const CASES: Case[] = [
  // ---------------- SLIT ----------------
  { dir: 'slit-absent-2nodes', expect: 'accepted', title: 'two nodes, no -numa dist: no SLIT', args: nodes(['64M', '64M']) },
  { dir: 'slit-2nodes-sym', expect: 'accepted', title: 'one distance, the other direction filled symmetrically', args: join(nodes(['64M', '64M']), dist(0, 1, 21)) },
  { dir: 'slit-2nodes-reverse-only', expect: 'accepted', title: 'only dst→src given', args: join(nodes(['64M', '64M']), dist(1, 0, 31)) },
  { dir: 'slit-2nodes-asym', expect: 'accepted', title: 'both directions, different', args: join(nodes(['64M', '64M']), dist(0, 1, 21), dist(1, 0, 31)) },
  { dir: 'slit-1node-local', expect: 'accepted', title: 'one node, only its local distance: a 1×1 SLIT', args: join(nodes(['128M']), dist(0, 0, 10)) },
  {
    dir: 'slit-3nodes-mixed-directions',
    expect: 'accepted',
    title: 'three nodes (node 2 memory-less), pairs given in mixed directions',
    args: join(nodes(['64M', '64M', null]), dist(0, 1, 15), dist(2, 0, 25), dist(1, 2, 35)),
  },
  {
    dir: 'slit-4nodes-asym-full',
    expect: 'accepted',
    title: 'four nodes, every ordered pair given, asymmetric',
    args: join(nodes(['64M', '64M', '64M', '64M']), allPairs(4, (i, j) => 10 + 10 * Math.abs(i - j) + (i > j ? 1 : 0), true)),
  },
  {
    dir: 'slit-duplicate-last-wins',
    expect: 'accepted',
    title: 'the same pair twice: the later value is kept',
    args: join(nodes(['64M', '64M']), dist(0, 1, 20), dist(0, 1, 30)),
  },
  {
    dir: 'slit-3nodes-local-and-255',
    expect: 'accepted',
    title: 'an explicit local distance and the maximum 255',
    args: join(nodes(['64M', '32M', '32M']), dist(0, 0, 10), dist(0, 1, 255), dist(0, 2, 40), dist(1, 2, 60)),
  },
  {
    dir: 'slit-3nodes-equal-pair-both-ways',
    expect: 'accepted',
    title: 'one pair given both ways with the same value (still symmetric), the others one way',
    args: join(nodes(['64M', '32M', '32M']), dist(0, 1, 20), dist(1, 0, 20), dist(0, 2, 30), dist(2, 1, 40)),
  },
  {
    dir: 'slit-18nodes',
    expect: 'accepted',
    title: '18 nodes (17 memory-less): rows longer than 16 bytes',
    args: join(nodes(['128M', ...Array<null>(17).fill(null)]), allPairs(18, (i, j) => 20 + j - i)),
  },
  {
    dir: 'slit-q35-hotplug-window',
    expect: 'accepted',
    title: 'q35 with a hotplug window and a pc-dimm on node 1',
    args: join('-machine q35 -m 128M,slots=2,maxmem=2G', ram('m0', '64M'), ram('m1', '64M'), ram('d0', '128M'), '-numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1', '-device pc-dimm,id=dimm0,memdev=d0,node=1', dist(0, 1, 28)),
  },
  // SLIT refused
  { dir: 'refused-slit-missing-pair', expect: 'refused', why: 'The distance between node 0 and 2 is missing', title: 'three nodes, the 0–2 and 1–2 distances missing', args: join(nodes(['64M', '32M', '32M']), dist(0, 1, 20)) },
  {
    dir: 'refused-slit-asym-incomplete',
    expect: 'refused',
    why: 'At least one asymmetrical pair',
    title: 'an asymmetric pair given, other pairs only one way',
    args: join(nodes(['64M', '32M', '32M']), dist(0, 1, 21), dist(1, 0, 31), dist(0, 2, 41), dist(1, 2, 51)),
  },
  { dir: 'refused-slit-local-not-10', expect: 'refused', why: 'Local distance of node 0 should be 10', title: 'a local distance other than 10', args: join(nodes(['64M', '64M']), dist(0, 0, 20), dist(0, 1, 20)) },
  { dir: 'refused-slit-below-10', expect: 'refused', why: "shouldn't be less than 10", title: 'a distance below 10', args: join(nodes(['64M', '64M']), dist(0, 1, 9)) },
  { dir: 'refused-slit-undeclared-node', expect: 'refused', why: 'Source/Destination NUMA node is missing', title: 'a distance to a node not declared', args: join(nodes(['64M', '64M']), dist(0, 2, 20)) },
  { dir: 'refused-slit-val-256', expect: 'refused', why: "Parameter 'val' expects uint8_t", title: 'a distance that does not fit a byte', args: join(nodes(['64M', '64M']), dist(0, 1, 256)) },
  { dir: 'refused-slit-src-128', expect: 'refused', why: "Parameter 'src' expects", title: 'a node number of 128', args: join(nodes(['64M', '64M']), dist(128, 1, 20)) },
  {
    dir: 'refused-slit-dist-before-node',
    expect: 'refused',
    why: 'Source/Destination NUMA node is missing',
    title: '-numa dist before the -numa node it names',
    args: join('-m 128M', ram('m0', '64M'), ram('m1', '64M'), '-numa node,nodeid=0,memdev=m0', dist(0, 1, 20), '-numa node,nodeid=1,memdev=m1'),
  },

  // ---------------- HMAT ----------------
  { dir: 'hmat-1node', expect: 'accepted', title: 'hmat=on, one node holding all RAM and the CPU', args: join('-machine hmat=on', nodes(['128M'])) },
  { dir: 'hmat-no-numa', expect: 'accepted', title: 'hmat=on without NUMA: no SRAT, no HMAT', args: '-machine hmat=on -m 128M' },
  {
    dir: 'hmat-2nodes-no-initiator',
    expect: 'accepted',
    title: 'node 1 memory-only without initiator=: its initiator field is 128 (MAX_NODES), flag clear',
    args: join('-machine hmat=on -smp 2,sockets=2', nodes(['64M', '64M']), cpu(0, 0), cpu(0, 1)),
  },
  { dir: 'hmat-2nodes-initiator', expect: 'accepted', title: 'node 1 memory-only with initiator=0, no hmat-lb', args: H2 },
  { dir: 'hmat-2nodes-latency', expect: 'accepted', title: 'access latency only (10 and 20 ns: base 10 ns)', args: join(H2, H2LAT) },
  { dir: 'hmat-2nodes-latency-bandwidth', expect: 'accepted', title: 'access latency and bandwidth', args: join(H2, H2BW, H2LAT) },
  { dir: 'hmat-bios-tables-acpihmat', expect: 'accepted', title: "QEMU's bios-tables-test acpihmat (q35)", args: ACPIHMAT },
  { dir: 'hmat-bios-tables-noinitiator', expect: 'accepted', title: "QEMU's bios-tables-test acpihmat-noinitiator (q35)", args: NOINITIATOR },
  { dir: 'hmat-pc-2nodes', expect: 'accepted', title: 'the pc machine, latency and bandwidth', args: join('-machine pc', H2, H2LAT, H2BW) },
  {
    dir: 'hmat-4nodes-hbm',
    expect: 'accepted',
    title: 'two sockets with DDR, two memory-only HBM nodes; full latency and bandwidth matrices; SLIT',
    args: join(HBM4, HBM4_LB, dist(0, 1, 21), dist(0, 2, 17), dist(0, 3, 28), dist(1, 2, 28), dist(1, 3, 17), dist(2, 3, 30)),
  },
  {
    dir: 'hmat-4nodes-hbm-caches',
    expect: 'accepted',
    title: 'the HBM machine with memory-side caches on nodes 0 (levels 1–3) and 2 (level 1)',
    args: join(
      HBM4,
      HBM4_LB,
      cache(2, '16M', 1, 'direct', 'write-back', 64),
      cache(0, '1M', 1, 'none', 'none', 32),
      cache(0, '8M', 2, 'direct', 'write-through', 64),
      cache(0, '64M', 3, 'complex', 'write-back', 128),
    ),
  },
  {
    dir: 'hmat-read-write-kinds',
    expect: 'accepted',
    title: 'read/write latency and bandwidth, given out of order',
    args: join(
      H2,
      lb(0, 1, 'write-bandwidth', '256M'),
      lb(0, 0, 'read-latency', '15'),
      lb(0, 1, 'write-latency', '40'),
      lb(0, 0, 'read-bandwidth', '2G'),
      lb(0, 1, 'read-latency', '30'),
      lb(0, 0, 'write-latency', '20'),
      lb(0, 0, 'write-bandwidth', '1G'),
      lb(0, 1, 'read-bandwidth', '1G'),
    ),
  },
  {
    dir: 'hmat-cache-hierarchies',
    expect: 'accepted',
    title: 'latency/bandwidth of the first-, second- and third-level memory-side caches',
    args: join(
      H2,
      H2LAT,
      H2BW,
      lb(0, 1, 'access-latency', '5', 'first-level'),
      lb(0, 1, 'access-latency', '8', 'second-level'),
      lb(0, 1, 'access-bandwidth', '4G', 'third-level'),
      lb(0, 1, 'access-bandwidth', '8G', 'first-level'),
      cache(1, '4M', 1, 'direct', 'write-back', 64),
      cache(1, '32M', 2, 'complex', 'write-through', 128),
      cache(1, '256M', 3, 'none', 'none', 256),
    ),
  },
  {
    dir: 'hmat-partial-entries',
    expect: 'accepted',
    title: 'latencies for some pairs only: the others are 0',
    args: join(
      '-machine hmat=on -smp 2,sockets=2',
      nodes(['64M', '64M', '64M'], [undefined, undefined, 'initiator=1']),
      CPU01,
      lb(1, 2, 'access-latency', '30'),
      lb(0, 0, 'access-latency', '10'),
    ),
  },
  {
    dir: 'hmat-latency-base-uneven',
    expect: 'accepted',
    title: 'latencies 300, 1000, 20 ns: base is the smallest power-of-ten divisor (10 ns)',
    args: join(
      '-machine hmat=on -smp 2,sockets=2',
      nodes(['64M', '64M']),
      CPU01,
      lb(0, 0, 'access-latency', '300'),
      lb(0, 1, 'access-latency', '1000'),
      lb(1, 0, 'access-latency', '20'),
      lb(1, 1, 'access-latency', '300'),
    ),
  },
  { dir: 'hmat-zero-values', expect: 'accepted', title: 'latency 0 and bandwidth 0 only: the base-unit quirks', args: join(H2, lb(0, 0, 'access-latency', '0'), lb(0, 1, 'access-bandwidth', '0')) },
  {
    dir: 'hmat-latency-base-overflow',
    expect: 'accepted',
    title: 'latencies of 10 and 20 ms: base 10^7 ns, its picoseconds truncated to 32 bits',
    args: join(H2, lb(0, 0, 'access-latency', '10000000'), lb(0, 1, 'access-latency', '20000000')),
  },
  {
    dir: 'hmat-latency-entry-wrap',
    expect: 'accepted',
    title: 'latency 100000 then 1: accepted, the 100000 entry wraps to 16 bits',
    args: join(H2, lb(0, 0, 'access-latency', '100000'), lb(0, 1, 'access-latency', '1')),
  },
  { dir: 'hmat-bandwidth-base', expect: 'accepted', title: 'bandwidths 3G and 512M: base 512 MB/s', args: join(H2, lb(0, 0, 'access-bandwidth', '3G'), lb(0, 1, 'access-bandwidth', '512M')) },
  {
    dir: 'hmat-memless-cpu-node',
    expect: 'accepted',
    title: 'node 0 has the CPUs and no memory, node 1 the memory: only node 1 gets a proximity-domain structure',
    args: join('-machine hmat=on -smp 2,sockets=2', nodes([null, '128M'], [undefined, 'initiator=0']), cpu(0, 0), cpu(0, 1), lb(0, 1, 'access-latency', '50'), lb(0, 0, 'access-latency', '10')),
  },
  {
    dir: 'hmat-cpus-option',
    expect: 'accepted',
    title: 'CPUs given with -numa node,cpus= instead of -numa cpu',
    args: join('-machine hmat=on -smp 2', nodes(['64M', '64M'], ['cpus=0-1', 'initiator=0']), lb(0, 1, 'access-latency', '5')),
  },
  {
    dir: 'hmat-dimm-only-node',
    expect: 'accepted',
    title: 'node 2 has only a pc-dimm: no proximity-domain structure for it, still a target',
    args: join(
      '-machine q35,hmat=on -smp 2,sockets=2 -m 128M,slots=2,maxmem=2G',
      ram('m0', '64M'), ram('m1', '64M'), ram('d0', '256M'),
      '-numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2,initiator=1',
      CPU01,
      '-device pc-dimm,id=dimm0,memdev=d0,node=2',
      lb(1, 2, 'access-latency', '120'), lb(0, 0, 'access-latency', '80'),
    ),
  },
  {
    dir: 'hmat-sp-mem-node',
    expect: 'accepted',
    title: 'HBM as sp-mem on a memory-less node 1 (initiator=0): no proximity-domain structure, still a target',
    args: join(
      '-machine q35,hmat=on -m 128M,slots=1,maxmem=2G',
      ram('m0', '128M'), ram('hbm', '1G'),
      '-numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,initiator=0',
      cpu(0, 0),
      '-device sp-mem,id=hbm0,memdev=hbm,node=1',
      lb(0, 0, 'access-latency', '100'), lb(0, 1, 'access-latency', '200'),
      lb(0, 0, 'access-bandwidth', '10G'), lb(0, 1, 'access-bandwidth', '100G'),
    ),
  },
  // HMAT refused
  { dir: 'refused-hmat-off-initiator', expect: 'refused', why: 'HMAT) is disabled', title: 'initiator= without hmat=on', args: join('-smp 2', nodes(['64M', '64M'], [undefined, 'initiator=0'])) },
  { dir: 'refused-hmat-off-lb', expect: 'refused', why: 'HMAT) is disabled', title: 'hmat-lb without hmat=on', args: join('-smp 2', nodes(['64M', '64M']), cpu(0, 0), lb(0, 1, 'access-latency', '10')) },
  { dir: 'refused-hmat-off-cache', expect: 'refused', why: 'HMAT) is disabled', title: 'hmat-cache without hmat=on', args: join(nodes(['64M', '64M']), cache(0, '1M', 1, 'direct', 'write-back', 64)) },
  {
    dir: 'refused-hmat-lb-cpus-not-yet-assigned',
    expect: 'refused',
    why: "it isn't an initiator proximity domain",
    title: 'hmat-lb when the CPUs are only placed by default (no -numa cpu / cpus=)',
    args: join('-machine hmat=on -smp 2', nodes(['64M', '64M'], [undefined, 'initiator=0']), lb(0, 1, 'access-latency', '10')),
  },
  { dir: 'refused-hmat-lb-initiator-memory-only', expect: 'refused', why: "Invalid initiator=1, it isn't an initiator", title: 'hmat-lb from a memory-only node', args: join(H2, lb(1, 0, 'access-latency', '10')) },
  { dir: 'refused-hmat-lb-target-equals-count', expect: 'refused', why: 'The target=2 should point to an existing node', title: 'target=2 of two nodes', args: join(H2, lb(0, 2, 'access-latency', '10')) },
  { dir: 'refused-hmat-lb-target-beyond', expect: 'refused', why: 'Invalid target=5', title: 'target=5 of two nodes', args: join(H2, lb(0, 5, 'access-latency', '10')) },
  { dir: 'refused-hmat-lb-initiator-beyond', expect: 'refused', why: 'Invalid initiator=5', title: 'initiator=5 of two nodes', args: join(H2, lb(5, 0, 'access-latency', '10')) },
  {
    dir: 'refused-hmat-lb-latency-missing',
    expect: 'refused',
    why: 'latency',
    title: 'a latency data type with bandwidth=',
    args: join(H2, '-numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,bandwidth=1G'),
  },
  {
    dir: 'refused-hmat-lb-both-values',
    expect: 'refused',
    why: 'bandwidth',
    title: 'latency= and bandwidth= together',
    args: join(H2, '-numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=10,bandwidth=1G'),
  },
  {
    dir: 'refused-hmat-lb-bandwidth-missing',
    expect: 'refused',
    why: 'bandwidth',
    title: 'a bandwidth data type with latency=',
    args: join(H2, '-numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,latency=10'),
  },
  { dir: 'refused-hmat-lb-bandwidth-unaligned', expect: 'refused', why: 'should be 1MB aligned', title: 'a bandwidth not a multiple of 1 MiB/s', args: join(H2, lb(0, 0, 'access-bandwidth', '1000')) },
  { dir: 'refused-hmat-lb-duplicate', expect: 'refused', why: 'Duplicate configuration of the latency', title: 'the same latency pair twice', args: join(H2, lb(0, 1, 'access-latency', '10'), lb(0, 1, 'access-latency', '20')) },
  {
    dir: 'refused-hmat-lb-duplicate-bandwidth',
    expect: 'refused',
    why: 'Duplicate configuration of the bandwidth',
    title: 'the same bandwidth pair twice',
    args: join(H2, lb(0, 1, 'access-bandwidth', '1G'), lb(0, 1, 'access-bandwidth', '2G')),
  },
  { dir: 'refused-hmat-lb-latency-range', expect: 'refused', why: 'should not differ', title: 'latency 1 then 100000', args: join(H2, lb(0, 1, 'access-latency', '1'), lb(0, 0, 'access-latency', '100000')) },
  { dir: 'refused-hmat-lb-bandwidth-range', expect: 'refused', why: 'should not differ', title: 'bandwidth 1M then 65535M', args: join(H2, lb(0, 0, 'access-bandwidth', '1M'), lb(0, 1, 'access-bandwidth', '65535M')) },
  { dir: 'refused-hmat-lb-bandwidth-bits', expect: 'refused', why: 'should not differ', title: 'bandwidth 1M then 128G: more than 16 bits apart', args: join(H2, lb(0, 0, 'access-bandwidth', '1M'), lb(0, 1, 'access-bandwidth', '128G')) },
  { dir: 'refused-hmat-lb-hierarchy-unknown', expect: 'refused', why: 'hierarchy', title: 'hierarchy=fourth-level', args: join(H2, '-numa hmat-lb,initiator=0,target=0,hierarchy=fourth-level,data-type=access-latency,latency=10') },
  { dir: 'refused-hmat-lb-data-type-unknown', expect: 'refused', why: 'data-type', title: 'data-type=latency', args: join(H2, '-numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=latency,latency=10') },
  { dir: 'refused-hmat-cache-before-lb', expect: 'refused', why: 'should be provided before memory side cache attributes', title: 'hmat-cache on a node without latency and bandwidth', args: join(H2, H2LAT, cache(1, '1M', 1, 'direct', 'write-back', 64)) },
  { dir: 'refused-hmat-cache-level-gap', expect: 'refused', why: 'Cache level=1 shall be defined first', title: 'cache level 2 without level 1', args: join(H2, H2LAT, H2BW, cache(1, '1M', 2, 'direct', 'write-back', 64)) },
  {
    dir: 'refused-hmat-cache-size-order',
    expect: 'refused',
    why: 'should be larger than the size',
    title: 'cache level 2 no larger than level 1',
    args: join(H2, H2LAT, H2BW, cache(1, '4M', 1, 'direct', 'write-back', 64), cache(1, '4M', 2, 'direct', 'write-back', 64)),
  },
  { dir: 'refused-hmat-cache-level-4', expect: 'refused', why: 'Invalid level=4', title: 'cache level 4', args: join(H2, H2LAT, H2BW, cache(1, '1M', 4, 'direct', 'write-back', 64)) },
  { dir: 'refused-hmat-cache-level-0', expect: 'refused', why: 'Invalid level=0', title: 'cache level 0', args: join(H2, H2LAT, H2BW, cache(1, '1M', 0, 'direct', 'write-back', 64)) },
  {
    dir: 'refused-hmat-cache-duplicate',
    expect: 'refused',
    why: 'Duplicate configuration of the side cache',
    title: 'the same cache level twice',
    args: join(H2, H2LAT, H2BW, cache(1, '1M', 1, 'direct', 'write-back', 64), cache(1, '2M', 1, 'direct', 'write-back', 64)),
  },
  { dir: 'refused-hmat-cache-node-beyond', expect: 'refused', why: 'Invalid node-id=2', title: 'hmat-cache node-id=2 of two nodes', args: join(H2, H2LAT, H2BW, cache(2, '1M', 1, 'direct', 'write-back', 64)) },
  {
    dir: 'refused-hmat-initiator-memory-only',
    expect: 'refused',
    why: 'The initiator of NUMA node 1 is invalid',
    title: 'initiator= naming a node without CPUs',
    args: join('-machine hmat=on -smp 2,sockets=2', nodes(['64M', '32M', '32M'], [undefined, 'initiator=2']), cpu(0, 0), cpu(0, 1)),
  },
  {
    dir: 'refused-hmat-initiator-undeclared',
    expect: 'refused',
    why: 'NUMA node 5 is missing',
    title: 'initiator= naming a node not declared',
    args: join('-machine hmat=on -smp 2,sockets=2', nodes(['64M', '64M'], [undefined, 'initiator=5']), cpu(0, 0), cpu(0, 1)),
  },
  {
    dir: 'refused-hmat-cpu-node-initiator-other',
    expect: 'refused',
    why: 'should be itself',
    title: 'a node with CPUs given another node as initiator',
    args: join('-machine hmat=on -smp 2,sockets=2', nodes(['64M', '64M'], [undefined, 'initiator=0']), CPU01),
  },
  {
    dir: 'refused-hmat-gi-as-initiator',
    expect: 'refused',
    why: 'The initiator of NUMA node 1 is invalid',
    title: 'initiator= naming a node whose only initiator is a generic initiator',
    args: join('-machine q35,hmat=on -smp 2', nodes(['64M', '64M', null], [undefined, 'initiator=2']), cpu(0, 0), NET0, gi('gi0', 'dev0', 2)),
  },

  // ---------------- SRAT Generic Initiator / Generic Port ----------------
  {
    dir: 'gi-q35-memless-node',
    expect: 'accepted',
    title: 'q35: a virtio-net-pci (00:01.0) as generic initiator of memory-less node 2',
    args: join('-machine q35', nodes(['1G', '1G', null]), NET0, gi('gi0', 'dev0', 2)),
  },
  { dir: 'gi-pc-memless-node', expect: 'accepted', title: 'pc: the same (the device is 00:02.0)', args: join('-machine pc', nodes(['64M', '64M', null]), NET0, gi('gi0', 'dev0', 2)) },
  { dir: 'gi-memory-node', expect: 'accepted', title: 'a generic initiator in a node that has memory', args: join('-machine q35', nodes(['64M', '64M']), NET0, gi('gi0', 'dev0', 1)) },
  {
    dir: 'gi-object-before-device',
    expect: 'accepted',
    title: 'the -object before the -device it names',
    args: join('-machine q35', nodes(['64M', '64M', null]), gi('gi0', 'dev0', 2), NET0),
  },
  {
    dir: 'gi-two-ids-a-b',
    expect: 'accepted',
    title: 'two generic initiators, ids a (dev0, node 2) then b (dev1 at 00:06.0, node 3)',
    args: join('-machine q35', nodes(['64M', '64M', null, null]), NET0, NET1, gi('a', 'dev0', 2), gi('b', 'dev1', 3)),
    notes: ['QEMU walks the QOM tree (a hash table) for them: the order is not the command line order.'],
  },
  {
    dir: 'gi-two-ids-b-a',
    expect: 'accepted',
    title: 'the same with the ids swapped: b (dev0, node 2) then a (dev1, node 3)',
    args: join('-machine q35', nodes(['64M', '64M', null, null]), NET0, NET1, gi('b', 'dev0', 2), gi('a', 'dev1', 3)),
    notes: ['QEMU walks the QOM tree (a hash table) for them: the order is not the command line order.'],
  },
  {
    dir: 'gi-function-address',
    expect: 'accepted',
    title: 'a device at 00:05.3 (multifunction slot)',
    args: join('-machine q35', nodes(['64M', '64M', null]), '-device virtio-net-pci,id=f0,addr=0x5.0,multifunction=on', '-device virtio-net-pci,id=f3,addr=0x5.3', gi('gi0', 'f3', 2)),
  },
  {
    dir: 'gi-behind-root-port',
    expect: 'accepted',
    title: 'a device behind a PCIe root port: its bus number is assigned by firmware',
    args: join('-machine q35', nodes(['64M', '64M', null]), '-device pcie-root-port,id=rp0,bus=pcie.0,chassis=1', '-device virtio-net-pci,id=dev0,bus=rp0', gi('gi0', 'dev0', 2)),
  },
  {
    dir: 'gi-behind-pxb',
    expect: 'accepted',
    title: 'a device behind a root port of a pxb-pcie with bus_nr=32',
    args: join(
      '-machine q35',
      nodes(['64M', '64M', null]),
      '-device pxb-pcie,bus_nr=32,bus=pcie.0,id=pxb1 -device pcie-root-port,id=rp0,bus=pxb1,chassis=1',
      '-device virtio-net-pci,id=dev0,bus=rp0',
      gi('gi0', 'dev0', 2),
    ),
  },
  {
    dir: 'gi-with-hotplug-window',
    expect: 'accepted',
    title: 'a generic initiator and a hotplug window: the GI structure comes before the hotplug entry',
    args: join('-machine q35 -m 128M,slots=2,maxmem=2G', ram('m0', '64M'), ram('m1', '64M'), '-numa node,nodeid=0,memdev=m0 -numa node,nodeid=1,memdev=m1 -numa node,nodeid=2', NET0, gi('gi0', 'dev0', 2)),
  },
  {
    dir: 'gi-hmat-initiator',
    expect: 'accepted',
    title: 'HMAT with a generic initiator node: it is in every initiator list',
    args: join(
      '-machine q35,hmat=on -smp 2',
      nodes(['64M', '64M', null], [undefined, 'initiator=0']),
      cpu(0, 0),
      NET0,
      gi('gi0', 'dev0', 2),
      lb(0, 0, 'access-latency', '10'),
      lb(2, 1, 'access-latency', '20'),
      lb(0, 1, 'access-latency', '30'),
      lb(2, 1, 'access-bandwidth', '4G'),
    ),
  },
  { dir: 'gi-no-numa', expect: 'accepted', title: 'a generic initiator without NUMA: no SRAT, accepted', args: join('-machine q35 -m 128M', NET0, gi('gi0', 'dev0', 0)) },
  {
    dir: 'gp-cxl-host-bridge',
    expect: 'accepted',
    title: 'acpi-generic-port on a pxb-cxl host bridge (bus_nr=12) for node 2',
    args: join('-machine q35,cxl=on', nodes(['64M', '64M', null]), '-device pxb-cxl,bus_nr=12,bus=pcie.0,id=cxl.1', '-object acpi-generic-port,id=gp0,pci-bus=cxl.1,node=2'),
  },
  {
    dir: 'gp-and-gi',
    expect: 'accepted',
    title: 'a generic port and a generic initiator: initiators first, then ports',
    args: join(
      '-machine q35,cxl=on',
      nodes(['64M', '64M', null, null]),
      '-device pxb-cxl,bus_nr=12,bus=pcie.0,id=cxl.1',
      '-object acpi-generic-port,id=gp0,pci-bus=cxl.1,node=3',
      '-device virtio-net-pci,id=dev0,bus=pcie.0',
      gi('gi0', 'dev0', 2),
    ),
  },
  // GI/GP refused
  { dir: 'refused-gi-node-beyond', expect: 'refused', why: 'Specified node 2 is invalid', title: 'node=2 of two nodes', args: join('-machine q35', nodes(['64M', '64M']), NET0, gi('gi0', 'dev0', 2)) },
  { dir: 'refused-gi-node-128', expect: 'refused', why: 'Invalid NUMA node specified', title: 'node=128', args: join('-machine q35', nodes(['64M', '64M']), NET0, gi('gi0', 'dev0', 128)) },
  { dir: 'refused-gi-node-missing', expect: 'refused', why: "Parameter 'node' is missing", title: 'no node=', args: join('-machine q35', nodes(['64M', '64M']), NET0, '-object acpi-generic-initiator,id=gi0,pci-dev=dev0') },
  { dir: 'refused-gi-not-pci', expect: 'refused', why: 'must be a PCI device', title: 'pci-dev= naming a memory backend', args: join('-machine q35', nodes(['64M', '64M', null]), gi('gi0', 'm0', 2)) },
  { dir: 'refused-gi-no-such-device', expect: 'refused', why: 'must be a PCI device', title: 'pci-dev= naming nothing', args: join('-machine q35', nodes(['64M', '64M', null]), gi('gi0', 'nodev', 2)) },
  { dir: 'refused-gp-not-cxl', expect: 'refused', why: 'must be a CXL host bridge', title: 'acpi-generic-port on pcie.0', args: join('-machine q35', nodes(['64M', '64M', null]), '-object acpi-generic-port,id=gp0,pci-bus=pcie.0,node=2') },
  {
    dir: 'refused-gp-node-beyond',
    expect: 'refused',
    why: 'node 3 is invalid',
    title: 'acpi-generic-port node=3 of three nodes',
    args: join('-machine q35,cxl=on', nodes(['64M', '64M', null]), '-device pxb-cxl,bus_nr=12,bus=pcie.0,id=cxl.1', '-object acpi-generic-port,id=gp0,pci-bus=cxl.1,node=3'),
  },
];

// ---- capture ----

interface Got {
  accepted: boolean;
  tables: Partial<Record<TableSig, Uint8Array>>;
  seabios: Partial<Record<TableSig, Uint8Array>>;
  error: string;
  warnings: string[];
}

/** QEMU's message: the prefixed error line(s); else (acpi-generic-initiator prints without a prefix) stderr minus warnings. */
function errorText(r: Extract<CaptureResult, { accepted: false }>): string {
  if (r.stderr.trim()) return r.stderr.replace(/\n+$/, '');
  return r.rawStderr
    .split('\n')
    .filter((l) => l.trim() && !/^(?:\S*\/)?qemu-system-x86_64: warning: /.test(l))
    .join('\n');
}

function pick(tables: Array<{ signature: string; bytes: Uint8Array }> | undefined): Partial<Record<TableSig, Uint8Array>> {
  const out: Partial<Record<TableSig, Uint8Array>> = {};
  for (const t of tables ?? []) if ((TABLES as readonly string[]).includes(t.signature)) out[t.signature as TableSig] = t.bytes;
  return out;
}

async function capture(binary: string, args: string[], seabios: boolean): Promise<Got> {
  const r = await captureQemu(binary, args, { allTables: true });
  if (!r.accepted) return { accepted: false, tables: {}, seabios: {}, error: errorText(r), warnings: [] };
  const got: Got = { accepted: true, tables: pick(r.tables), seabios: {}, error: '', warnings: r.warnings };
  if (seabios) {
    const s = await captureQemu(binary, args, { allTables: true, sratVia: 'seabios' });
    if (!s.accepted) throw new Error(`accepted over fw_cfg but refused when booting SeaBIOS: ${s.stderr}`);
    got.seabios = pick(s.tables);
  }
  return got;
}

function sameTables(a: Partial<Record<TableSig, Uint8Array>>, b: Partial<Record<TableSig, Uint8Array>>): TableSig[] {
  return TABLES.filter((t) => !!a[t] !== !!b[t] || (a[t] && b[t] && !bytesEqual(a[t]!, b[t]!)));
}

function versionNote(main: Got, old: Got | null): string {
  if (!old) return 'not run';
  if (main.accepted !== old.accepted) return old.accepted ? 'accepted' : `refused: ${old.error}`;
  if (!old.accepted) return old.error === main.error ? 'refused, same message' : `refused: ${old.error}`;
  const d = sameTables(main.tables, old.tables);
  return d.length ? `accepted, ${d.join(', ')} differ` : 'accepted, same tables';
}

function readmeIndex(rows: Array<{ c: Case; got: Got }>, version: string): string {
  const lines = [
    '# QEMU SLIT / HMAT / SRAT generic affinity fixtures',
    '',
    `Captured from real QEMU ${version} (Debian sid package, .ci/qemu-sid.sh) by \`npx tsx src/cli/capture-hmat-goldens-main.ts\`.`,
    'Each directory: `cmdline.txt` (the arguments, one line); for an accepted configuration the tables QEMU built',
    '(`SLIT.bin`, `HMAT.bin`, `SRAT.bin`, each only when built; fw_cfg `etc/acpi/tables`, checksum filled), for a refused',
    "one `error.txt` (QEMU's message). `meta.json`: version, warnings, what QEMU 7.2 does (informational).",
    'A `<TABLE>.seabios.bin` is the table as SeaBIOS installed it, kept only where it differs from the fw_cfg one.',
    'The capture runs with `-S -display none -accel tcg -nodefaults -no-reboot` and control sockets added.',
    '',
    '| case | QEMU | tables / message |',
    '|---|---|---|',
  ];
  for (const { c, got } of rows) {
    const what = got.accepted
      ? TABLES.filter((t) => got.tables[t])
          .map((t) => `${t} ${got.tables[t]!.length}`)
          .join(', ') || 'none of the three'
      : `\`${got.error.split('\n')[0]!.replace(/\|/g, '\\|')}\``;
    lines.push(`| ${c.dir} | ${got.accepted ? 'accepts' : 'refuses'} | ${what} |`);
  }
  return lines.join('\n') + '\n';
}

async function pool<T, R>(items: T[], n: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await f(items[i]!);
      }
    }),
  );
  return out;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const only: string[] = [];
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only') only.push(argv[++i] ?? '');
    else if (argv[i] === '--check') check = true;
    else if (argv[i] === '--list') {
      for (const c of CASES) console.log(`${c.dir.padEnd(44)} ${c.expect.padEnd(8)} ${c.title}`);
      return 0;
    } else throw new Error(`unknown flag ${argv[i]}`);
  }
  const dirs = new Set<string>();
  for (const c of CASES) {
    if (dirs.has(c.dir)) throw new Error(`duplicate case ${c.dir}`);
    dirs.add(c.dir);
  }
  const sid = spawnSync(path.join(ROOT, '.ci/qemu-sid.sh'), { stdio: ['ignore', 'pipe', 'inherit'] });
  const q = findQemus();
  if (!q.qemu111 || sid.status !== 0) {
    console.error('QEMU 11.1 is needed (.ci/qemu-sid.sh)');
    return 1;
  }
  const selected = CASES.filter((c) => !only.length || only.some((s) => c.dir.includes(s)));
  const results = await pool(selected, 4, async (c) => {
    const args = c.args.trim().split(/\s+/);
    const got = await capture(q.qemu111!, args, c.expect === 'accepted');
    const old = q.qemu72 ? await capture(q.qemu72, args, false) : null;
    return { c, args, got, old };
  });
  let bad = 0;
  for (const { c, args, got, old } of results) {
    const problems: string[] = [];
    if ((got.accepted ? 'accepted' : 'refused') !== c.expect) problems.push(`expected ${c.expect}, QEMU ${got.accepted ? 'accepted it' : `refused it: ${got.error}`}`);
    if (!got.accepted && !got.error) problems.push('refused without a message');
    if (c.expect === 'refused' && !c.why) problems.push('a refused case needs `why`');
    if (!got.accepted && c.why && !got.error.includes(c.why)) problems.push(`refused, but not for the reason meant (${c.why}): ${got.error}`);
    if (problems.length) {
      bad++;
      console.log(`FAIL ${c.dir}\n  ${problems.join('\n  ')}`);
      continue;
    }
    const seabiosDiff = got.accepted ? sameTables(got.tables, got.seabios) : [];
    const dir = path.join(OUT, c.dir);
    const files = new Map<string, Uint8Array | string>();
    files.set('cmdline.txt', args.join(' ') + '\n');
    if (got.accepted) for (const t of TABLES) if (got.tables[t]) files.set(`${t}.bin`, got.tables[t]!);
    for (const t of seabiosDiff) if (got.seabios[t]) files.set(`${t}.seabios.bin`, got.seabios[t]!);
    if (!got.accepted) files.set('error.txt', got.error + '\n');
    const notes = [...(c.notes ?? [])];
    if (seabiosDiff.length) notes.push(`${seabiosDiff.join(', ')} as SeaBIOS installed it differ from the fw_cfg blob (kept as *.seabios.bin).`);
    files.set(
      'meta.json',
      JSON.stringify(
        { title: c.title, qemu: q.versions['11.1'], result: got.accepted ? 'accepted' : 'refused', warnings: got.warnings, qemu72: versionNote(got, old), notes },
        null,
        2,
      ) + '\n',
    );
    if (check) {
      const d: string[] = [];
      const onDisk = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
      const want = [...files.keys()].sort();
      if (onDisk.join() !== want.join()) d.push(`files ${onDisk.join(' ')} ≠ ${want.join(' ')}`);
      for (const [f, v] of files) {
        if (f === 'meta.json' || !fs.existsSync(path.join(dir, f))) continue;
        const disk = new Uint8Array(fs.readFileSync(path.join(dir, f)));
        const now = typeof v === 'string' ? new TextEncoder().encode(v) : v;
        if (!bytesEqual(disk, now)) d.push(`${f} differs`);
      }
      console.log(`${d.length ? 'FAIL' : 'ok  '} ${c.dir}${d.length ? ': ' + d.join(', ') : ''}`);
      if (d.length) bad++;
      continue;
    }
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const [f, v] of files) fs.writeFileSync(path.join(dir, f), v);
    const summary = got.accepted ? TABLES.filter((t) => got.tables[t]).join(' ') || '(none)' : `refused: ${got.error.split('\n')[0]}`;
    console.log(`ok   ${c.dir}: ${summary}${seabiosDiff.length ? ` [SeaBIOS differs: ${seabiosDiff.join(' ')}]` : ''} [7.2: ${versionNote(got, old)}]`);
  }
  if (!check && !only.length) {
    const byDir = new Map(results.map((r) => [r.c.dir, r]));
    fs.writeFileSync(path.join(OUT, 'README.md'), readmeIndex(CASES.map((c) => ({ c, got: byDir.get(c.dir)!.got })), q.versions['11.1'] ?? '11.1'));
  }
  console.log(`${results.length - bad} of ${results.length} cases ${check ? 'match the fixtures' : 'captured'}`);
  return bad ? 1 : 0;
}

main().then(
  (c) => process.exit(c),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
