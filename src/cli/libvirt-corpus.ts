/**
 * libvirt's own test suite as real-world input: the QEMU command lines libvirt generates
 * (`tests/qemuxmlconfdata/*.x86_64-latest.args` in libvirt/libvirt), stored verbatim under
 * `testdata/libvirt/` with their provenance in `testdata/libvirt/SOURCES.json`.
 *
 * Three things live here, none of them touching the core:
 *  - `readArgsFile`: an .args file → environment, binary and argv, reading the text the way /bin/sh would
 *    (backslash-newline continuations, single and double quotes, backslash escapes);
 *  - `substituteHostResources`: the rewrites that let real QEMU start these command lines on this machine without
 *    libvirt's host (its file descriptors, disks, sockets, hugepage mounts, host NUMA nodes …), each one recorded
 *    with its reason. Memory, NUMA, CPU, machine and memory-device options are left as they are, except for the
 *    host-side properties of memory backends (where the memory comes from, not where the guest sees it);
 *  - `loadCorpus`: every stored case with its category.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { optionArity, optionName } from '../core/syntax/index.ts';

export const CORPUS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata', 'libvirt');

// ---------------------------------------------------------------------------------------------------------------
// Reading an .args file
// ---------------------------------------------------------------------------------------------------------------

/** Split shell text into words as /bin/sh does for this subset (no expansions: `$` and backquote are refused). */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`shell text at offset ${i}: ${why}`);
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      const n = text[i + 1];
      if (n === undefined) fail('backslash at end of text');
      i += 2;
      if (n === '\n') continue; // line continuation: removed entirely
      cur += n;
      inWord = true;
      continue;
    }
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) fail('unterminated single quote');
      cur += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i++;
      inWord = true;
      for (;;) {
        if (i >= text.length) fail('unterminated double quote');
        const d = text[i];
        if (d === '"') {
          i++;
          break;
        }
        if (d === '$' || d === '`') fail(`'${d}' inside double quotes would be expanded`);
        if (d === '\\') {
          const n = text[i + 1];
          if (n === '\n') {
            i += 2;
            continue;
          }
          if (n === '$' || n === '`' || n === '"' || n === '\\') {
            cur += n;
            i += 2;
            continue;
          }
          cur += d;
          i++;
          continue;
        }
        cur += d;
        i++;
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      i++;
      continue;
    }
    if ('$`|&;<>()*?[#~'.includes(c) && !(c === '#' && inWord) && !(c === '~' && inWord)) {
      fail(`unquoted '${c}' has a meaning to the shell`);
    }
    cur += c;
    inWord = true;
    i++;
  }
  if (inWord) words.push(cur);
  return words;
}

export interface ArgsFile {
  /** the leading `NAME=value` words, in order */
  env: Array<[string, string]>;
  /** the program (`/usr/bin/qemu-system-x86_64`) */
  binary: string;
  /** QEMU's arguments, without the program */
  argv: string[];
}

/** An .args file (libvirt's `LC_ALL=C \ PATH=… \ /usr/bin/qemu-system-x86_64 \ -name …`) → env, binary, argv. */
export function readArgsFile(text: string): ArgsFile {
  const words = shellWords(text);
  const env: Array<[string, string]> = [];
  let i = 0;
  for (; i < words.length; i++) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(words[i]);
    if (!m) break;
    env.push([m[1], m[2]]);
  }
  if (i >= words.length) throw new Error('no program after the environment assignments');
  return { env, binary: words[i], argv: words.slice(i + 1) };
}

// ---------------------------------------------------------------------------------------------------------------
// Options: argv ↔ a list of (flag, value) with the value parsed (JSON or key=value)
// ---------------------------------------------------------------------------------------------------------------

/** Options this corpus uses that the importer's table does not list and that take an argument (others: none). */
const EXTRA_WITH_ARG = new Set(['shim']);

type Props = Record<string, unknown>;

interface Opt {
  flag: string;
  /** the argument, as given; undefined for an option without one */
  value?: string;
}

