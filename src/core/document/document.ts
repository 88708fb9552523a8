/**
 * The config document: a plain, JSON-serialisable description of one QEMU x86 guest's memory-relevant
 * command line. It is the single source of truth of the designer; every table is derived from it.
 *
 * Values are kept as the text QEMU would receive (`"16G"`, `"0x140000000"`, `"1"`), so that a value the user
 * typed is never rounded or reinterpreted behind their back, and so that a bad value is reported by the core
 * with QEMU's own message, naming the field, instead of being lost at input time.
 *
 * The document is an ordered list of options, as on a command line. Options the designer does not model are
 * kept verbatim (`kind: 'raw'`) in their place.
 *
 * Documents and options are values: an edit replaces the option object (and the options array) and never
 * mutates one in place. The core caches what it derives from each option object.
 */

/**
 * A property that the designer does not model, kept in order with its text value; a bare word (`-cpu
 * qemu64,+avx` or a boolean shorthand) has a null value.
 */
export type ExtraProp = [key: string, value: string | null];

/**
 * Where an option came from. An imported option remembers the flag and the value text exactly as the user wrote
 * them; QEMU quotes that text in its error messages, and an export re-emits it while it still says the same as
 * the option's fields. Editing a field makes the text stale; stale text is ignored (see `optionText`).
 *
 * A `-object`/`-device` whose text starts with `{` was written in QEMU's JSON syntax (what libvirt writes:
 * `{"qom-type":"memory-backend-ram","id":"m0","size":1073741824}`). Its fields hold the same QEMU text as the
 * `key=value` form would (`size: '1073741824'`, `share: 'on'` for `"share":true`); the text is what makes it JSON,
 * so it stays JSON through saving and share links, and an export after an edit writes the JSON with the changed
 * members (syntax/json-options.ts).
 */
export interface OptionSource {
  /** the flag as written: `-M` or `-machine` */
  flag?: string;
  /** the value text as written, after shell unquoting: `pc-dimm,id=d0,memdev=m0` */
  text?: string;
}

/** `-machine TYPE[,prop=value...]` (also `-M`). */
export interface MachineOption extends OptionSource {
  kind: 'machine';
  /** machine type: `pc`, `q35`, `pc-q35-9.2`, `pc-i440fx-7.2`, ... */
  type: string;
  /** `max-ram-below-4g=` (a size) */
  maxRamBelow4g?: string;
  /** `nvdimm=on|off` */
  nvdimm?: string;
  /** `hmat=on|off`: the ACPI HMAT (and the `-numa` hmat options) */
  hmat?: string;
  /** other machine properties (e.g. `cxl=on`, `nvdimm-persistence=cpu`), kept in order */
  extra?: ExtraProp[];
}

/** `-cpu MODEL[,vendor=...][,phys-bits=N][,...]` */
export interface CpuOption extends OptionSource {
  kind: 'cpu';
  model: string;
  vendor?: string;
  physBits?: string;
  extra?: ExtraProp[];
}

/** `-smp [cpus=]N[,maxcpus=][,sockets=][,dies=][,cores=][,threads=]` */
export interface SmpOption extends OptionSource {
  kind: 'smp';
  cpus?: string;
  maxcpus?: string;
  sockets?: string;
  dies?: string;
  modules?: string;
  cores?: string;
  threads?: string;
  extra?: ExtraProp[];
}

/** `-m [size=]S[,slots=K][,maxmem=M]` */
export interface MemoryOption extends OptionSource {
  kind: 'memory';
  size?: string;
  slots?: string;
  maxmem?: string;
  extra?: ExtraProp[];
}

export const BACKEND_TYPES = ['memory-backend-ram', 'memory-backend-file', 'memory-backend-memfd'] as const;
export type BackendType = (typeof BACKEND_TYPES)[number];

/** `-object memory-backend-{ram,file,memfd},id=ID,size=S[,...]` */
export interface BackendObject extends OptionSource {
  kind: 'object';
  qomType: BackendType;
  id: string;
  size?: string;
  /** `align=` (file and memfd) */
  align?: string;
  /** `mem-path=` (file) */
  memPath?: string;
  share?: string;
  prealloc?: string;
  /** `hugetlb=on` (memfd) */
  hugetlb?: string;
  /** `hugetlbsize=` (memfd) */
  hugetlbsize?: string;
  extra?: ExtraProp[];
}

