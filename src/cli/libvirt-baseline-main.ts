/**
 * Baseline over libvirt's own command lines (`npx tsx src/cli/libvirt-baseline-main.ts`): for every case of
 * `testdata/libvirt/` and for QEMU 11.1 (the Debian sid chroot of .ci/qemu-sid.sh) and Debian's QEMU 7.2, run
 * real QEMU the way the differential test does (SRAT, etc/e820, query-memory-devices, or QEMU's error text) and
 * the designer's CLI in-process (`tables --out DIR -- <args>`, `--qemu-version 7.2` for 7.2), compare, and print
 * one line per case and the counts. It measures; it fails nothing (exit 0 unless it cannot run at all).
 *
 *   --only SUBSTRING   cases whose name contains it (repeatable)
 *   --qemu 7.2|11.1    one QEMU only
 *   --jobs N           QEMU processes at a time (default and maximum 2)
 *   --tcg              run the KVM cases under TCG anyway (to tell what KVM changes)
 *   --verbose          every difference, and the substitutions, under each line
 *   --json FILE        also write every result as JSON
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureQemu, findQemus, harnessArgs, parseStderr, removeStaleCaptureDirs, type CaptureResult } from './qemu/capture.ts';
import { FwCfg } from './qemu/fwcfg.ts';
import { Qmp, Qtest, withTimeout } from './qemu/lines.ts';
import { decodeE820, diffE820, diffMemoryDevices, diffSrat } from './qemu/decode.ts';
import {
  CATEGORIES,
  hostCpuVendor,
  hostNumaNodes,
  loadCorpus,
  readArgsFile,
  substituteHostResources,
  type CorpusCase,
  type HostInfo,
  type Substitution,
} from './libvirt-corpus.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type Version = '7.2' | '11.1';
type CliIo = { stdout: (s: string) => void; stderr: (s: string) => void };
type RunCli = (argv: string[], io: CliIo) => Promise<number>;

interface Flags {
  only: string[];
  qemu: Version[];
  jobs: number;
  tcg: boolean;
  verbose: boolean;
  json: string | null;
}

function parseFlags(argv: string[]): Flags {
  const f: Flags = { only: [], qemu: ['11.1', '7.2'], jobs: 2, tcg: false, verbose: false, json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--only') f.only.push(argv[++i] ?? '');
    else if (a === '--qemu') {
      const v = argv[++i];
      if (v !== '7.2' && v !== '11.1') throw new Error(`--qemu expects 7.2 or 11.1, not ${v}`);
      f.qemu = [v];
    } else if (a === '--jobs') f.jobs = Math.min(2, Math.max(1, Number(argv[++i]) || 1));
    else if (a === '--tcg') f.tcg = true;
    else if (a === '--verbose') f.verbose = true;
    else if (a === '--json') f.json = argv[++i] ?? null;
    else throw new Error(`unknown flag ${a}`);
  }
  return f;
}

/** Whether KVM guests start here: /dev/kvm opens read-write and a QEMU with `-accel kvm` comes up and quits. */
function probeKvm(binary: string): { usable: boolean; why: string } {
  try {
    fs.closeSync(fs.openSync('/dev/kvm', 'r+'));
  } catch (e) {
    return { usable: false, why: `/dev/kvm: ${(e as Error).message}` };
  }
  const r = spawnSync(binary, ['-accel', 'kvm', '-M', 'none', '-display', 'none', '-nodefaults', '-S', '-qmp', 'stdio'], {
    input: '{"execute":"qmp_capabilities"}\n{"execute":"query-kvm"}\n{"execute":"quit"}\n',
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (r.status === 0 && /"enabled": true/.test(r.stdout)) return { usable: true, why: 'query-kvm: enabled' };
  return { usable: false, why: `QEMU with -accel kvm: exit ${r.status}, ${(r.stderr || '').split('\n')[0]}` };
}

/** The device models a QEMU offers (`-device help`: lines `name "…"`). */
function devicesOf(binary: string): Set<string> {
  const r = spawnSync(binary, ['-device', 'help'], { encoding: 'utf8', timeout: 30_000 });
  return new Set([...(r.stdout ?? '').matchAll(/^name "([^"]+)"/gm)].map((m) => m[1]));
}

// ---------------------------------------------------------------------------------------------------------------
// acpi=off: QEMU builds no ACPI tables, and captureQemu insists on etc/acpi/tables. For those runs (most of
// libvirt's corpus says acpi=off) the same steps without the tables: etc/e820 and query-memory-devices, no SRAT.
// ---------------------------------------------------------------------------------------------------------------

async function captureWithoutAcpi(binary: string, args: string[], accel: 'tcg' | 'as-given', timeoutMs: number): Promise<CaptureResult> {
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1, deadline - Date.now());
  const dir = await fsp.mkdtemp('/tmp/mmd-qemu-');
  let stderr = '';
  let exited = false;
  const child = spawn('setpriv', ['--pdeathsig', 'SIGKILL', binary, ...args, ...harnessArgs(dir, true, accel)], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exit = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      exited = true;
      resolve(code);
    });
    child.on('error', () => {
      exited = true;
      resolve(null);
    });
  });
  const stderrDone = new Promise<void>((resolve) => child.stderr.on('close', () => resolve()));
  const rejected = async (): Promise<CaptureResult> => {
    const code = await withTimeout(exit, left(), 'QEMU exit');
    await withTimeout(stderrDone, 2000, 'stderr').catch(() => undefined);
    return { accepted: false, stderr: parseStderr(stderr).message, rawStderr: stderr, exitCode: code };
  };
  let qmp: Qmp | null = null;
  let qt: Qtest | null = null;
  const connect = async <T>(open: () => Promise<T>): Promise<T | null> => {
    for (;;) {
      try {
        return await open();
      } catch (e) {
        if (exited) return null;
        if (Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 10));
      }
    }
  };
  try {
    qmp = await connect(() => Qmp.open(path.join(dir, 'qmp.sock')));
    if (!qmp) return await rejected();
    qt = await connect(() => Qtest.open(path.join(dir, 'qtest.sock')));
    if (!qt) return await rejected();
    const fw = await withTimeout(FwCfg.open(qt), left(), 'fw_cfg');
    let files = await withTimeout(fw.directory(), left(), 'fw_cfg directory');
    if (fw.usesDma && !files.some((f) => f.name === 'etc/e820')) {
      fw.disableDma();
      files = await withTimeout(fw.directory(), left(), 'fw_cfg directory (port I/O)');
    }
    const e820File = files.find((f) => f.name === 'etc/e820');
    if (!e820File) throw new Error('fw_cfg has no etc/e820');
    const e820 = await withTimeout(fw.readFile(e820File), left(), 'etc/e820');
    const rme = files.find((f) => f.name === 'etc/reserved-memory-end');
    let reservedMemoryEnd: bigint | null = null;
    if (rme) {
      const b = await withTimeout(fw.readFile(rme), left(), 'etc/reserved-memory-end');
      reservedMemoryEnd = new DataView(b.buffer, b.byteOffset, b.byteLength).getBigUint64(0, true);
    }
    const memoryDevices = await withTimeout(qmp.execute<unknown[]>('query-memory-devices'), left(), 'query-memory-devices');
    await withTimeout(qmp.execute('quit').catch(() => undefined), left(), 'quit');
    await withTimeout(exit, 3000, 'exit after quit').catch(() => undefined);
    await withTimeout(stderrDone, 1000, 'stderr').catch(() => undefined);
    return { accepted: true, e820, srat: null, memoryDevices, reservedMemoryEnd, warnings: parseStderr(stderr).warnings, timings: {} };
  } catch (e) {
    if (exited) return await rejected();
    throw e;
  } finally {
    qmp?.close();
    qt?.close();
    if (!exited && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      await withTimeout(exit, 3000, 'exit after SIGKILL').catch(() => undefined);
    }
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

/** captureQemu, falling back to captureWithoutAcpi when QEMU built no ACPI tables. */
async function capture(binary: string, args: string[], accel: 'tcg' | 'as-given'): Promise<CaptureResult> {
  try {
    return await captureQemu(binary, args, { timeoutMs: 90_000, accel });
  } catch (e) {
    if (!/fw_cfg has no etc\/acpi\/tables/.test((e as Error).message)) throw e;
    return captureWithoutAcpi(binary, args, accel, 90_000);
  }
}

/** QEMU's error: the first line of its message that is not a warning, with what follows it. */
function qemuError(r: Extract<CaptureResult, { accepted: false }>): string {
  const lines = r.stderr.split('\n');
  let i = 0;
  while (i < lines.length - 1 && /(^|: )warning: /.test(lines[i])) i++;
  return lines.slice(i).join('\n').replace(/^(?:\S*\/)?qemu-system-x86_64: /, '');
}

// ---------------------------------------------------------------------------------------------------------------
// One comparison, the way qemu-diff-main does it
// ---------------------------------------------------------------------------------------------------------------

interface CliOutcome {
  code: number;
  stderr: string;
  srat: Uint8Array | null;
  e820: Uint8Array | null;
  e820Json: unknown;
  memoryDevices: unknown;
  files: string[];
}

async function runDesigner(runCli: RunCli, version: Version, outDir: string, args: string[]): Promise<CliOutcome> {
  let stderr = '';
  let code: number;
  try {
    code = await runCli(['tables', ...(version === '7.2' ? ['--qemu-version', '7.2'] : []), '--out', outDir, '--', ...args], {
      stdout: () => undefined,
      stderr: (s) => (stderr += s),
    });
  } catch (e) {
    code = -1;
    stderr += `runCli threw: ${(e as Error).stack ?? e}`;
  }
  const files = fs.existsSync(outDir) ? (await fsp.readdir(outDir)).sort() : [];
  const read = (f: string) => (files.includes(f) ? new Uint8Array(fs.readFileSync(path.join(outDir, f))) : null);
  const json = (f: string) => {
    const b = read(f);
    if (!b) return undefined;
    try {
      return JSON.parse(Buffer.from(b).toString('utf8'));
    } catch (e) {
      return { unparsable: (e as Error).message };
    }
  };
  return { code, stderr, srat: read('SRAT.bin'), e820: read('e820.bin'), e820Json: json('e820.json'), memoryDevices: json('memory-devices.json'), files };
}

/** The CLI's error text with warning lines before it dropped. */
function designerError(stderr: string): string {
  const lines = stderr.replace(/\n+$/, '').split('\n');
  let i = 0;
  while (i < lines.length - 1 && lines[i].startsWith('warning: ')) i++;
  return lines.slice(i).join('\n');
}

/** Differences between real QEMU and the designer for an accepted configuration (empty: the same). */
function diffAccepted(real: Extract<CaptureResult, { accepted: true }>, cli: CliOutcome): string[] {
  const out: string[] = [];
  out.push(...diffSrat(real.srat, cli.srat));
  if (!cli.e820) out.push('e820.bin: missing');
  else out.push(...diffE820(real.e820, cli.e820));
  const want = decodeE820(real.e820).entries;
  if (!Array.isArray(cli.e820Json)) out.push('e820.json: missing or not an array');
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
    if (!ok) out.push("e820.json differs from QEMU's etc/e820");
  }
  if (!Array.isArray(cli.memoryDevices)) out.push('memory-devices.json: missing or not an array');
  else out.push(...diffMemoryDevices(real.memoryDevices, cli.memoryDevices));
  return out.map((l) => l.trim());
}

