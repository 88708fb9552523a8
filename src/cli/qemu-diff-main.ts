/**
 * `npm run test:qemu`: the differential test. For every case of qemu-diff-cases.ts, run real QEMU (Debian's 7.2
 * and the 11.1 of the sid chroot) and the project's CLI on the same arguments, and compare SRAT, SLIT and HMAT bytes
 * (each present exactly when QEMU builds it), etc/e820 bytes, query-memory-devices (as sets) and, for rejected configurations, the exact error text.
 *
 * Flags: --only SUBSTRING (case names), --qemu 7.2|11.1, --real (print what real QEMU does; no comparison),
 * --jobs N (default 2), --fuzz N [--seed S] (exploration: N extra generated cases and N extra sp-mem ones from
 * seed S instead of the fixed list), --json FILE (also write the figures as {"passed": N, "failed": M}).
 * Env: MMD_ALLOW_NO_SID=1 lets the run pass without QEMU 11.1 (sp-mem then unverified against real QEMU).
 * Cases marked `accel: 'kvm'` run under KVM (no -accel tcg added) with the CLI given `--host-cpu` of this machine
 * (/proc/cpuinfo); without a usable /dev/kvm they are skipped as unavailable, with a banner. `excluded` runs
 * (host limits such as 7.2's MSR 0x10a abort with -cpu host/max) are listed as skipped with their reason.
 *
 * libvirt's own command lines (testdata/libvirt, libvirt-corpus.ts) are cases too, `libvirt-NAME` on each
 * version: the host-resource substitutions applied (in a fresh directory under /dev/shm per run; `--verbose`
 * prints them), those asking for KVM run under KVM when /dev/kvm is usable and under TCG otherwise (said loudly,
 * with the host's CPU vendor). A KVM run QEMU refuses for a reason of this host (KVM_HOST_LIMITS) is excluded
 * with its reason and QEMU's message.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureQemu, findQemus, parseStderr, removeStaleCaptureDirs, type CaptureResult } from './qemu/capture.ts';
import { parseQemuArgs } from '../core/syntax/index.ts';
import { computeMachine } from '../core/machine/index.ts';
import { qemuCatalog } from './qemu-catalog.ts';
import { computeFor } from './load.ts';
import { formatHostCpu, thisHostCpu } from './host-cpu.ts';
import type { HostCpu } from '../core/document/index.ts';
import {
  decodeE820,
  diffE820,
  diffMemoryDevices,
  diffSrat,
  formatE820,
  summarizeSrat,
} from './qemu/decode.ts';
import { CASES, E2E_CASES, MEM_DIR, generateCases, type DiffCase, type QemuVersionTag } from './qemu-diff-cases.ts';
import {
  asksForKvm,
  hostCpuVendor,
  hostNumaNodes,
  kvmHostLimit,
  loadCorpus,
  readArgsFile,
  substituteHostResources,
  type CorpusCase,
  type HostInfo,
  type Substitution,
} from './libvirt-corpus.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type CliIo = { stdout: (s: string) => void; stderr: (s: string) => void };
type RunCli = (argv: string[], io: CliIo) => Promise<number>;

interface Flags {
  only: string[];
  qemu: QemuVersionTag[];
  real: boolean;
  jobs: number;
  fuzz: number;
  seed: number;
  /** where to write {passed, failed} (null: nowhere) */
  json: string | null;
  /** behave as if /dev/kvm were not usable */
  noKvm: boolean;
  /** print the host-resource substitutions of every libvirt case */
  verbose: boolean;
}