/** `-numa node[,nodeid=N][,memdev=ID][,cpus=A-B[:C]][,initiator=N]` */
export interface NumaNodeOption extends OptionSource {
  kind: 'numa-node';
  nodeid?: string;
  memdev?: string;
  /** `mem=` (legacy, refused by current machine types) */
  mem?: string;
  /** each `cpus=` value (the option can repeat) */
  cpus?: string[];
  initiator?: string;
  extra?: ExtraProp[];
}

/** `-numa cpu,node-id=N[,socket-id=][,die-id=][,core-id=][,thread-id=]` */
export interface NumaCpuOption extends OptionSource {
  kind: 'numa-cpu';
  nodeId?: string;
  socketId?: string;
  dieId?: string;
  moduleId?: string;
  coreId?: string;
  threadId?: string;
  extra?: ExtraProp[];
}

/** `-numa dist,src=A,dst=B,val=V` */
export interface NumaDistOption extends OptionSource {
  kind: 'numa-dist';
  src?: string;
  dst?: string;
  val?: string;
  extra?: ExtraProp[];
}

/** `-numa hmat-lb,initiator=I,target=T,hierarchy=H,data-type=D,latency=L|bandwidth=B` */
export interface NumaHmatLbOption extends OptionSource {
  kind: 'numa-hmat-lb';
  initiator?: string;
  target?: string;
  /** `memory`, `first-level`, `second-level`, `third-level` */
  hierarchy?: string;
  /** `access-latency`, `read-latency`, `write-latency`, `access-bandwidth`, … */
  dataType?: string;
  /** nanoseconds */
  latency?: string;
  /** a size: bytes per second */
  bandwidth?: string;
  extra?: ExtraProp[];
}

/** `-numa hmat-cache,node-id=N,size=S,level=L,associativity=A,policy=P,line=B` */
export interface NumaHmatCacheOption extends OptionSource {
  kind: 'numa-hmat-cache';
  nodeId?: string;
  size?: string;
  level?: string;
  /** `none`, `direct`, `complex` */
  associativity?: string;
  /** `none`, `write-back`, `write-through` */
  policy?: string;
  line?: string;
  extra?: ExtraProp[];
}

export const GENERIC_AFFINITY_TYPES = ['acpi-generic-initiator', 'acpi-generic-port'] as const;
export type GenericAffinityType = (typeof GENERIC_AFFINITY_TYPES)[number];

/**
 * `-object acpi-generic-initiator,id=ID,pci-dev=DEV,node=N` (a PCI device as a NUMA initiator) or
 * `-object acpi-generic-port,id=ID,pci-bus=BRIDGE,node=N` (a CXL host bridge); QEMU 9.0+.
 */
export interface GenericAffinityObject extends OptionSource {
  kind: 'generic-affinity';
  qomType: GenericAffinityType;
  id: string;
  /** acpi-generic-initiator: the id of the PCI device */
  pciDev?: string;
  /** acpi-generic-port: the id of the pxb-cxl host bridge */
  pciBus?: string;
  node?: string;
  extra?: ExtraProp[];
}

export const MEMORY_DEVICE_DRIVERS = ['pc-dimm', 'nvdimm', 'sp-mem'] as const;
export type MemoryDeviceDriver = (typeof MEMORY_DEVICE_DRIVERS)[number];

/** `-device pc-dimm|nvdimm|sp-mem,id=ID,memdev=M[,node=N][,addr=A][,slot=S]` */
export interface MemoryDeviceOption extends OptionSource {
  kind: 'device';
  driver: MemoryDeviceDriver;
  id?: string;
  memdev?: string;
  node?: string;
  addr?: string;
  /** pc-dimm and nvdimm only */
  slot?: string;
  /** nvdimm only */
  labelSize?: string;
  extra?: ExtraProp[];
}

