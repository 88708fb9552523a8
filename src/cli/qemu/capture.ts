/**
 * Ask a real qemu-system-x86_64 what it builds for a command line, with no guest OS: `etc/e820`,
 * `etc/reserved-memory-end`, `query-memory-devices` and the SRAT as the guest sees it (checksum filled).
 *
 * QEMU runs paused (`-S`) under TCG with a QMP socket and a qtest socket in a private directory under /tmp.
 * fw_cfg files are read over qtest (DMA when available, else port I/O). The SRAT comes either from fw_cfg's
 * `etc/acpi/tables` with the checksum filled in here (default, fast), or from guest memory after SeaBIOS has
 * installed the tables (`sratVia: 'seabios'`, slower; kept to cross-check the first).
 *
 * QEMU is started through `setpriv --pdeathsig SIGKILL` so it dies with this process, every step has a timeout,
 * and it is always stopped (QMP `quit`, then SIGKILL to its pid) before the promise settles.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Qmp, Qtest, withTimeout } from './lines.ts';
import { FwCfg } from './fwcfg.ts';
import { fillChecksum, findRsdp, rsdtAddress, rsdtEntries, tableLength, tableSignature, walkTableBlob, byteSum } from './acpi.ts';

export const SID_QEMU_WRAPPER = '/var/cache/mmd-sid-qemu/qemu-system-x86_64';
export const DEBIAN_QEMU = '/usr/bin/qemu-system-x86_64';

export interface CaptureOptions {
  /** overall budget for one run (ms); default 30 s */
  timeoutMs?: number;
  /** where the SRAT is read: fw_cfg blob + computed checksum (default) or guest memory after SeaBIOS */
  sratVia?: 'fwcfg' | 'seabios';
  /** read fw_cfg with DMA when QEMU offers it (default true) */
  useDma?: boolean;
  /** also return every ACPI table (fw_cfg blob order; checksums filled) */
  allTables?: boolean;
  /** pass -nodefaults (default true); false only to prove that it does not change the result */
  nodefaults?: boolean;
  /**
   * 'tcg' (default): the harness adds `-accel tcg` first, so QEMU runs under TCG whatever the arguments say;
   * 'as-given': no accelerator is added, the arguments' own (`-accel kvm`, `-enable-kvm`, …) decide
   */
  accel?: 'tcg' | 'as-given';
}

export interface CaptureAccepted {
  accepted: true;
  e820: Uint8Array;
  srat: Uint8Array | null;
  /** QMP query-memory-devices, as QEMU returned it */
  memoryDevices: unknown[];
  /** etc/reserved-memory-end, when QEMU publishes it */
  reservedMemoryEnd: bigint | null;
  /** what QEMU printed on stderr while accepting (warnings), `qemu-system-x86_64: ` prefixes removed */
  warnings: string[];
  /** SeaBIOS's final `e820 map has N items:` block (sratVia 'seabios' only) */
  seabiosE820?: string[];
  tables?: Array<{ signature: string; bytes: Uint8Array }>;
  timings: Record<string, number>;
}

export interface CaptureRejected {
  accepted: false;
  /** QEMU's message: the `qemu-system-x86_64: ` prefix removed from its first line, later lines (hints) kept */
  stderr: string;
  /** the whole stderr as printed */
  rawStderr: string;
  exitCode: number | null;
}

export type CaptureResult = CaptureAccepted | CaptureRejected;

/** The options the harness adds; none of them changes guest memory layout or the ACPI tables. */
export function harnessArgs(dir: string, nodefaults = true, accel: 'tcg' | 'as-given' = 'tcg'): string[] {
  return [
    '-S',
    '-display',
    'none',
    ...(accel === 'tcg' ? ['-accel', 'tcg'] : []),
    ...(nodefaults ? ['-nodefaults'] : []),
    '-no-reboot',
    '-qmp',
    `unix:${dir}/qmp.sock,server=on,wait=off`,
    '-qtest',
    `unix:${dir}/qtest.sock,server=on,wait=off`,
    '-qtest-log',
    '/dev/null',
  ];
}