function parseFlags(argv: string[]): Flags {
  const f: Flags = { only: [], qemu: ['7.2', '11.1'], real: false, jobs: 2, fuzz: 0, seed: Date.now() % 1_000_000, json: null, noKvm: false, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--only') f.only.push(argv[++i] ?? '');
    else if (a === '--qemu') {
      const v = argv[++i];
      if (v !== '7.2' && v !== '11.1') {
        process.stderr.write(`--qemu expects 7.2 or 11.1, not ${v}\n`);
        process.exit(1);
      }
      f.qemu = [v];
    } else if (a === '--real') f.real = true;
    else if (a === '--jobs') f.jobs = Math.max(1, Number(argv[++i]) || 1);
    else if (a === '--fuzz') f.fuzz = Math.max(0, Number(argv[++i]) || 0);
    else if (a === '--seed') f.seed = Number(argv[++i]) || 0;
    else if (a === '--json') {
      const file = argv[++i];
      if (!file) {
        process.stderr.write(`--json needs a file\n${DIFF_USAGE}`);
        process.exit(1);
      }
      f.json = file;
    } else if (a === '--no-kvm') f.noKvm = true;
    else if (a === '--verbose') f.verbose = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(DIFF_USAGE);
      process.exit(0);
    } else {
      process.stderr.write(`unknown flag ${a}\n${DIFF_USAGE}`);
      process.exit(1);
    }
  }
  return f;
}

const DIFF_USAGE = `usage: npm run test:qemu [-- options]
  --only SUBSTRING   run the cases whose name contains SUBSTRING (repeatable)
  --qemu 7.2|11.1    run against one QEMU only
  --jobs N           QEMU runs in parallel (default 2)
  --real             print what real QEMU does, compare nothing
  --fuzz N --seed S  N extra generated cases from seed S (exploration)
  --json FILE        also write the figures to FILE as {"passed": N, "failed": M}
  --no-kvm           behave as if /dev/kvm were not usable (KVM cases skipped, libvirt's under TCG)
  --verbose          print the host-resource substitutions of every libvirt case
`;

function banner(lines: string[]): string {
  const bar = '#'.repeat(100);
  return ['', bar, ...lines.map((l) => `##  ${l}`), bar, ''].join('\n');
}

function noSidWarning(why: string): string {
  return banner([
    'WARNING: QEMU 11.1 IS NOT AVAILABLE — sp-mem WAS NOT CHECKED AGAINST REAL QEMU',
    why,
    'The sp-mem cases (and every case on 11.1) were NOT run against a real QEMU 11.1.',
    'Only the unit tests\' hand computations cover sp-mem in this run.',
    'Set MMD_ALLOW_NO_SID=1 to accept this; otherwise this run fails.',
  ]);
}

function libvirtUnderTcgBanner(why: string, n: number, vendor: string): string {
  return banner([
    `WARNING: /dev/kvm IS NOT USABLE — ${n} LIBVIRT RUN(S) THAT ASK FOR KVM RAN UNDER TCG INSTEAD`,
    `why: ${why}`,
    `host CPU vendor: ${vendor}. Under TCG the built-in CPU models keep their own vendor and the KVM E820 entry`,
    'is absent: these runs check the TCG tables, not what KVM would build. Run on a machine with KVM to check those.',
  ]);
}

function kvmUnavailableBanner(why: string, n: number, host: HostCpu): string {
  return banner([
    'WARNING: /dev/kvm IS NOT USABLE — THE KVM CASES WERE NOT CHECKED AGAINST REAL QEMU',
    `why: ${why}`,
    `${n} KVM case run(s) skipped as unavailable; host CPU ${formatHostCpu(host)}.`,
    'Run on a machine with KVM (and access to /dev/kvm) to check them.',
  ]);
}

/** What the CLI produced for one case. */
interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
  srat: Uint8Array | null;
  slit: Uint8Array | null;
  hmat: Uint8Array | null;
  e820: Uint8Array | null;
  e820Json: unknown;
  memoryDevices: unknown;
  files: string[];
}

async function readCliOut(dir: string, code: number, stdout: string, stderr: string): Promise<CliOutcome> {
  const files = fs.existsSync(dir) ? (await fsp.readdir(dir)).sort() : [];
  const read = (f: string) => (files.includes(f) ? new Uint8Array(fs.readFileSync(path.join(dir, f))) : null);
  const json = (f: string) => {
    const b = read(f);
    if (!b) return undefined;
    try {
      return JSON.parse(Buffer.from(b).toString('utf8'));
    } catch (e) {
      return { unparsable: (e as Error).message };
    }
  };
  return {
    code,
    stdout,
    stderr,
    srat: read('SRAT.bin'),
    slit: read('SLIT.bin'),
    hmat: read('HMAT.bin'),
    e820: read('e820.bin'),
    e820Json: json('e820.json'),
    memoryDevices: json('memory-devices.json'),
    files,
  };
}