/**
 * The virtio memory devices of the hotplug window. They are PCI devices with many properties of their own
 * (`bus=`, `addr=` is their PCI address, …), so a `-device virtio-mem-pci,…` or `-device virtio-pmem-pci,…` stays
 * a raw option, kept exactly as written; the machine model reads it (`memdev`, `node`, `memaddr` — the guest
 * physical address —, `requested-size`, `block-size`, …) and places it, and the edits rewrite its `memaddr=` and
 * `node=` in place (virtioDeviceDriver, setDeviceAddr).
 */
export const VIRTIO_MEMORY_DRIVERS = ['virtio-mem-pci', 'virtio-pmem-pci'] as const;
export type VirtioMemoryDriver = (typeof VIRTIO_MEMORY_DRIVERS)[number];
/** Every driver placed in the hotplug window. */
export type HotplugDeviceDriver = MemoryDeviceDriver | VirtioMemoryDriver;

/**
 * A `key=value,…` option value cut into its words as QEMU's option parser does (`,,` is a comma inside a value);
 * each word as written, escapes kept, so that a word can be replaced and the rest stay byte for byte.
 */
export function optionValueWords(text: string): string[] {
  const out: string[] = [];
  let word = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ',') {
      if (text[i + 1] === ',' && word.includes('=')) {
        word += ',,';
        i++;
        continue;
      }
      out.push(word);
      word = '';
      continue;
    }
    word += text[i];
  }
  out.push(word);
  return out;
}

/** The key of an option word (`memaddr` of `memaddr=0x1`), or null for a bare word. */
export function optionWordKey(word: string): string | null {
  const eq = word.indexOf('=');
  return eq < 0 ? null : word.slice(0, eq);
}

/** The virtio memory driver of a raw `-device` option (key=value or JSON), or null. */
export function virtioDeviceDriver(option: DocOption): VirtioMemoryDriver | null {
  if (option.kind !== 'raw') return null;
  const [flag, text] = option.args;
  if ((flag !== '-device' && flag !== '--device') || text === undefined) return null;
  let driver: string | null = null;
  if (text.trimStart().startsWith('{')) {
    const m = /"driver"\s*:\s*"([^"\\]*)"/.exec(text);
    driver = m ? m[1]! : null;
  } else {
    const first = optionValueWords(text)[0] ?? '';
    const key = optionWordKey(first);
    driver = key === null ? first : key === 'driver' ? first.slice(7) : null;
  }
  return (VIRTIO_MEMORY_DRIVERS as readonly string[]).includes(driver ?? '') ? (driver as VirtioMemoryDriver) : null;
}

/** A property of a raw virtio memory device as written (the last of a repeated key); undefined when absent. */
export function virtioDeviceProperty(option: DocOption, key: string): string | undefined {
  if (virtioDeviceDriver(option) === null) return undefined;
  const text = (option as RawOption).args[1]!;
  if (text.trimStart().startsWith('{')) {
    const k = JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`${k}\\s*:\\s*("(?:[^"\\\\]|\\\\.)*"|-?[0-9.eE+-]+|true|false)`, 'g');
    let last: string | undefined;
    for (const m of text.matchAll(re)) last = m[1]!.startsWith('"') ? (JSON.parse(m[1]!) as string) : m[1]!;
    return last;
  }
  let last: string | undefined;
  for (const w of optionValueWords(text)) if (optionWordKey(w) === key) last = w.slice(key.length + 1).replaceAll(',,', ',');
  return last;
}

/** An option the designer does not model, kept exactly as given: `['-drive', 'if=none,id=hd0']`. */
export interface RawOption {
  kind: 'raw';
  args: string[];
}

export type DocOption =
  | MachineOption
  | CpuOption
  | SmpOption
  | MemoryOption
  | BackendObject
  | NumaNodeOption
  | NumaCpuOption
  | NumaDistOption
  | NumaHmatLbOption
  | NumaHmatCacheOption
  | GenericAffinityObject
  | MemoryDeviceOption
  | RawOption;

export type DocOptionKind = DocOption['kind'];

export const DOCUMENT_FORMAT = 'memory-map-designer';
export const DOCUMENT_VERSION = 1;