const PREFIX_RE = /^(?:\S*\/)?qemu-system-x86_64: /;
const WARNING_RE = /^(?:-\S+(?: [^:]*)?: )?warning: /;

/** Split QEMU's stderr into warnings and the error message (prefix removed from its first line). */
export function parseStderr(stderr: string): { warnings: string[]; message: string } {
  const lines = stderr.replace(/\n+$/, '').split('\n');
  const warnings: string[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const l = lines[i];
    if (!PREFIX_RE.test(l)) {
      // a continuation of a warning (hint) or unrelated output before the error
      if (warnings.length > 0) warnings[warnings.length - 1] += '\n' + l;
      continue;
    }
    const body = l.replace(PREFIX_RE, '');
    // a warning, also one with the option it concerns in front (`-global foo: warning: …`)
    if (WARNING_RE.test(body)) warnings.push(body);
    else break;
  }
  if (i >= lines.length) return { warnings, message: '' };
  return { warnings, message: [lines[i].replace(PREFIX_RE, ''), ...lines.slice(i + 1)].join('\n') };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitForSocket(p: string, exited: () => boolean, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    if (exited()) return false;
    if (fs.existsSync(p)) return true;
    await sleep(3);
  }
  throw new Error(`timeout waiting for ${p}`);
}

async function connectRetry<T>(open: () => Promise<T>, exited: () => boolean, deadline: number): Promise<T | null> {
  for (;;) {
    try {
      return await open();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (exited()) return null;
      if ((code === 'ECONNREFUSED' || code === 'ENOENT') && Date.now() < deadline) {
        await sleep(5);
        continue;
      }
      throw e;
    }
  }
}