function cliArgv(version: QemuVersionTag, outDir: string, args: string[], hostCpu?: string): string[] {
  return ['tables', ...(version === '7.2' ? ['--qemu-version', '7.2'] : []), ...(hostCpu ? ['--host-cpu', hostCpu] : []), '--out', outDir, '--', ...args];
}

/** Whether this process can open /dev/kvm for reading and writing (what QEMU needs for -accel kvm). */
function kvmUsable(): { ok: true } | { ok: false; why: string } {
  try {
    fs.closeSync(fs.openSync('/dev/kvm', 'r+'));
    return { ok: true };
  } catch (e) {
    return { ok: false, why: (e as Error).message };
  }
}

async function runCliInProcess(runCli: RunCli, version: QemuVersionTag, outDir: string, args: string[], hostCpu?: string): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  let code: number;
  try {
    code = await runCli(cliArgv(version, outDir, args, hostCpu), { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  } catch (e) {
    code = -1;
    stderr += `runCli threw: ${(e as Error).stack ?? e}`;
  }
  return readCliOut(outDir, code, stdout, stderr);
}

function runCliSpawned(version: QemuVersionTag, outDir: string, args: string[]): Promise<CliOutcome> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'cli', '--', ...cliArgv(version, outDir, args)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      // npm prints its own configuration warnings on stderr; they are not the CLI's output
      stderr = stderr
        .split('\n')
        .filter((l) => !l.startsWith('npm warn') && !l.startsWith('npm WARN'))
        .join('\n');
      void readCliOut(outDir, code ?? -1, stdout, stderr).then(resolve);
    });
  });
}

/** The error text the CLI printed, with any warning lines before it dropped. */
function cliErrorText(stderr: string): string {
  const lines = stderr.replace(/\n+$/, '').split('\n');
  let i = 0;
  while (i < lines.length - 1 && lines[i].startsWith('warning: ')) i++;
  return lines.slice(i).join('\n');
}

/** QEMU's message: its prefixed error line(s); else (acpi-generic-initiator/-port print without the prefix) stderr minus warnings. */
function realErrorText(r: Extract<CaptureResult, { accepted: false }>): string {
  if (r.stderr.trim()) return r.stderr;
  return r.rawStderr
    .split('\n')
    .filter((l) => l.trim() && !/^(?:\S*\/)?qemu-system-x86_64: warning: /.test(l))
    .join('\n');
}

function quoteLines(s: string): string {
  return s
    .split('\n')
    .map((l) => `      | ${l}`)
    .join('\n');
}