export interface ConfigDocument {
  format: typeof DOCUMENT_FORMAT;
  version: typeof DOCUMENT_VERSION;
  /** a name for the design (used for download file names and the libvirt domain name) */
  name: string;
  options: DocOption[];
  /**
   * Designer metadata, not a QEMU option: the host CPU the design is meant to run on. Under KVM (`-accel kvm`,
   * `-enable-kvm`, `-machine accel=kvm`) QEMU's built-in CPU models take the host's vendor (which decides the AMD
   * HyperTransport hole and the move of RAM above 4 GiB to 1 TiB) and `-cpu host`/`max` the host's physical
   * address bits. Omitted: DEFAULT_HOST_CPU. Under TCG it changes nothing.
   */
  host?: HostCpu;
}

/** The host CPU a design assumes (CPUID vendor and physical address bits, as /proc/cpuinfo shows them). */
export interface HostCpu {
  vendor: HostCpuVendor;
  /** physical address bits (`address sizes : N bits physical`): 32 to 64 */
  physBits: number;
}

export type HostCpuVendor = 'GenuineIntel' | 'AuthenticAMD';
export const HOST_CPU_VENDORS: readonly HostCpuVendor[] = ['GenuineIntel', 'AuthenticAMD'];
/** The host the browser designer assumes when a design names none: an Intel server CPU of 46 physical bits. */
export const DEFAULT_HOST_CPU: Readonly<HostCpu> = { vendor: 'GenuineIntel', physBits: 46 };
export const HOST_PHYS_BITS_MIN = 32;
export const HOST_PHYS_BITS_MAX = 64;

/** Why `h` is not a host CPU setting (null when it is), naming the field. */
export function hostCpuProblem(h: unknown): { field: string; message: string } | null {
  if (typeof h !== 'object' || h === null || Array.isArray(h)) return { field: 'host', message: 'expected an object { vendor, physBits }' };
  const r = h as Record<string, unknown>;
  for (const k of Object.keys(r)) if (k !== 'vendor' && k !== 'physBits') return { field: `host.${k}`, message: 'unknown field' };
  if (!HOST_CPU_VENDORS.includes(r.vendor as HostCpuVendor)) {
    return { field: 'host.vendor', message: `expected ${HOST_CPU_VENDORS.map((v) => `'${v}'`).join(' or ')}, got ${JSON.stringify(r.vendor) ?? 'nothing'}` };
  }
  const pb = r.physBits;
  if (typeof pb !== 'number' || !Number.isInteger(pb) || pb < HOST_PHYS_BITS_MIN || pb > HOST_PHYS_BITS_MAX) {
    return { field: 'host.physBits', message: `expected an integer from ${HOST_PHYS_BITS_MIN} to ${HOST_PHYS_BITS_MAX}, got ${JSON.stringify(pb) ?? 'nothing'}` };
  }
  return null;
}

export function emptyDocument(name = 'untitled'): ConfigDocument {
  return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, name, options: [] };
}

/** QEMU's id_wellformed rule for object and device ids: a letter first, then letters, digits, '-', '.', '_'. */
export function isWellFormedId(id: string): boolean {
  if (id.length === 0) return false;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (letter) continue;
    if (i === 0) return false;
    // digits, '-', '.', '_'
    if (!((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0x5f)) return false;
  }
  return true;
}

/** A deep copy whose options may be edited freely before the core sees them. */
export function cloneDocument(doc: ConfigDocument): ConfigDocument {
  return JSON.parse(JSON.stringify(doc)) as ConfigDocument;
}

/** The options of one kind, with their index in `doc.options`. */
export function optionsOfKind<K extends DocOptionKind>(
  doc: ConfigDocument,
  kind: K,
): Array<{ index: number; option: Extract<DocOption, { kind: K }> }> {
  const out: Array<{ index: number; option: Extract<DocOption, { kind: K }> }> = [];
  doc.options.forEach((option, index) => {
    if (option.kind === kind) out.push({ index, option: option as Extract<DocOption, { kind: K }> });
  });
  return out;
}
