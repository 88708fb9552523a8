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
  /** other machine properties (e.g. `hmat=on`, `nvdimm-persistence=cpu`), kept in order */
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
}

export function emptyDocument(name = 'untitled'): ConfigDocument {
  return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, name, options: [] };
}

/** QEMU's id_wellformed rule for object and device ids: a letter first, then letters, digits, '-', '.', '_'. */
export function isWellFormedId(id: string): boolean {
  return /^[A-Za-z][A-Za-z0-9._-]*$/.test(id);
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