function compare(real: CaptureResult, cli: CliOutcome): string[] {
  const out: string[] = [];
  if (!real.accepted) {
    if (cli.code !== 2) {
      out.push(`  QEMU rejects, CLI exit code ${cli.code} (expected 2)`);
      out.push(`    QEMU: ${JSON.stringify(real.stderr)}`);
      if (cli.code === 0) {
        if (cli.e820) out.push(`    CLI e820: ${decodeE820(cli.e820).entries.map(formatE820).join(' ')}`);
        if (cli.srat) out.push(`    CLI SRAT: ${summarizeSrat(cli.srat)}`);
      }
      if (cli.stderr) out.push(`    CLI stderr:\n${quoteLines(cli.stderr.replace(/\n+$/, ''))}`);
      return out;
    }
    const got = cliErrorText(cli.stderr);
    const want = realErrorText(real);
    if (got !== want) {
      out.push('  error text differs');
      out.push(`    expected: ${JSON.stringify(want)}`);
      out.push(`    actual:   ${JSON.stringify(got)}`);
    }
    if (cli.files.length) out.push(`  CLI wrote files on rejection: ${cli.files.join(', ')}`);
    return out;
  }
  if (cli.code !== 0) {
    out.push(`  QEMU accepts, CLI exit code ${cli.code} (expected 0)`);
    if (cli.stderr) out.push(`    CLI stderr:\n${quoteLines(cli.stderr.replace(/\n+$/, ''))}`);
    out.push(`    QEMU e820: ${decodeE820(real.e820).entries.map(formatE820).join(' ')}`);
    out.push(`    QEMU SRAT: ${real.srat ? summarizeSrat(real.srat) : 'none'}`);
    return out;
  }
  out.push(...diffSrat(real.srat, cli.srat));
  for (const sig of ['SLIT', 'HMAT'] as const) out.push(...diffTable(sig, realTable(real, sig), sig === 'SLIT' ? cli.slit : cli.hmat));
  if (!cli.e820) out.push('  e820.bin: missing');
  else out.push(...diffE820(real.e820, cli.e820));
  // e820.json must say what e820.bin says
  const want = decodeE820(real.e820).entries;
  if (!Array.isArray(cli.e820Json)) out.push(`  e820.json: missing or not an array (${JSON.stringify(cli.e820Json)?.slice(0, 80)})`);
  else {
    const ok =
      cli.e820Json.length === want.length &&
      cli.e820Json.every((e: { start?: string; length?: string; type?: number }, i: number) => {
        try {
          return BigInt(e.start!) === want[i].address && BigInt(e.length!) === want[i].length && e.type === want[i].type;
        } catch {
          return false;
        }
      });
    if (!ok) out.push(`  e820.json differs from QEMU's etc/e820: ${JSON.stringify(cli.e820Json)}`);
  }
  if (!Array.isArray(cli.memoryDevices)) out.push(`  memory-devices.json: missing or not an array`);
  else out.push(...diffMemoryDevices(real.memoryDevices, cli.memoryDevices));
  return out;
}

/** A table of QEMU's blob (captured with allTables), null when QEMU built none. */
function realTable(r: Extract<CaptureResult, { accepted: true }>, signature: string): Uint8Array | null {
  if (!r.tables) throw new Error('the capture has no table list (allTables)');
  return r.tables.find((t) => t.signature === signature)?.bytes ?? null;
}

/** The SLIT or HMAT bytes against QEMU's: presence, length, the first bytes that differ. */
function diffTable(signature: string, want: Uint8Array | null, got: Uint8Array | null): string[] {
  if (!want && !got) return [];
  if (!want) return [`  ${signature}: QEMU builds none, the CLI wrote ${got!.length} bytes`];
  if (!got) return [`  ${signature}: QEMU builds one (${want.length} bytes), the CLI wrote none`];
  const hex = (b: Uint8Array, at: number) => Buffer.from(b.subarray(at, at + 16)).toString('hex');
  let at = 0;
  while (at < want.length && at < got.length && want[at] === got[at]) at++;
  if (at === want.length && at === got.length) return [];
  return [`  ${signature} differs at byte ${at} (QEMU ${want.length} bytes, CLI ${got.length}): QEMU ${hex(want, at)}, CLI ${hex(got, at)}`];
}

function describeReal(r: CaptureResult): string {
  if (!r.accepted) return `REJECTED: ${JSON.stringify(r.stderr)}`;
  return [
    `e820: ${decodeE820(r.e820).entries.map(formatE820).join(' ')}`,
    `SRAT: ${r.srat ? summarizeSrat(r.srat) : 'none'}`,
    `memory devices: ${JSON.stringify(r.memoryDevices)}`,
    ...(r.warnings.length ? [`warnings: ${JSON.stringify(r.warnings)}`] : []),
  ]
    .map((l) => '    ' + l)
    .join('\n');
}

/** One libvirt file on one QEMU. */
interface LibvirtJob {
  lc: CorpusCase;
  v: QemuVersionTag;
  bin: string;
  info: HostInfo;
  /** run under KVM (it asks for KVM and /dev/kvm is usable) */
  kvm: boolean;
}