function splitOptions(argv: readonly string[]): Opt[] {
  const out: Opt[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const name = optionName(flag);
    if (name === null) {
      out.push({ flag });
      continue;
    }
    const arity = optionArity(name);
    const takesArg = arity === 'arg' || (arity === 'unknown' && EXTRA_WITH_ARG.has(name));
    if (takesArg && i + 1 < argv.length) out.push({ flag, value: argv[++i] });
    else out.push({ flag });
  }
  return out;
}

/** The option's value as properties: JSON when it starts with `{`, else QEMU's key=value list (`,,` escapes). */
export function parseValue(value: string, impliedKey: string | null): { json: boolean; props: Props; order: string[] } {
  if (value.trimStart().startsWith('{')) {
    const props = JSON.parse(value) as Props;
    return { json: true, props, order: Object.keys(props) };
  }
  const props: Props = {};
  const order: string[] = [];
  let first = true;
  for (const seg of splitKeyval(value)) {
    const eq = seg.indexOf('=');
    let key: string;
    let v: string;
    if (eq < 0 && first && impliedKey) {
      key = impliedKey;
      v = seg;
    } else if (eq < 0) {
      key = seg;
      v = 'on';
    } else {
      key = seg.slice(0, eq);
      v = seg.slice(eq + 1);
    }
    first = false;
    if (!(key in props)) order.push(key);
    props[key] = v.replaceAll(',,', ',');
  }
  return { json: false, props, order };
}

/** `a=b,c=d,,e` → [`a=b`, `c=d,,e`] (a doubled comma is part of the value). */
function splitKeyval(text: string): string[] {
  const segs: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ',' && text[i + 1] === ',') {
      cur += ',,';
      i++;
    } else if (text[i] === ',') {
      segs.push(cur);
      cur = '';
    } else cur += text[i];
  }
  segs.push(cur);
  return segs;
}

function formatValue(p: { json: boolean; props: Props; order: string[] }, impliedKey: string | null): string {
  const keys = [...p.order.filter((k) => k in p.props), ...Object.keys(p.props).filter((k) => !p.order.includes(k))];
  if (p.json) {
    const o: Props = {};
    for (const k of keys) o[k] = p.props[k];
    return JSON.stringify(o);
  }
  return keys
    .map((k, i) => {
      const v = String(p.props[k]).replaceAll(',', ',,');
      return i === 0 && k === impliedKey ? v : `${k}=${v}`;
    })
    .join(',');
}