type Verdict = 'same' | 'different' | 'qemu refused' | 'designer refused' | 'harness error';

interface Result {
  case: string;
  category: string;
  version: Version;
  verdict: Verdict;
  /** the line printed after the verdict */
  detail: string;
  /** for 'qemu refused': whether the designer refused with QEMU's own message */
  designerAgrees?: boolean;
  diffs: string[];
  causes: string[];
  kvm: boolean;
  substitutions: Substitution[];
}

const firstLine = (s: string) => s.split('\n')[0];

/**
 * The likely cause of a mismatch, read off the arguments and the messages: the first rule that fits (for the
 * summary; a hint, not a diagnosis). Empty for a match.
 */
function causesOf(args: string[], r: Pick<Result, 'verdict' | 'detail' | 'diffs' | 'kvm'> & { designerAgrees?: boolean }): string[] {
  if (r.verdict === 'same' || (r.verdict === 'qemu refused' && r.designerAgrees)) return [];
  const acpiOff = args.some((a, i) => i > 0 && (args[i - 1] === '-machine' || args[i - 1] === '-M') && /(^|,)acpi=off(,|$)/.test(a));
  const designerMsg = r.verdict === 'designer refused' ? r.detail : (/— designer: "(.*)"$/.exec(r.detail)?.[1] ?? '');
  const c: string[] = [];
  if (acpiOff && (r.diffs.some((d) => /^SRAT: expected none/.test(d)) || /missing acpi device or acpi disabled/.test(r.detail))) {
    c.push('-machine acpi=off not modelled (the designer builds an SRAT, allows memory hotplug)');
  } else if (/CPU model 'host' requires KVM/.test(designerMsg)) c.push("-accel kvm not read (designer: CPU model 'host' requires KVM)");
  else if (/invalid option/.test(designerMsg)) c.push('option unknown to the designer');
  if (r.verdict === 'different' && r.kvm && r.diffs.some((d) => /0xfeffc000/.test(d)))
    c.push('KVM not modelled: e820 RESERVED 0xfeffc000+0x4000 (identity map/TSS) and the host CPU vendor (AMD HT hole)');
  if (r.verdict === 'qemu refused' && / — designer accepted$/.test(r.detail)) c.push(`designer accepts what QEMU refuses: ${r.detail.replace(/ — designer accepted$/, '').replace(/0x[0-9a-f]+/g, '0x…').slice(0, 90)}`);
  if (c.length === 0 && r.verdict === 'different') c.push(`other difference: ${r.detail.slice(0, 90)}`);
  if (c.length === 0) c.push(`other: ${r.detail.slice(0, 90)}`);
  return c;
}