/** The device models a QEMU offers (`-device help`: lines `name "…"`), for the stand-ins of missing modules. */
function qemuDeviceModels(binary: string): Set<string> {
  const r = spawnSync(binary, ['-device', 'help'], { encoding: 'utf8', timeout: 30_000 });
  return new Set([...(r.stdout ?? '').matchAll(/^name "([^"]+)"/gm)].map((m) => m[1]!));
}

/**
 * Warnings the designer does not give: a CPU feature this host's KVM lacks (a fact of the host, not of the
 * arguments), and, where the arguments have -nic or -net (whose cards and hubs the designer does not model), the
 * network cards' and hubs' warnings.
 */
const NOT_MODELLED_WARNINGS: readonly RegExp[] = [/^host doesn't support requested feature: /];
const NET_WARNINGS: readonly RegExp[] = [/^nic \S+ has no peer(?:\n|$)/, /^hub \d+ (?:is not connected to host network|has no peer)/, /^netdev \S+ has no peer/];

/**
 * QEMU's warning lines (before its error, or all it printed when it accepts), each as one text — `LOC: ` in front
 * when QEMU names the option, `warning: ` dropped, hint lines kept — against the designer's QEMU warnings.
 */
function compareWarnings(real: CaptureResult, args: readonly string[], v: QemuVersionTag): string[] {
  const parsed = real.accepted ? null : parseStderr(real.rawStderr);
  let raw = real.accepted ? real.warnings : parsed!.warnings;
  if (parsed && raw.length > 0 && parsed.message === '') {
    // an error QEMU prints without its program name (error_printf, then exit) reads as the last warning's
    // continuation: it is the error, not part of the warning
    const last = raw[raw.length - 1]!;
    raw = [...raw.slice(0, -1), last.split('\n')[0]!];
  }
  const netOptions = args.some((a) => /^--?(nic|net)$/.test(a));
  const skipped = netOptions ? [...NOT_MODELLED_WARNINGS, ...NET_WARNINGS] : NOT_MODELLED_WARNINGS;
  const want = raw.map((w) => w.replace(/^((?:-\S+(?: [^:]*)?: )?)warning: /, '$1')).filter((w) => !skipped.some((re) => re.test(w)));
  const p = parseQemuArgs([...args], 'case', { qemuVersion: v });
  if (!p.ok) return want.length ? [`  QEMU warns ${JSON.stringify(want)}; the designer refused the arguments`] : [];
  const r = computeMachine(computeFor(p.doc), { qemuVersion: v, catalog: qemuCatalog(v) });
  const got = r.diagnostics
    .filter((d) => d.kind === 'qemu/warning')
    .map((d) => (d.option ? `${d.option.text === '' ? d.option.flag : `${d.option.flag} ${d.option.text}`}: ` : '') + d.message);
  if (JSON.stringify(got) === JSON.stringify(want)) return [];
  return ['  warnings differ', `    expected: ${JSON.stringify(want)}`, `    actual:   ${JSON.stringify(got)}`];
}

/** QEMU's message without the warning lines before it (`warning: …`, `-accel kvm: warning: …`), prefix removed. */
function withoutWarnings(message: string): string {
  const lines = message.split('\n');
  let i = 0;
  while (i < lines.length - 1 && /(^|: )warning: /.test(lines[i]!)) i++;
  return lines.slice(i).join('\n').replace(/^(?:\S*\/)?qemu-system-x86_64: /, '');
}

function describeSubstitution(s: Substitution): string {
  return `${s.was}${s.now ? ` → ${s.now}` : ' (dropped)'} — ${s.reason}`;
}

async function pool<T>(items: T[], jobs: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(jobs, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

async function main(): Promise<number> {
  const t0 = Date.now();
  const flags = parseFlags(process.argv.slice(2));
  const allowNoSid = process.env.MMD_ALLOW_NO_SID === '1';

  const tools = spawnSync(path.join(ROOT, '.ci/ensure-tools.sh'), { stdio: 'inherit' });
  if (tools.status !== 0) {
    console.error('ensure-tools.sh failed: the QEMU oracle cannot run');
    return 1;
  }
  let sidProblem: string | null = null;
  if (flags.qemu.includes('11.1')) {
    const sid = spawnSync(path.join(ROOT, '.ci/qemu-sid.sh'), { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (sid.status !== 0) sidProblem = `.ci/qemu-sid.sh failed (exit ${sid.status})`;
  }
  const qemus = findQemus();
  if (flags.qemu.includes('11.1') && !sidProblem && !qemus.qemu111) sidProblem = 'the sid chroot wrapper does not report QEMU 11.1';
  if (sidProblem) {
    // whatever an earlier build left behind, a failed provisioning means no 11.1 oracle
    qemus.qemu111 = null;
    delete qemus.versions['11.1'];
    console.error(noSidWarning(sidProblem));
  }
  if (flags.qemu.includes('7.2') && !qemus.qemu72) {
    console.error(banner(['ERROR: Debian\'s QEMU 7.2 (/usr/bin/qemu-system-x86_64) is not available']));
    return 1;
  }
  console.log(`QEMU: ${Object.entries(qemus.versions).map(([k, v]) => `${k} = ${v}`).join(', ') || 'none'}`);

  let runCli: RunCli | null = null;
  let cliProblem: string | null = null;
  if (!flags.real) {
    try {
      const mod = (await import('./run.ts')) as { runCli?: RunCli };
      if (typeof mod.runCli !== 'function') throw new Error('src/cli/run.ts does not export runCli');
      runCli = mod.runCli;
    } catch (e) {
      cliProblem = `cannot load the CLI (src/cli/run.ts): ${(e as Error).message.split('\n')[0]}`;
      console.error(banner([`ERROR: ${cliProblem}`, 'every case is reported as failed']));
    }
  }

  fs.mkdirSync(MEM_DIR, { recursive: true });
  removeStaleCaptureDirs();
  const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'mmd-diff-'));

  const cases = flags.fuzz
    ? [...generateCases(flags.seed, flags.fuzz, false, `fuzz${flags.seed}`), ...generateCases(flags.seed + 1, flags.fuzz, true, `fuzz-spm${flags.seed + 1}`)]
    : CASES;
  if (flags.fuzz) console.log(`exploration: ${cases.length} generated cases, seed ${flags.seed}`);
  const selected = (c: DiffCase) => flags.only.length === 0 || flags.only.some((s) => c.name.includes(s));
  const jobs: Array<{ c: DiffCase; v: QemuVersionTag; bin: string }> = [];
  // KVM cases run under KVM (accel 'as-given') with the CLI told this host's CPU; without a usable /dev/kvm they
  // are skipped as unavailable, loudly
  const kvm: ReturnType<typeof kvmUsable> = flags.noKvm ? { ok: false, why: '--no-kvm given' } : kvmUsable();
  const host = thisHostCpu();
  const kvmCases = cases.filter((c) => c.accel === 'kvm' && selected(c));
  const skippedKvm: string[] = [];
  const excluded: string[] = [];
  if (kvmCases.length) {
    console.log(`host CPU: ${formatHostCpu(host.host)} (from ${host.from}); /dev/kvm ${kvm.ok ? 'usable' : `NOT usable (${kvm.why})`}`);
    if (!kvm.ok) console.error(kvmUnavailableBanner(kvm.why, kvmCases.length, host.host));
  }
  for (const v of flags.qemu) {
    const bin = v === '7.2' ? qemus.qemu72 : qemus.qemu111;
    if (!bin) continue;
    for (const c of cases) {
      if (!selected(c) || !(c.versions ?? ['7.2', '11.1']).includes(v)) continue;
      const ex = c.excluded?.find((e) => e.version === v);
      if (ex) {
        excluded.push(`[${v}] ${c.name}: ${ex.reason}`);
        continue;
      }
      if (c.accel === 'kvm' && !kvm.ok) {
        skippedKvm.push(`[${v}] ${c.name}`);
        continue;
      }
      jobs.push({ c, v, bin });
    }
  }
  // libvirt's command lines: one case per file and version, after the others (own pool, own time)
  const corpus: CorpusCase[] = flags.fuzz ? [] : loadCorpus().filter((lc) => selected({ name: `libvirt-${lc.name}`, args: [] }));
  const libvirtJobs: LibvirtJob[] = [];
  let libvirtUnderTcg = 0;
  if (corpus.length) {
    const vendor = hostCpuVendor();
    const hostNodes = hostNumaNodes();
    console.log(`libvirt corpus: ${corpus.length} files; host CPU vendor ${vendor}, NUMA nodes [${hostNodes}], /dev/kvm ${kvm.ok ? 'usable' : `NOT usable (${kvm.why})`}`);
    for (const v of flags.qemu) {
      const bin = v === '7.2' ? qemus.qemu72 : qemus.qemu111;
      if (!bin) continue;
      const info: HostInfo = { kvm: kvm.ok, hostNodes, devices: qemuDeviceModels(bin) };
      for (const lc of corpus) {
        const wantsKvm = asksForKvm(readArgsFile(lc.text).argv);
        if (wantsKvm && !kvm.ok) libvirtUnderTcg++;
        libvirtJobs.push({ lc, v, bin, info, kvm: wantsKvm && kvm.ok });
      }
    }
    if (libvirtUnderTcg) console.error(libvirtUnderTcgBanner(kvm.ok ? '' : kvm.why, libvirtUnderTcg, vendor));
  }
  for (const e of excluded) console.log(`skip ${e}`);

  let passed = 0;
  let failed = 0;
  const failures: string[] = [];
  const realResults = new Map<string, CaptureResult>();
  const fail = (label: string, text: string): void => {
    failed++;
    failures.push(label);
    console.log(`FAIL ${label}\n${text}`);
  };
  /** With --real the run prints what QEMU said; without a CLI there is nothing to compare: true when the run ends here. */
  const endsBeforeCli = (label: string, args: readonly string[], real: CaptureResult): boolean => {
    if (flags.real) {
      passed++;
      console.log(`${label}\n    args: ${args.join(' ')}\n${describeReal(real)}`);
      return true;
    }
    if (!runCli) fail(label, `  ${cliProblem}`);
    return !runCli;
  };
  await pool(jobs, flags.jobs, async ({ c, v, bin }) => {
    const label = `[${v}] ${c.name}`;
    let real: CaptureResult;
    try {
      real = await captureQemu(bin, c.args, c.accel === 'kvm' ? { accel: 'as-given', allTables: true } : { allTables: true });
    } catch (e) {
      fail(label, `  real QEMU could not be captured: ${(e as Error).message}`);
      return;
    }
    realResults.set(`${v} ${c.name}`, real);
    if (endsBeforeCli(label, c.args, real) || !runCli) return;
    const outDir = path.join(work, `${v}-${c.name}`);
    const cli = await runCliInProcess(runCli, v, outDir, c.args, c.accel === 'kvm' ? formatHostCpu(host.host) : undefined);
    const diff = [...compare(real, cli), ...compareWarnings(real, c.args, v)];
    if (diff.length === 0) {
      passed++;
      console.log(`ok   ${label}`);
    } else {
      fail(label, `    args: ${c.args.join(' ')}\n${diff.join('\n')}`);
    }
  });

  const tLibvirt = Date.now();
  await pool(libvirtJobs, Math.min(2, flags.jobs), async (job) => {
    const label = `[${job.v}] libvirt-${job.lc.name}${job.kvm ? ' (kvm)' : ''}`;
    const tmp = await fsp.mkdtemp(path.join('/dev/shm', `mmd-libvirt-${job.v}-`));
    try {
      const sub = substituteHostResources(readArgsFile(job.lc.text).argv, job.info, tmp);
      for (const d of sub.dirs) fs.mkdirSync(d, { recursive: true });
      const substitutions = () => sub.substitutions.map((x) => `      subst: ${describeSubstitution(x)}`).join('\n');
      let real: CaptureResult;
      try {
        real = await captureQemu(job.bin, sub.argv, { accel: job.kvm ? 'as-given' : 'tcg', allTables: true, timeoutMs: 90_000 });
      } catch (e) {
        fail(label, `  real QEMU could not be captured: ${(e as Error).message}`);
        return;
      }
      // QEMU's warnings before its error are dropped from the text compared, those with a location too
      // (`-accel kvm: warning: Number of SMP cpus requested (6) exceeds the recommended cpus supported by KVM (2)`)
      if (!real.accepted) real = { ...real, stderr: withoutWarnings(realErrorText(real)) };
      if (!real.accepted && job.kvm) {
        const limit = kvmHostLimit(realErrorText(real));
        if (limit) {
          const e = `${label}: ${limit.reason} (QEMU: ${JSON.stringify(realErrorText(real).split('\n')[0])})`;
          excluded.push(e);
          console.log(`skip ${e}`);
          return;
        }
      }
      if (endsBeforeCli(label, sub.argv, real) || !runCli) return;
      const cli = await runCliInProcess(runCli, job.v, path.join(work, `libvirt-${job.v}-${job.lc.name}`), sub.argv, job.kvm ? formatHostCpu(host.host) : undefined);
      const diff = compare(real, cli);
      const n = sub.substitutions.length;
      if (diff.length === 0) {
        passed++;
        console.log(`ok   ${label} (${n} substitution${n === 1 ? '' : 's'})${flags.verbose && n ? `\n${substitutions()}` : ''}`);
      } else {
        fail(label, `    file: ${job.lc.path}\n    args: ${sub.argv.join(' ')}\n${n ? substitutions() + '\n' : ''}${diff.join('\n')}`);
      }
    } finally {
      await fsp.rm(tmp, { recursive: true, force: true });
    }
  });
  if (libvirtJobs.length) console.log(`libvirt corpus: ${libvirtJobs.length} runs in ${((Date.now() - tLibvirt) / 1000).toFixed(1)} s`);

  // the CLI contract end to end: spawn `npm run --silent cli -- tables ...` for a few cases
  if (runCli) {
    for (const name of E2E_CASES) {
      const c = cases.find((x) => x.name === name);
      if (!c || !selected(c)) continue;
      for (const v of flags.qemu) {
        const real = realResults.get(`${v} ${c.name}`);
        if (!real) continue;
        const label = `[${v}] ${c.name} (npm run cli)`;
        const cli = await runCliSpawned(v, path.join(work, `e2e-${v}-${c.name}`), c.args);
        const diff = compare(real, cli);
        if (diff.length === 0) {
          passed++;
          console.log(`ok   ${label}`);
        } else {
          fail(label, `${diff.join('\n')}`);
        }
      }
    }
  }

  await fsp.rm(work, { recursive: true, force: true });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (failures.length) console.log(`\nfailed: ${failures.join(', ')}`);
  console.log(`(${secs} s)`);
  if (sidProblem) console.error(noSidWarning(sidProblem));
  if (skippedKvm.length) console.error(kvmUnavailableBanner(kvm.ok ? '' : kvm.why, skippedKvm.length, host.host));
  if (libvirtUnderTcg) console.error(libvirtUnderTcgBanner(kvm.ok ? '' : kvm.why, libvirtUnderTcg, hostCpuVendor()));
  console.log(
    `${passed} passed, ${failed} failed${skippedKvm.length ? `, ${skippedKvm.length} skipped as unavailable (KVM)` : ''}` +
      `${excluded.length ? `, ${excluded.length} excluded (host limits)` : ''}${libvirtUnderTcg ? `, ${libvirtUnderTcg} libvirt KVM run(s) under TCG` : ''}`,
  );
  if (flags.json) fs.writeFileSync(flags.json, JSON.stringify({ passed, failed, excluded: excluded.length, skipped: skippedKvm.length }) + '\n');
  if (failed > 0 || cliProblem) return 1;
  if (sidProblem && !allowNoSid) return 1;
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