/** The implied first key of an option's value (`-device pc-dimm,…` is `driver=pc-dimm,…`). */
function impliedKeyOf(flag: string): string | null {
  switch (optionName(flag)) {
    case 'device':
      return 'driver';
    case 'object':
      return 'qom-type';
    case 'chardev':
    case 'netdev':
    case 'tpmdev':
      return 'backend';
    case 'accel':
      return 'accel';
    case 'audiodev':
      return 'driver';
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Host-resource substitutions
// ---------------------------------------------------------------------------------------------------------------

export interface HostInfo {
  /** /dev/kvm opens and KVM guests start here */
  kvm: boolean;
  /** the host's NUMA node numbers (/sys/devices/system/node/nodeN) */
  hostNodes: number[];
  /** the device models this QEMU offers (`-device help`); when given, a display/redirection device it lacks
   *  (a module not installed) is replaced by a stand-in or dropped. Memory devices are never touched. */
  devices?: ReadonlySet<string>;
}

/** Stand-ins for devices a QEMU install may lack as a module; null: dropped. None of them is about memory. */
const STAND_INS: Record<string, string | null> = {
  'qxl-vga': 'VGA',
  qxl: null,
  'usb-redir': null,
};

export interface Substitution {
  /** the option as it was (`-chardev socket,id=charmonitor,fd=1729,…`) */
  was: string;
  /** what it became; absent when the option was dropped */
  now?: string;
  /** why; a memory backend rewritten for several reasons lists them joined by ' + ' */
  reason: string;
}

export interface Substituted {
  argv: string[];
  substitutions: Substitution[];
  /** directories that must exist before QEMU starts (hugepage mounts and file-backend folders, under tmpDir) */
  dirs: string[];
}

const MEMORY_BACKENDS = new Set(['memory-backend-ram', 'memory-backend-file', 'memory-backend-memfd', 'memory-backend-epc']);

const show = (o: Opt) => (o.value === undefined ? o.flag : `${o.flag} ${o.value}`);

/**
 * Rewrite a libvirt command line so that real QEMU can start it here: what refers to libvirt's host (file
 * descriptors it passes, its disks and images, sockets of helper daemons, its domain directory, hugepage mounts,
 * host NUMA nodes, ports) is dropped — together with whatever uses it — or pointed at `tmpDir`. Every change is
 * returned with its reason; options that shape guest memory (machine, -m, -smp, -cpu, -numa, memory devices, the
 * guest-visible properties of memory backends) are left as they are.
 */
export function substituteHostResources(argv: readonly string[], host: HostInfo, tmpDir: string): Substituted {
  const opts = splitOptions(argv);
  const subs: Substitution[] = [];
  const dirs = new Set<string>();
  const keep: boolean[] = opts.map(() => true);
  const values: Array<string | undefined> = opts.map((o) => o.value);

  const parsed = (i: number) => parseValue(values[i]!, impliedKeyOf(opts[i].flag));
  const drop = (i: number, reason: string) => {
    if (!keep[i]) return;
    keep[i] = false;
    subs.push({ was: show(opts[i]), reason });
  };
  const replace = (i: number, now: string, reason: string) => {
    if (now === values[i]) return;
    subs.push({ was: show(opts[i]), now: `${opts[i].flag} ${now}`, reason });
    values[i] = now;
  };
  const nameOf = (i: number) => optionName(opts[i].flag);
  const hasAbsentNode = (v: unknown) =>
    (Array.isArray(v) ? v : String(v).split(/[,:-]/)).some((n) => !host.hostNodes.includes(Number(n)));
  const underTmp = (p: string) => path.join(tmpDir, p);

  // ids of things dropped, so that their users go too
  const goneChardevs = new Set<string>();
  const goneBlockNodes = new Set<string>();
  const goneTpmdevs = new Set<string>();
  const goneThreadContexts = new Set<string>();
  let spiceDropped = false;

  // pass 1: the host resources themselves
  for (let i = 0; i < opts.length; i++) {
    const name = nameOf(i);
    const v = values[i];
    switch (name) {
      case 'object': {
        const p = parsed(i);
        const type = String(p.props['qom-type'] ?? '');
        if (type === 'secret' && ('file' in p.props || 'data' in p.props)) {
          drop(i, "libvirt's master key file (its domain directory) does not exist here; nothing uses it");
        } else if ((type === 'sev-guest' || type === 'sev-snp-guest') && ('dh-cert-file' in p.props || 'session-file' in p.props)) {
          delete p.props['dh-cert-file'];
          delete p.props['session-file'];
          replace(i, formatValue(p, 'qom-type'), "the SEV certificate and session files are in libvirt's domain directory; the firmware defaults instead");
        } else if (type === 'thread-context' && 'node-affinity' in p.props && hasAbsentNode(p.props['node-affinity'])) {
          goneThreadContexts.add(String(p.props.id));
          drop(i, `thread-context pins preallocation threads to host NUMA nodes ${JSON.stringify(p.props['node-affinity'])}; this host has nodes [${host.hostNodes}]`);
        }
        break;
      }
      case 'chardev': {
        const p = parsed(i);
        const backend = String(p.props.backend ?? '');
        if (backend === 'socket' && ('fd' in p.props || 'path' in p.props)) {
          goneChardevs.add(String(p.props.id));
          drop(
            i,
            'fd' in p.props
              ? `socket on a file descriptor (${p.props.fd}) libvirt passes to QEMU; there is none here`
              : `socket of a helper libvirt runs (${p.props.path}); there is none here`,
          );
        } else if (backend === 'spicevmc' || backend === 'spiceport') {
          goneChardevs.add(String(p.props.id));
          drop(i, 'SPICE channel: -spice is dropped (its TCP port would collide between parallel runs)');
        }
        break;
      }
      case 'blockdev': {
        const p = parsed(i);
        goneBlockNodes.add(String(p.props['node-name']));
        drop(i, `disk backend (${p.props.driver}${p.props.filename ? ' ' + p.props.filename : ''}) on libvirt's host storage`);
        break;
      }
      case 'drive': {
        const p = parsed(i);
        if (p.props.id) goneBlockNodes.add(String(p.props.id));
        drop(i, "disk image on libvirt's host storage");
        break;
      }
      case 'add-fd':
        drop(i, 'file descriptor libvirt passes to QEMU; there is none here');
        break;
      case 'sandbox':
        drop(i, 'seccomp policy of the libvirt host; not about the guest, and it would restrict the capture harness');
        break;
      case 'msg':
        drop(i, 'timestamp=on prefixes QEMU\'s messages with the time, so its error text could not be compared');
        break;
      case 'run-with':
        drop(i, 'runs QEMU as a libvirt user that does not exist here');
        break;
      case 'incoming':
        drop(i, `incoming migration from ${v} (a file descriptor libvirt passes); QEMU would wait for it`);
        break;
      case 'kernel':
      case 'initrd':
      case 'shim':
      case 'dtb':
        drop(i, `${v} is a file on libvirt's host; direct kernel boot does not change the memory map`);
        break;
      case 'append':
        drop(i, 'kernel command line of the direct kernel boot dropped with -kernel');
        break;
      case 'spice':
        spiceDropped = true;
        drop(i, 'SPICE server listens on a fixed TCP port; parallel runs would collide; no memory-map effect');
        break;
      case 'vnc':
        drop(i, 'VNC server listens on a fixed TCP port; parallel runs would collide; no memory-map effect');
        break;
      case 'accel': {
        const p = parsed(i);
        if (p.props.accel === 'kvm' && !host.kvm) replace(i, 'tcg', '/dev/kvm is not usable here: TCG instead');
        break;
      }
      case 'enable-kvm':
        if (!host.kvm) drop(i, '/dev/kvm is not usable here: TCG instead');
        break;
      default:
        break;
    }
  }

  // pass 2: the users of what was dropped, and the host side of memory backends
  for (let i = 0; i < opts.length; i++) {
    if (!keep[i]) continue;
    const name = nameOf(i);
    if (name === 'mon') {
      const p = parseValue(values[i]!, 'chardev');
      if (goneChardevs.has(String(p.props.chardev))) drop(i, `monitor on chardev '${p.props.chardev}', which was dropped (the harness adds its own QMP)`);
    } else if (name === 'tpmdev') {
      const p = parsed(i);
      if (goneChardevs.has(String(p.props.chardev))) {
        goneTpmdevs.add(String(p.props.id));
        drop(i, `TPM emulator on chardev '${p.props.chardev}', which was dropped`);
      }
    } else if (name === 'audiodev') {
      const p = parsed(i);
      if (p.props.driver === 'spice' && spiceDropped) {
        p.props.driver = 'none';
        replace(i, formatValue(p, 'driver'), 'SPICE audio needs -spice, which was dropped; sound devices keep an audiodev');
      }
    } else if (name === 'device') {
      const p = parsed(i);
      const driver = String(p.props.driver ?? '');
      const chardev = p.props.chardev !== undefined ? String(p.props.chardev) : null;
      const drive = p.props.drive !== undefined ? String(p.props.drive) : null;
      const tpmdev = p.props.tpmdev !== undefined ? String(p.props.tpmdev) : null;
      if (chardev && goneChardevs.has(chardev)) drop(i, `${driver} uses chardev '${chardev}', which was dropped`);
      else if (drive && goneBlockNodes.has(drive)) drop(i, `${driver} uses disk '${drive}', which was dropped`);
      else if (tpmdev && goneTpmdevs.has(tpmdev)) drop(i, `${driver} uses TPM backend '${tpmdev}', which was dropped`);
      else if (host.devices && !host.devices.has(driver) && driver in STAND_INS) {
        const standIn = STAND_INS[driver];
        if (standIn === null) drop(i, `this QEMU has no '${driver}' (module not installed); it has no memory-map effect`);
        else {
          const q: Props = { driver: standIn };
          for (const k of ['id', 'bus', 'addr']) if (k in p.props) q[k] = p.props[k];
          replace(i, formatValue({ json: p.json, props: q, order: Object.keys(q) }, 'driver'), `this QEMU has no '${driver}' (module not installed): ${standIn} at the same id/bus/addr`);
        }
      } else if (driver === 'vfio-pci') {
        const q: Props = { driver: 'pci-testdev' };
        for (const k of ['id', 'bus', 'addr']) if (k in p.props) q[k] = p.props[k];
        replace(
          i,
          formatValue({ json: p.json, props: q, order: Object.keys(q) }, 'driver'),
          `host PCI device ${p.props.host} does not exist here; an emulated PCI device at the same id/bus/addr keeps what refers to it`,
        );
      }
    } else if (name === 'object') {
      const p = parsed(i);
      const type = String(p.props['qom-type'] ?? '');
      if (!MEMORY_BACKENDS.has(type)) continue;
      const why: string[] = [];
      const mp = p.props['mem-path'];
      if (typeof mp === 'string' && mp.startsWith('/')) {
        const now = underTmp(mp);
        p.props['mem-path'] = now;
        // libvirt's hugepage paths are directories (QEMU creates its file inside); other paths name the file
        dirs.add(/^\/dev\/hugepages/.test(mp) ? now : path.dirname(now));
        why.push(`mem-path ${mp} is on libvirt's host (hugetlbfs mount, its domain directory or a host file): a path under a temporary directory on tmpfs instead`);
      }
      const hadPrealloc = ['prealloc', 'prealloc-threads', 'prealloc-context'].filter((k) => k in p.props);
      if (hadPrealloc.length) {
        for (const k of hadPrealloc) delete p.props[k];
        why.push(`${hadPrealloc.join('/')} would allocate the guest's RAM up front on this host (these guests add up to more than it has); allocation does not change the map`);
      }
      if ('host-nodes' in p.props && hasAbsentNode(p.props['host-nodes'])) {
        const hn = JSON.stringify(p.props['host-nodes']);
        delete p.props['host-nodes'];
        delete p.props.policy;
        why.push(`host-nodes ${hn} binds the memory to host NUMA nodes this host does not have (it has [${host.hostNodes}])`);
      }
      if (type === 'memory-backend-memfd' && (p.props.hugetlb === true || p.props.hugetlb === 'on')) {
        delete p.props.hugetlb;
        delete p.props.hugetlbsize;
        why.push('hugetlb memfd needs reserved host hugepages; this host has none');
      }
      if (why.length) replace(i, formatValue(p, 'qom-type'), why.join(' + '));
    }
  }

  const out: string[] = [];
  for (let i = 0; i < opts.length; i++) {
    if (!keep[i]) continue;
    out.push(opts[i].flag);
    if (values[i] !== undefined) out.push(values[i]!);
  }
  return { argv: out, substitutions: subs, dirs: [...dirs] };
}

/** What this host offers: KVM (given by the caller, who can probe it) and its NUMA nodes. */
export function hostNumaNodes(): number[] {
  try {
    return fs
      .readdirSync('/sys/devices/system/node')
      .map((n) => /^node(\d+)$/.exec(n))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
  } catch {
    return [0];
  }
}

/** The host CPU's vendor string from /proc/cpuinfo (`AuthenticAMD`, `GenuineIntel`). */
export function hostCpuVendor(): string {
  try {
    return /^vendor_id\s*:\s*(\S+)/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------------------------------------------

export type Category = 'memory hotplug' | 'memory backing' | 'NUMA/HMAT' | 'SGX/SEV/TSEG/PCI hole' | 'CPU/topology' | 'plain';

export const CATEGORIES: Category[] = ['memory hotplug', 'memory backing', 'NUMA/HMAT', 'SGX/SEV/TSEG/PCI hole', 'CPU/topology', 'plain'];

export function categoryOf(name: string): Category {
  if (name.startsWith('memory-hotplug')) return 'memory hotplug';
  if (/^(hugepages|pages-|nosharepages|memfd|fd-memory|memorybacking|mlock|shmem|vhost-user-fs-hugepages)/.test(name)) return 'memory backing';
  if (/numa|^acpi-generic-initiator|^pci-expander-bus|^pcie-expander-bus/.test(name)) return 'NUMA/HMAT';
  if (/^(sgx-epc|launch-security|tseg|pcihole64)/.test(name)) return 'SGX/SEV/TSEG/PCI hole';
  if (/^cpu-|^kvmclock|^x86_64-default-cpu/.test(name)) return 'CPU/topology';
  return 'plain';
}

export interface CorpusCase {
  /** file name without `.args` */
  name: string;
  file: string;
  /** where it comes from in libvirt/libvirt */
  path: string;
  commit: string;
  category: Category;
  text: string;
}

interface SourceRow {
  file: string;
  path: string;
  commit: string;
}

/** Every stored case, in SOURCES.json order. */
export function loadCorpus(dir = CORPUS_DIR): CorpusCase[] {
  const rows = JSON.parse(fs.readFileSync(path.join(dir, 'SOURCES.json'), 'utf8')) as SourceRow[];
  return rows.map((r) => {
    const name = r.file.replace(/\.args$/, '');
    return { name, file: r.file, path: r.path, commit: r.commit, category: categoryOf(name), text: fs.readFileSync(path.join(dir, r.file), 'utf8') };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Host limits: QEMU refusals that come from this machine's KVM, not from the command line
// ---------------------------------------------------------------------------------------------------------------

export interface HostLimit {
  /** QEMU's error text (warnings dropped) that shows the limit */
  message: RegExp;
  /** why the designer cannot give the same answer */
  reason: string;
}

/**
 * Refusals real QEMU makes under KVM because of the host it runs on (a nested KVM that refuses an MSR, no TSC
 * scaling, no SEV firmware). The designer models QEMU, not the host's kernel: such a run cannot be identical and
 * is excluded, with its reason and QEMU's message printed. Under TCG none of them applies.
 */
export const KVM_HOST_LIMITS: readonly HostLimit[] = [
  {
    message: /^error: failed to set MSR 0x[0-9a-f]+ to 0x[0-9a-f]+/,
    reason: "this host's KVM refuses an MSR write the CPU model needs (QEMU aborts in kvm_buf_set_msrs)",
  },
  {
    message: /^kvm_init_vcpu: kvm_arch_init_vcpu failed \(\d+\): Operation not supported/,
    reason: "this host's KVM cannot make the vCPU asked for (tsc-frequency needs TSC scaling the host lacks)",
  },
  {
    message: /sev_common_kvm_init: (cbitpos check failed, host '0'|.*\/dev\/sev)/,
    reason: 'this host has no usable AMD SEV (launch-security needs it; the host reports C-bit position 0)',
  },
];

/** The host limit QEMU's refusal of a KVM run shows, if any. */
export function kvmHostLimit(qemuError: string): HostLimit | null {
  return KVM_HOST_LIMITS.find((l) => l.message.test(qemuError)) ?? null;
}

/** Whether the arguments ask for KVM first (`-accel kvm`, `-enable-kvm`, `-machine accel=kvm…`). */
export function asksForKvm(argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const name = optionName(argv[i]!);
    const v = argv[i + 1] ?? '';
    if (name === 'enable-kvm') return true;
    if (name === 'accel') return /^(accel=)?kvm(,|$)/.test(v);
    if ((name === 'machine' || name === 'M') && /(^|,)accel=kvm/.test(v)) return true;
  }
  return false;
}