async function runCase(
  c: CorpusCase,
  version: Version,
  binary: string,
  host: HostInfo,
  runCli: RunCli,
  work: string,
): Promise<Result> {
  const file = readArgsFile(c.text);
  const tmp = await fsp.mkdtemp(path.join('/dev/shm', `mmd-libvirt-${version}-`));
  try {
    const sub = substituteHostResources(file.argv, host, tmp);
    for (const d of sub.dirs) fs.mkdirSync(d, { recursive: true });
    const args = sub.argv;
    const kvm = args.some((a, i) => a === 'kvm' && args[i - 1] === '-accel') || args.includes('-enable-kvm');
    const base = { case: c.name, category: c.category, version, kvm, substitutions: sub.substitutions };
    let real: CaptureResult;
    try {
      real = await capture(binary, args, kvm ? 'as-given' : 'tcg');
    } catch (e) {
      const r = { ...base, verdict: 'harness error' as Verdict, detail: firstLine((e as Error).message), diffs: [] };
      return { ...r, causes: causesOf(args, r) };
    }
    const cli = await runDesigner(runCli, version, path.join(work, `${version}-${c.name}`), args);
    let r: Omit<Result, 'causes'>;
    if (!real.accepted) {
      const msg = qemuError(real);
      const got = cli.code === 2 ? designerError(cli.stderr) : null;
      const agrees = got === msg;
      const designer =
        cli.code === 0 ? 'designer accepted' : got === null ? `designer exit ${cli.code}` : agrees ? 'designer: same message' : `designer: ${JSON.stringify(firstLine(got))}`;
      r = { ...base, verdict: 'qemu refused', detail: `${firstLine(msg)} — ${designer}`, designerAgrees: agrees, diffs: [] };
    } else if (cli.code !== 0) {
      r = { ...base, verdict: 'designer refused', detail: firstLine(designerError(cli.stderr)), diffs: [] };
    } else {
      const diffs = diffAccepted(real, cli);
      r = diffs.length === 0 ? { ...base, verdict: 'same', detail: '', diffs } : { ...base, verdict: 'different', detail: diffs[0], diffs };
    }
    return { ...r, causes: causesOf(args, r) };
  } finally {
    await fsp.rm(tmp, { recursive: true, force: true });
  }
}