/** Run QEMU on `args` (its arguments, no binary) and capture what it builds. */
export async function captureQemu(binary: string, args: string[], opts: CaptureOptions = {}): Promise<CaptureResult> {
  const t0 = Date.now();
  const budget = opts.timeoutMs ?? 30_000;
  const deadline = t0 + budget;
  const timings: Record<string, number> = {};
  const mark = (k: string) => (timings[k] = Date.now() - t0);

  const dir = await fsp.mkdtemp('/tmp/mmd-qemu-');
  const extra = harnessArgs(dir, opts.nodefaults !== false, opts.accel ?? 'tcg');
  const debugLog = path.join(dir, 'debugcon.log');
  if (opts.sratVia === 'seabios') {
    extra.push('-chardev', `file,id=mmddbg,path=${debugLog}`, '-device', 'isa-debugcon,iobase=0x402,chardev=mmddbg');
  }

  let stderr = '';
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const child: ChildProcess = spawn('setpriv', ['--pdeathsig', 'SIGKILL', binary, ...args, ...extra], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => (stderr += d));
  const exited = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve();
    });
    child.on('error', (e) => {
      stderr += `spawn error: ${e.message}\n`;
      exitInfo = { code: null, signal: null };
      resolve();
    });
  });
  // stderr is complete only once the pipe closed
  const stderrDone = new Promise<void>((resolve) => child.stderr!.on('close', () => resolve()));
  const hasExited = () => exitInfo !== null;

  let qmp: Qmp | null = null;
  let qt: Qtest | null = null;

  const rejected = async (): Promise<CaptureRejected> => {
    await withTimeout(exited, Math.max(1000, deadline - Date.now()), 'QEMU exit after rejection');
    await withTimeout(stderrDone, 2000, 'QEMU stderr');
    const { message } = parseStderr(stderr);
    return { accepted: false, stderr: message, rawStderr: stderr, exitCode: exitInfo!.code };
  };

  try {
    const up = await waitForSocket(path.join(dir, 'qmp.sock'), hasExited, deadline);
    if (!up) return await rejected();
    qmp = await connectRetry(
      () => withTimeout(Qmp.open(path.join(dir, 'qmp.sock')), Math.max(1, deadline - Date.now()), 'QMP greeting'),
      hasExited,
      deadline,
    ).catch((e: Error) => {
      if (/connection closed|socket error/.test(e.message)) return null;
      throw e;
    });
    if (!qmp) return await rejected();
    mark('qmp');

    qt = await connectRetry(() => Qtest.open(path.join(dir, 'qtest.sock')), hasExited, deadline);
    if (!qt) return await rejected();
    const step = <T>(p: Promise<T>, what: string) => withTimeout(p, Math.max(1, deadline - Date.now()), what);

    const fw = await step(FwCfg.open(qt, { useDma: opts.useDma }), 'fw_cfg signature');
    let files = await step(fw.directory(), 'fw_cfg directory');
    if (fw.usesDma && !files.some((f) => f.name === 'etc/e820')) {
      // less guest RAM than the DMA scratch area needs (a very small -m): read by port I/O instead
      fw.disableDma();
      files = await step(fw.directory(), 'fw_cfg directory (port I/O)');
    }
    const byName = new Map(files.map((f) => [f.name, f]));
    const e820File = byName.get('etc/e820');
    if (!e820File) throw new Error('fw_cfg has no etc/e820');
    const e820 = await step(fw.readFile(e820File), 'etc/e820');
    {
      const dv = new DataView(e820.buffer, e820.byteOffset, e820.byteLength);
      for (let o = 0; o + 20 <= e820.length; o += 20) {
        if (dv.getBigUint64(o, true) === 0n && dv.getUint32(o + 16, true) === 1) fw.limitDmaTo(Number(dv.getBigUint64(o + 8, true)));
      }
    }
    let reservedMemoryEnd: bigint | null = null;
    const rme = byName.get('etc/reserved-memory-end');
    if (rme) {
      const b = await step(fw.readFile(rme), 'etc/reserved-memory-end');
      reservedMemoryEnd = new DataView(b.buffer, b.byteOffset, b.byteLength).getBigUint64(0, true);
    }
    mark('fwcfg');

    const memoryDevices = await step(qmp.execute<unknown[]>('query-memory-devices'), 'query-memory-devices');
    mark('qmp-memory-devices');

    let srat: Uint8Array | null = null;
    let tables: Array<{ signature: string; bytes: Uint8Array }> | undefined;
    let seabiosE820: string[] | undefined;
    if (opts.sratVia === 'seabios') {
      const r = await step(sratFromSeabios(qmp, dir, debugLog, deadline), 'SeaBIOS table install');
      srat = r.srat;
      seabiosE820 = r.e820;
      if (opts.allTables) tables = r.tables;
    } else {
      const tf = byName.get('etc/acpi/tables');
      // none with -machine acpi=off
      const blob = tf ? await step(fw.readFile(tf), 'etc/acpi/tables') : new Uint8Array(0);
      const all = walkTableBlob(blob).map((t) => ({
        signature: t.signature,
        // FACS has no checksum field
        bytes: t.signature === 'FACS' ? t.bytes : fillChecksum(t.bytes),
      }));
      srat = all.find((t) => t.signature === 'SRAT')?.bytes ?? null;
      if (opts.allTables) tables = all;
    }
    mark('srat');

    await step(qmp.execute('quit').catch(() => undefined), 'QMP quit');
    await withTimeout(exited, 3000, 'QEMU exit after quit').catch(() => undefined);
    await withTimeout(stderrDone, 1000, 'stderr').catch(() => undefined);
    mark('quit');
    return {
      accepted: true,
      e820,
      srat,
      memoryDevices,
      reservedMemoryEnd,
      warnings: parseStderr(stderr).warnings,
      ...(seabiosE820 ? { seabiosE820 } : {}),
      ...(tables ? { tables } : {}),
      timings,
    };
  } catch (e) {
    // QEMU going away mid-way is a rejection (device errors can come after the monitor opened)
    if (hasExited() || (qmp === null && !(e as Error).message.startsWith('timeout'))) {
      try {
        const r = await rejected();
        if (r.exitCode !== 0) return r;
      } catch {
        /* fall through to the original error */
      }
    }
    throw new Error(`${(e as Error).message}\nQEMU stderr:\n${stderr}`);
  } finally {
    qmp?.close();
    qt?.close();
    if (!hasExited() && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      await withTimeout(exited, 3000, 'QEMU exit after SIGKILL').catch(() => undefined);
    }
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

/** `cont`, wait for SeaBIOS's final e820 dump on the debug console, `stop`, then read the SRAT via the RSDP. */
async function sratFromSeabios(
  qmp: Qmp,
  dir: string,
  debugLog: string,
  deadline: number,
): Promise<{ srat: Uint8Array | null; e820: string[]; tables: Array<{ signature: string; bytes: Uint8Array }> }> {
  await qmp.execute('cont');
  let e820: string[] | null = null;
  while (!e820) {
    if (Date.now() > deadline) throw new Error('timeout waiting for SeaBIOS e820 dump');
    await sleep(10);
    let text = '';
    try {
      text = await fsp.readFile(debugLog, 'latin1');
    } catch {
      continue;
    }
    const lines = text.split('\n');
    for (let i = lines.length - 1; i >= 0; i--) {
      const m = /^e820 map has (\d+) items:/.exec(lines[i]);
      if (!m) continue;
      const n = Number(m[1]);
      const block = lines.slice(i + 1, i + 1 + n);
      // complete only when every line (newline-terminated) is there
      if (block.length === n && i + 1 + n < lines.length) e820 = block;
      break;
    }
  }
  await qmp.execute('stop');

  const dump = async (addr: number, size: number): Promise<Uint8Array> => {
    const f = path.join(dir, `mem-${addr.toString(16)}.bin`);
    await qmp.execute('pmemsave', { val: addr, size, filename: f });
    return new Uint8Array(await fsp.readFile(f));
  };
  const seg = await dump(0xe0000, 0x20000);
  const r = findRsdp(seg);
  if (r < 0) throw new Error('no RSDP in 0xE0000-0xFFFFF');
  const rsdtAddr = rsdtAddress(seg.subarray(r, r + 20));
  const rsdtHead = await dump(rsdtAddr, 36);
  const rsdt = await dump(rsdtAddr, tableLength(rsdtHead));
  const tables: Array<{ signature: string; bytes: Uint8Array }> = [];
  let srat: Uint8Array | null = null;
  for (const a of rsdtEntries(rsdt)) {
    const head = await dump(a, 36);
    const t = await dump(a, tableLength(head));
    if (byteSum(t) !== 0) throw new Error(`${tableSignature(t)} at 0x${a.toString(16)}: bad checksum`);
    tables.push({ signature: tableSignature(t), bytes: t });
    if (tableSignature(t) === 'SRAT') srat = t;
  }
  return { srat, e820, tables };
}

/** Remove capture and diff directories left behind by a harness that was killed (older than `maxAgeMs`). */
export function removeStaleCaptureDirs(maxAgeMs = 60 * 60_000): void {
  for (const name of fs.readdirSync('/tmp')) {
    if (!name.startsWith('mmd-qemu-') && !name.startsWith('mmd-diff-')) continue;
    const p = path.join('/tmp', name);
    try {
      if (Date.now() - fs.statSync(p).mtimeMs > maxAgeMs) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      /* raced with its owner */
    }
  }
}

function versionOf(binary: string): string | null {
  const r = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) return null;
  const m = /QEMU emulator version (\d+\.\d+\.\d+)/.exec(r.stdout);
  return m ? m[1] : null;
}

/** The QEMUs available here: Debian's 7.2 and the 11.1 of the sid chroot (built by .ci/qemu-sid.sh). */
export function findQemus(): { qemu72: string | null; qemu111: string | null; versions: Record<string, string> } {
  const versions: Record<string, string> = {};
  let qemu72: string | null = null;
  let qemu111: string | null = null;
  if (fs.existsSync(DEBIAN_QEMU)) {
    const v = versionOf(DEBIAN_QEMU);
    if (v && v.startsWith('7.2.')) {
      qemu72 = DEBIAN_QEMU;
      versions['7.2'] = v;
    }
  }
  if (fs.existsSync(SID_QEMU_WRAPPER)) {
    const v = versionOf(SID_QEMU_WRAPPER);
    if (v && v.startsWith('11.1.')) {
      qemu111 = SID_QEMU_WRAPPER;
      versions['11.1'] = v;
    }
  }
  return { qemu72, qemu111, versions };
}