function line(r: Result): string {
  const head = `[${r.version}] ${r.case}${r.kvm ? ' (kvm)' : ''}:`;
  switch (r.verdict) {
    case 'same':
      return `${head} same`;
    case 'different':
      return `${head} DIFFERENT: ${r.detail}${r.diffs.length > 1 ? ` (+${r.diffs.length - 1} more)` : ''}`;
    case 'qemu refused':
      return `${head} qemu refused: ${r.detail}`;
    case 'designer refused':
      return `${head} designer refused: ${r.detail}`;
    default:
      return `${head} harness error: ${r.detail}`;
  }
}

function tally<T>(items: T[], key: (t: T) => string): Array<[string, number]> {
  const m = new Map<string, number>();
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2));
  const t0 = Date.now();

  const wanted = new Set(flags.qemu);
  if (wanted.has('11.1')) {
    const sid = spawnSync('bash', [path.join(ROOT, '.ci/qemu-sid.sh')], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (sid.status !== 0) console.log(`QEMU 11.1: .ci/qemu-sid.sh failed (exit ${sid.status}); 11.1 is skipped`);
  }
  const qemus = findQemus();
  const binaries: Partial<Record<Version, string>> = {};
  if (wanted.has('11.1') && qemus.qemu111) binaries['11.1'] = qemus.qemu111;
  if (wanted.has('7.2') && qemus.qemu72) binaries['7.2'] = qemus.qemu72;
  if (Object.keys(binaries).length === 0) {
    console.error('no QEMU to run (need /usr/bin/qemu-system-x86_64 7.2 and/or the sid chroot 11.1)');
    return 1;
  }
  const anyBinary = binaries['11.1'] ?? binaries['7.2']!;
  const kvmProbe = probeKvm(anyBinary);
  const host: HostInfo = { kvm: kvmProbe.usable && !flags.tcg, hostNodes: hostNumaNodes() };
  const hostFor: Partial<Record<Version, HostInfo>> = {};
  for (const [v, bin] of Object.entries(binaries) as Array<[Version, string]>) hostFor[v] = { ...host, devices: devicesOf(bin) };
  console.log(`QEMU: ${Object.entries(qemus.versions).map(([k, v]) => `${k} = ${v}`).join(', ')}`);
  console.log(
    `host: CPU vendor ${hostCpuVendor()}, NUMA nodes [${host.hostNodes}], /dev/kvm ${kvmProbe.usable ? 'usable' : 'not usable'} (${kvmProbe.why})` +
      (flags.tcg ? '; --tcg: KVM cases run under TCG' : ''),
  );

  const { runCli } = (await import('./run.ts')) as { runCli: RunCli };
  removeStaleCaptureDirs();
  const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'mmd-diff-libvirt-'));

  const corpus = loadCorpus().filter((c) => flags.only.length === 0 || flags.only.some((s) => c.name.includes(s)));
  const counts = tally(corpus, (c) => c.category);
  console.log(`${corpus.length} cases: ${CATEGORIES.map((k) => `${k} ${counts.find((c) => c[0] === k)?.[1] ?? 0}`).join(', ')}`);

  const jobs: Array<{ c: CorpusCase; v: Version; bin: string }> = [];
  for (const v of ['11.1', '7.2'] as Version[]) {
    const bin = binaries[v];
    if (bin) for (const c of corpus) jobs.push({ c, v, bin });
  }
  const results: Result[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(flags.jobs, jobs.length) }, async () => {
      while (next < jobs.length) {
        const { c, v, bin } = jobs[next++];
        const r = await runCase(c, v, bin, hostFor[v]!, runCli, work);
        results.push(r);
        console.log(line(r));
        if (flags.verbose) {
          for (const d of r.diffs.slice(1)) console.log(`      ${d}`);
          for (const s of r.substitutions) console.log(`      subst: ${s.was}${s.now ? ` → ${s.now}` : ' (dropped)'} — ${s.reason}`);
        }
      }
    }),
  );
  await fsp.rm(work, { recursive: true, force: true });

  // the summary
  console.log('');
  for (const v of ['11.1', '7.2'] as Version[]) {
    const rs = results.filter((r) => r.version === v);
    if (rs.length === 0) continue;
    const n = (k: Verdict) => rs.filter((r) => r.verdict === k).length;
    const agree = rs.filter((r) => r.verdict === 'qemu refused' && r.designerAgrees).length;
    console.log(
      `QEMU ${v}: ${rs.length} cases — same ${n('same')}, different ${n('different')}, qemu refused ${n('qemu refused')} ` +
        `(designer same message ${agree}), designer refused ${n('designer refused')}, harness error ${n('harness error')}`,
    );
    for (const k of CATEGORIES) {
      const rc = rs.filter((r) => r.category === k);
      if (rc.length === 0) continue;
      const m = (x: Verdict) => rc.filter((r) => r.verdict === x).length;
      console.log(`  ${k}: ${rc.length} — same ${m('same')}, different ${m('different')}, qemu refused ${m('qemu refused')}, designer refused ${m('designer refused')}`);
    }
    const bad = rs.filter((r) => r.verdict === 'different' || r.verdict === 'designer refused' || (r.verdict === 'qemu refused' && !r.designerAgrees));
    console.log('  likely causes of the mismatches (first rule that fits, a case can add a second):');
    for (const [k, cnt] of tally(bad.flatMap((r) => r.causes), (x) => x)) console.log(`    ${cnt}× ${k}`);
    console.log('  most common first lines:');
    for (const [k, cnt] of tally(bad, (r) => `${r.verdict}: ${r.verdict === 'qemu refused' ? r.detail : r.detail.replace(/0x[0-9a-f]+/g, '0x…').replace(/\d+/g, 'N')}`).slice(0, 8))
      console.log(`    ${cnt}× ${k.slice(0, 200)}`);
  }
  const reasons = results
    .filter((r) => r.version === (binaries['11.1'] ? '11.1' : '7.2'))
    .flatMap((r) => r.substitutions.flatMap((s) => s.reason.split(' + ')));
  const subs = tally(reasons, (s) => s.replace(/\[[\d,]*\]/g, '[…]').replace(/\d+/g, 'N').replace(/'[^']*'/g, "'…'").replace(/(?<![\w'])\/[^\s),;]+/g, '/…'));
  console.log(`substitutions (occurrences over the ${corpus.length} cases, one QEMU):`);
  for (const [k, cnt] of subs) console.log(`  ${cnt}× ${k.slice(0, 220)}`);
  console.log(`(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (flags.json) fs.writeFileSync(flags.json, JSON.stringify(results, null, 2) + '\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
