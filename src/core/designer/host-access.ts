/**
 * What a command line makes QEMU do to the host it runs on, option by option: run a host program (or load host
 * code), read or write a host file, listen on or connect to a socket, open a host device, expose a monitor, or
 * change the QEMU process itself. A design shared as a link or a file can carry any option QEMU has (the designer
 * keeps the options it does not model verbatim, and exports them in place), so before such a design is run each of
 * these is shown for what it is.
 *
 * The options and properties are those of QEMU's qemu-options.hx (QEMU 11.1, the x86 system emulator; a few older
 * spellings too: -chroot, -runas, -writeconfig). Pure: no DOM, no I/O.
 */
import type { ConfigDocument, DocOption } from '../document/index.ts';
import { optionFlagAndText, optionName, splitOptValue, type OptPair } from '../syntax/index.ts';

export type HostAccessKind =
  /** runs a host program or loads host code into QEMU */
  | 'command'
  /** reads or writes a host file or directory (or a descriptor QEMU inherits) */
  | 'file'
  /** listens on or connects to a network or unix socket */
  | 'socket'
  /** opens a host device (/dev/..., a tap interface, a host USB or PCI device, the sound system) */
  | 'device'
  /** a QEMU monitor: whoever reaches it controls QEMU, and through it can run host commands and open host files */
  | 'monitor'
  /** changes the QEMU process: runs it in the background, as another user, in a chroot */
  | 'process';

export interface HostAccess {
  kind: HostAccessKind;
  /** the command, path, address or setting, as written */
  value: string;
  /** what QEMU does with it */
  why: string;
}

/** An option of a document and what it touches on the host. */
export interface OptionHostAccess {
  /** index in `doc.options` */
  index: number;
  flag: string;
  /** the option's value text ('' for an option without one) */
  text: string;
  /** false: the designer keeps the option verbatim without modelling it (`kind: 'raw'`) */
  modelled: boolean;
  /** what it touches on the host (empty: nothing) */
  access: HostAccess[];
}

/** A short name for each kind, for lists and badges. */
export const HOST_ACCESS_LABEL: Readonly<Record<HostAccessKind, string>> = {
  command: 'runs a host command',
  file: 'host file',
  socket: 'network or socket',
  device: 'host device',
  monitor: 'QEMU monitor',
  process: 'QEMU process',
};

// ---------------------------------------------------------------------------------------------------------------
// small helpers

type Out = HostAccess[];

const add = (out: Out, kind: HostAccessKind, value: string, why: string): void => {
  out.push({ kind, value, why });
};

/** The value of the last `key=` pair (null when absent, '' for a bare `key`). */
function get(pairs: readonly OptPair[], key: string): string | null {
  let v: string | null = null;
  for (const p of pairs) if (p.key === key) v = p.value ?? '';
  return v;
}

/** Every value of `key=` (the key may repeat: hostfwd=, guestfwd=). */
function all(pairs: readonly OptPair[], key: string): string[] {
  return pairs.filter((p) => p.key === key && p.value !== null).map((p) => p.value!);
}

const ON = new Set(['on', 'yes', 'true', 'y', '']);
const isOn = (v: string | null): boolean => v !== null && ON.has(v);

/** A host path: under /dev it is a device. */
function pathAccess(out: Out, path: string, why: string, deviceWhy = why): void {
  if (path === '') return;
  if (/^\/dev\/fdset\//.test(path)) add(out, 'file', path, `${why} (a descriptor handed over with -add-fd)`);
  else if (/^\/dev\//.test(path)) add(out, 'device', path, deviceWhy);
  else add(out, 'file', path, why);
}

/** Block drivers whose paths are on a server, not on the host. */
const NETWORK_DRIVER = /^(nbd|iscsi|ssh|gluster|rbd|nfs|http|https|ftp|ftps|curl|vxhs)$/;

/** Block-layer protocols that reach the network. */
const NETWORK_PROTOCOL = /^(nbd|nbd\+unix|nbd\+tcp|iscsi|http|https|ftp|ftps|ssh|gluster|gluster\+\w+|rbd|nfs|sheepdog|vxhs|blkverify|quorum)(:|$)/i;

/** A `file=` of -drive (or the argument of -hda, -cdrom, …): a path, a protocol URL, `json:{…}` or `fat:…:dir`. */
function imageAccess(out: Out, value: string, what: string): void {
  if (value === '') return;
  if (value.startsWith('json:')) {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(value.slice(5));
    } catch {
      parsed = null;
    }
    if (parsed && typeof parsed === 'object') blockTreeAccess(out, flatten(parsed as Record<string, unknown>), what, false);
    else add(out, 'file', value, `opens the ${what} described by this block-layer JSON`);
    return;
  }
  const fat = /^fat:(?:(?:rw|floppy|\d+):)*(.*)$/.exec(value);
  if (fat) {
    add(out, 'file', fat[1]!, `presents this host directory to the guest as a FAT disk${/(^|:)rw:/.test(value) ? ', writing back what the guest changes' : ''}`);
    return;
  }
  if (NETWORK_PROTOCOL.test(value)) {
    add(out, 'socket', value, `opens the ${what} over the network (${value.split(':')[0]})`);
    return;
  }
  pathAccess(out, value, `opens this host file as the ${what}`, `gives the guest this host device as the ${what}`);
}

/** A keyval tree (`a.b=c` pairs, or JSON) as dotted keys. */
function flatten(obj: Record<string, unknown>, prefix = '', out: Array<[string, string]> = []): Array<[string, string]> {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, key, out);
    else if (Array.isArray(v)) v.forEach((x, i) => (x && typeof x === 'object' ? flatten(x as Record<string, unknown>, `${key}.${i}`, out) : out.push([`${key}.${i}`, String(x)])));
    else if (v !== null && v !== undefined) out.push([key, String(v)]);
  }
  return out;
}

/**
 * The host resources of a block-layer node tree (`-blockdev`, the dotted keys of `-drive`): file names, device
 * nodes, network servers. In `-blockdev`, a bare `file=`/`backing=` names another node; in `-drive` it is a file.
 */
function blockTreeAccess(out: Out, keys: ReadonlyArray<[string, string]>, what: string, fileIsNode: boolean): void {
  const byPrefix = new Map<string, Map<string, string>>();
  for (const [k, v] of keys) {
    const dot = k.lastIndexOf('.');
    const prefix = dot < 0 ? '' : k.slice(0, dot);
    const leaf = dot < 0 ? k : k.slice(dot + 1);
    if (!byPrefix.has(prefix)) byPrefix.set(prefix, new Map());
    byPrefix.get(prefix)!.set(leaf, v);
  }
  for (const [prefix, node] of byPrefix) {
    const driver = node.get('driver') ?? '';
    const filename = node.get('filename');
    if (filename !== undefined) {
      if (driver === 'host_device' || driver === 'host_cdrom') add(out, 'device', filename, `gives the guest this host device as the ${what}`);
      else imageAccess(out, filename, what);
    }
    for (const leaf of ['path', 'dir', 'x-data-file', 'data-file'] as const) {
      const v = node.get(leaf);
      if (v === undefined || v === '') continue;
      if (leaf === 'path' && NETWORK_DRIVER.test(driver)) continue;
      if (leaf === 'path' && (prefix.endsWith('server') || driver === 'nbd' || node.get('type') === 'unix')) add(out, 'socket', v, `connects to the block server at this unix socket for the ${what}`);
      else if (leaf === 'data-file' && fileIsNode) continue;
      else pathAccess(out, v, leaf === 'dir' ? `presents this host directory to the guest as the ${what}` : `opens this host file for the ${what}`);
    }
    const url = node.get('url');
    if (url) add(out, 'socket', url, `reads the ${what} from this URL`);
    const host = node.get('host');
    if (host && node.get('type') !== 'unix') add(out, 'socket', `${host}${node.has('port') ? `:${node.get('port')}` : ''}`, `connects to this server for the ${what}${driver ? ` (${driver})` : ''}`);
    if (!fileIsNode || prefix !== '') {
      for (const leaf of ['file', 'backing'] as const) {
        const v = node.get(leaf);
        if (v !== undefined && !byPrefix.has(prefix ? `${prefix}.${leaf}` : leaf)) imageAccess(out, v, leaf === 'backing' ? `backing image of the ${what}` : what);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// character devices: -chardev, and the short forms of -serial, -parallel, -monitor, -qmp, -debugcon, -gdb

const QUIET_CHARDEVS = new Set(['null', 'none', 'vc', 'stdio', 'msmouse', 'wctablet', 'testdev', 'ringbuf', 'memory', 'hub', 'mux', 'console', 'spicevmc', 'spiceport', 'qemu-vdagent']);

/** The short form of a character device (`tcp::4444,server=on`, `file:out.log`, `/dev/ttyS0`, `mon:stdio`). */
function chardevSpec(out: Out, spec: string, role: string): void {
  if (spec.startsWith('mon:')) return chardevSpec(out, spec.slice(4), `${role} and the QEMU monitor`);
  const [head = '', ...rest] = spec.split(',');
  const opts = splitOptValue(rest.join(','), null);
  const listens = isOn(get(opts, 'server')) || /,server(,|$)/.test(spec);
  const m = /^([a-z0-9]+):(.*)$/.exec(head);
  const scheme = m ? m[1]! : head;
  const arg = m ? m[2]! : '';
  switch (scheme) {
    case 'file':
      add(out, 'file', arg, `writes ${role} to this host file (created or overwritten)`);
      return;
    case 'pipe':
      add(out, 'file', arg, `connects ${role} to the host named pipes ${arg}.in and ${arg}.out (or ${arg})`);
      return;
    case 'unix':
      add(out, 'socket', spec, `${listens ? 'listens on' : 'connects to'} this host unix socket for ${role}`);
      return;
    case 'tcp':
    case 'telnet':
    case 'websocket':
    case 'tn3270':
      add(out, 'socket', spec, `${listens ? 'listens on' : 'connects to'} this network address for ${role} (${scheme})`);
      return;
    case 'udp':
      add(out, 'socket', spec, `sends ${role} to this network address (UDP)`);
      return;
    case 'pty':
      add(out, 'device', spec, `creates a host pseudo-terminal for ${role}${arg ? ` and a link to it at ${arg}` : ''}`);
      return;
    case 'braille':
      add(out, 'socket', 'braille', `connects ${role} to the host's BrlAPI server`);
      return;
    default:
      break;
  }
  if (spec.startsWith('/dev/')) add(out, 'device', head, `connects ${role} to this host device`);
  else if (/^COM\d+$/i.test(head)) add(out, 'device', head, `connects ${role} to this host serial port`);
}

/** `-chardev backend,id=…,…` */
function chardevOption(out: Out, pairs: readonly OptPair[]): void {
  const backend = get(pairs, 'backend') ?? '';
  const id = get(pairs, 'id');
  const role = `character device${id ? ` '${id}'` : ''}`;
  const path = get(pairs, 'path');
  switch (backend) {
    case 'socket':
    case 'tcp':
    case 'unix':
    case 'telnet':
    case 'websocket': {
      const listens = isOn(get(pairs, 'server'));
      const verb = listens ? 'listens on' : 'connects to';
      if (path !== null && backend !== 'tcp') add(out, 'socket', path, `${verb} this host unix socket (${role})`);
      else if (get(pairs, 'fd') !== null) add(out, 'file', `fd ${get(pairs, 'fd')}`, `uses a socket QEMU inherits (${role})`);
      else add(out, 'socket', `${get(pairs, 'host') ?? (listens ? '0.0.0.0' : 'localhost')}:${get(pairs, 'port') ?? ''}`, `${verb} this network address (${role})`);
      break;
    }
    case 'udp':
      add(out, 'socket', `${get(pairs, 'host') ?? 'localhost'}:${get(pairs, 'port') ?? ''}`, `sends to this network address over UDP (${role})`);
      break;
    case 'file':
      if (path !== null) add(out, 'file', path, `writes what the guest sends to this host file, created or overwritten (${role})`);
      if (get(pairs, 'input-path') !== null) add(out, 'file', get(pairs, 'input-path')!, `reads input for the guest from this host file (${role})`);
      break;
    case 'pipe':
      if (path !== null) add(out, 'file', path, `connects to the host named pipes ${path}.in and ${path}.out (${role})`);
      break;
    case 'serial':
    case 'tty':
      if (path !== null) pathAccess(out, path, `opens this host serial device (${role})`);
      break;
    case 'parallel':
    case 'parport':
      if (path !== null) pathAccess(out, path, `opens this host parallel port (${role})`);
      break;
    case 'pty':
      add(out, 'device', 'pty', `creates a host pseudo-terminal (${role})`);
      if (path !== null) add(out, 'file', path, `creates a link to the pseudo-terminal at this host path (${role})`);
      break;
    case 'braille':
      add(out, 'socket', 'braille', `connects to the host's BrlAPI server (${role})`);
      break;
    case 'dbus':
      add(out, 'socket', 'D-Bus', `exports the ${role} on D-Bus`);
      break;
    default:
      if (!QUIET_CHARDEVS.has(backend) && path !== null) pathAccess(out, path, `opens this host path (${role})`);
      break;
  }
  const log = get(pairs, 'logfile');
  if (log) add(out, 'file', log, `writes a log of the ${role}'s traffic to this host file`);
}

// ---------------------------------------------------------------------------------------------------------------
// networking: -netdev, -nic, -net

function netOption(out: Out, pairs: readonly OptPair[]): void {
  const type = get(pairs, 'type') ?? '';
  const id = get(pairs, 'id') ?? get(pairs, 'name');
  const role = `network backend${id ? ` '${id}'` : ''}`;
  switch (type) {
    case 'tap': {
      const fd = get(pairs, 'fd') ?? get(pairs, 'fds');
      const helper = get(pairs, 'helper');
      if (fd !== null) add(out, 'file', `fd ${fd}`, `uses a tap interface QEMU inherits (${role})`);
      else add(out, 'device', get(pairs, 'ifname') ?? '/dev/net/tun', `creates or opens a host tap network interface (${role})`);
      if (fd === null && helper !== null) add(out, 'command', helper, `runs this host program to set up the tap interface (${role})`);
      else if (fd === null) {
        const up = get(pairs, 'script') ?? '/etc/qemu-ifup';
        const down = get(pairs, 'downscript') ?? '/etc/qemu-ifdown';
        if (up !== 'no' && up !== '') add(out, 'command', up, `runs this host script when the interface comes up${get(pairs, 'script') === null ? ' (QEMU’s default)' : ''} (${role})`);
        if (down !== 'no' && down !== '') add(out, 'command', down, `runs this host script when the interface goes down${get(pairs, 'downscript') === null ? ' (QEMU’s default)' : ''} (${role})`);
      }
      if (isOn(get(pairs, 'vhost')) || get(pairs, 'vhostfd') !== null || get(pairs, 'vhostfds') !== null) add(out, 'device', '/dev/vhost-net', `opens the host's vhost-net device (${role})`);
      break;
    }
    case 'bridge':
      add(out, 'command', get(pairs, 'helper') ?? 'qemu-bridge-helper', `runs this host program to attach a tap interface to the host bridge ${get(pairs, 'br') ?? 'br0'} (${role})`);
      break;
    case 'user': {
      for (const f of all(pairs, 'hostfwd')) add(out, 'socket', f, `listens on the host for connections forwarded to the guest (${role})`);
      for (const f of all(pairs, 'guestfwd')) {
        const cmd = /-cmd:(.*)$/.exec(f);
        if (cmd) add(out, 'command', cmd[1]!, `runs this host command for every guest connection to ${f.slice(0, f.indexOf('-cmd:'))} (${role})`);
        else {
          const dash = f.lastIndexOf('-');
          chardevSpec(out, dash >= 0 ? f.slice(dash + 1) : f, `guest connections to ${dash >= 0 ? f.slice(0, dash) : f}`);
        }
      }
      const tftp = get(pairs, 'tftp');
      if (tftp) add(out, 'file', tftp, `serves this host directory to the guest over TFTP (${role})`);
      const smb = get(pairs, 'smb');
      if (smb) {
        add(out, 'file', smb, `shares this host directory with the guest over SMB (${role})`);
        add(out, 'command', 'smbd', `starts the host's Samba server for that share (${role})`);
      }
      break;
    }
    case 'socket':
      for (const k of ['listen', 'connect', 'mcast', 'udp'] as const) {
        const v = get(pairs, k);
        if (v !== null) add(out, 'socket', v, `${k === 'listen' ? 'listens on' : k === 'mcast' ? 'joins the multicast group' : 'connects to'} this network address (${role})`);
      }
      if (get(pairs, 'fd') !== null) add(out, 'file', `fd ${get(pairs, 'fd')}`, `uses a socket QEMU inherits (${role})`);
      break;
    case 'stream':
    case 'dgram': {
      const listens = isOn(get(pairs, 'server'));
      for (const p of ['addr', 'local', 'remote'] as const) {
        const t = get(pairs, `${p}.type`);
        if (t === null) continue;
        const where =
          t === 'unix' ? (get(pairs, `${p}.path`) ?? '') : t === 'fd' ? `fd ${get(pairs, `${p}.str`) ?? ''}` : `${get(pairs, `${p}.host`) ?? ''}:${get(pairs, `${p}.port`) ?? ''}`;
        const verb = p === 'local' || listens ? 'listens on' : 'connects to';
        add(out, t === 'fd' ? 'file' : 'socket', where, `${verb} this ${t === 'unix' ? 'host unix socket' : t === 'fd' ? 'inherited socket' : 'network address'} (${role})`);
      }
      break;
    }
    case 'l2tpv3':
      add(out, 'socket', `${get(pairs, 'src') ?? ''} → ${get(pairs, 'dst') ?? ''}`, `opens a raw L2TPv3 tunnel between these host addresses (${role})`);
      break;
    case 'vde':
      add(out, 'socket', get(pairs, 'sock') ?? '/tmp/vde.ctl', `connects to the VDE switch at this host socket (${role})`);
      break;
    case 'netmap':
    case 'af-xdp':
    case 'vmnet-host':
    case 'vmnet-shared':
    case 'vmnet-bridged':
      add(out, 'device', get(pairs, 'ifname') ?? type, `attaches to this host network interface (${role}, ${type})`);
      if (get(pairs, 'map-path')) add(out, 'file', get(pairs, 'map-path')!, `opens this pinned BPF map (${role})`);
      break;
    case 'vhost-vdpa':
      if (get(pairs, 'vhostfd') !== null) add(out, 'file', `fd ${get(pairs, 'vhostfd')}`, `uses a vhost-vdpa device QEMU inherits (${role})`);
      else add(out, 'device', get(pairs, 'vhostdev') ?? '/dev/vhost-vdpa-0', `opens this host vhost-vdpa device (${role})`);
      break;
    case 'passt':
      add(out, 'command', get(pairs, 'path') ?? 'passt', `starts this host program (passt) for the guest's network (${role})`);
      break;
    default:
      // -net nic, hubport, vhost-user (its chardev is classified on its own), none
      break;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// -object and -device

/** Properties that name a host path, for objects, devices, -set and -global. */
const PATH_PROPS: Readonly<Record<string, string>> = {
  file: 'opens this host file',
  filename: 'opens this host file',
  path: 'opens this host path',
  'mem-path': 'backs guest memory with this host file (or a file created in this host directory)',
  romfile: "loads this host file as the device's option ROM",
  dir: 'reads the files of this host directory',
  logfile: 'writes a log to this host file',
  'input-path': 'reads input from this host file',
  sdrfile: 'reads sensor records from this host file',
  frudatafile: 'reads FRU data from this host file',
  rootdir: 'shares this host directory with the guest',
  kernel: 'loads this host file as a kernel',
  initrd: 'loads this host file as an initial RAM disk',
  firmware: 'loads this host file as firmware',
  dtb: 'loads this host file as a device tree',
  dumpdtb: 'writes the device tree to this host file',
  jsonfile: 'keeps the UEFI variables in this host file (read and written)',
  evdev: 'reads input events from this host device',
  sysfsdev: 'passes this host device through to the guest',
  rendernode: 'opens this host GPU render node',
  'sev-device': 'opens this host device for the secure guest',
  'dh-cert-file': 'reads this host file',
  'session-file': 'reads this host file',
  'x509-dir': 'reads TLS credentials from this host directory',
  'cancel-path': 'opens this host path',
  vhostdev: 'opens this host vhost device',
  hostdevice: 'passes this host USB device through to the guest',
  script: 'runs this host script',
  downscript: 'runs this host script',
  helper: 'runs this host program',
};
const COMMAND_PROPS = new Set(['script', 'downscript', 'helper']);

function propAccess(out: Out, key: string, value: string, role: string): boolean {
  const leaf = key.slice(key.lastIndexOf('.') + 1);
  const why = PATH_PROPS[leaf];
  if (!why || value === '') return false;
  if (COMMAND_PROPS.has(leaf)) {
    if (value !== 'no') add(out, 'command', value, `${why} (${role})`);
  } else pathAccess(out, value, `${why} (${role})`);
  return true;
}

function objectOption(out: Out, pairs: readonly OptPair[]): void {
  const type = get(pairs, 'qom-type') ?? '';
  const id = get(pairs, 'id');
  const role = `${type}${id ? ` '${id}'` : ''}`;
  switch (type) {
    case 'memory-backend-file': {
      const p = get(pairs, 'mem-path');
      if (p !== null) {
        const share = isOn(get(pairs, 'share'));
        pathAccess(
          out,
          p,
          `backs guest memory with this host file, or a file it creates in this host directory${share ? '; share=on: what the guest writes lands in the file' : ''} (${role})`,
          `backs guest memory with this host device (${role})`,
        );
      }
      return;
    }
    case 'memory-backend-shm':
      add(out, 'file', `/dev/shm (${role})`, `backs guest memory with POSIX shared memory that other host processes can map (${role})`);
      return;
    case 'rng-random':
      pathAccess(out, get(pairs, 'filename') ?? '/dev/urandom', `reads entropy from this host file (${role})`, `reads entropy from this host device (${role})`);
      return;
    case 'filter-dump':
      if (get(pairs, 'file') !== null) add(out, 'file', get(pairs, 'file')!, `writes the guest's network traffic to this host file (${role})`);
      return;
    case 'secret':
      if (get(pairs, 'file') !== null) add(out, 'file', get(pairs, 'file')!, `reads a secret from this host file (${role})`);
      return;
    case 'authz-listfile':
      if (get(pairs, 'filename') !== null) add(out, 'file', get(pairs, 'filename')!, `reads access rules from this host file (${role})`);
      return;
    case 'iommufd':
      if (get(pairs, 'fd') !== null) add(out, 'file', `fd ${get(pairs, 'fd')}`, `uses an iommufd QEMU inherits (${role})`);
      else add(out, 'device', '/dev/iommu', `opens the host's IOMMU device (${role})`);
      return;
    case 'can-host-socketcan':
      add(out, 'device', get(pairs, 'if') ?? '', `attaches to this host CAN interface (${role})`);
      return;
    case 'pr-manager-helper':
      add(out, 'socket', get(pairs, 'path') ?? '', `connects to the persistent-reservation helper at this host socket (${role})`);
      return;
    case 'dbus-vmstate':
      add(out, 'socket', get(pairs, 'addr') ?? '', `connects to this D-Bus address (${role})`);
      return;
    default:
      break;
  }
  for (const p of pairs) {
    if (p.key === 'qom-type' || p.key === 'id' || p.value === null) continue;
    if (p.key.endsWith('.path') && /socket/.test(p.key)) add(out, 'socket', p.value, `connects to this host unix socket (${role})`);
    else if (p.key === 'socket' || p.key === 'socket.path') add(out, 'socket', p.value, `listens on or connects to this host socket (${role})`);
    else if (p.key === 'fd') add(out, 'file', `fd ${p.value}`, `uses a descriptor QEMU inherits (${role})`);
    else propAccess(out, p.key, p.value, role);
  }
}

function deviceOption(out: Out, pairs: readonly OptPair[]): void {
  const driver = get(pairs, 'driver') ?? '';
  const id = get(pairs, 'id');
  const role = `device ${driver}${id ? ` '${id}'` : ''}`;
  if (/^vfio-/.test(driver)) {
    const host = get(pairs, 'host') ?? get(pairs, 'sysfsdev');
    if (host !== null) add(out, 'device', host, `passes this host device through to the guest (${role})`);
  }
  if (driver === 'usb-host') {
    const which = ['hostbus', 'hostaddr', 'hostport', 'vendorid', 'productid', 'hostdevice']
      .map((k) => (get(pairs, k) !== null ? `${k}=${get(pairs, k)}` : null))
      .filter((x): x is string => x !== null)
      .join(',');
    add(out, 'device', which || 'any', `passes a host USB device through to the guest (${role})`);
  }
  if (/^vhost-(vsock|scsi)/.test(driver)) {
    if (get(pairs, 'vhostfd') !== null) add(out, 'file', `fd ${get(pairs, 'vhostfd')}`, `uses a vhost device QEMU inherits (${role})`);
    else add(out, 'device', driver.startsWith('vhost-vsock') ? '/dev/vhost-vsock' : '/dev/vhost-scsi', `opens this host device (${role})`);
  }
  if (driver === 'loader' && get(pairs, 'file') !== null) add(out, 'file', get(pairs, 'file')!, `loads this host file into guest memory (${role})`);
  for (const p of pairs) {
    if (p.value === null || p.key === 'driver' || p.key === 'id' || p.key === 'host' || p.key === 'hostdevice' || p.key === 'sysfsdev') continue;
    if (driver === 'loader' && p.key === 'file') continue;
    if (p.key === 'socket') add(out, 'socket', p.value, `connects to this host socket (${role})`);
    else if (p.key === 'vhostfd' || p.key === 'fd') continue;
    else propAccess(out, p.key, p.value, role);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// one option

const IMPLIED_KEY: Readonly<Record<string, string>> = {
  chardev: 'backend',
  netdev: 'type',
  nic: 'type',
  net: 'type',
  object: 'qom-type',
  device: 'driver',
  machine: 'type',
  M: 'type',
  accel: 'accel',
  audiodev: 'driver',
  audio: 'driver',
  tpmdev: 'type',
  fsdev: 'fsdriver',
  virtfs: 'fsdriver',
  fw_cfg: 'name',
  plugin: 'file',
  trace: 'enable',
  mon: 'chardev',
  display: 'type',
  vnc: 'vnc',
  blockdev: 'driver',
};

/** An option's flag and value as QEMU arguments → what it touches on the host (empty: nothing). */
export function classifyHostAccess(flag: string, value: string | null = null): HostAccess[] {
  const name = optionName(flag);
  if (name === null) return [];
  const out: Out = [];
  const v = value ?? '';
  const pairs = (): OptPair[] => splitOptValue(v, IMPLIED_KEY[name] ?? null);
  switch (name) {
    case 'incoming': {
      if (v.startsWith('exec:')) add(out, 'command', v.slice(5), 'runs this host command and takes the guest state QEMU starts from (an incoming migration) from its output');
      else if (v.startsWith('file:')) add(out, 'file', v.slice(5), 'reads the guest state QEMU starts from (an incoming migration) from this host file');
      else if (v.startsWith('fd:')) add(out, 'file', v, 'reads the guest state QEMU starts from (an incoming migration) from a descriptor QEMU inherits');
      else if (/^(tcp|rdma|unix|vsock):/.test(v)) add(out, 'socket', v, 'listens on this address and starts the guest from whatever state is sent to it (an incoming migration)');
      else if (v === 'defer') add(out, 'process', v, 'waits for an incoming migration set up through the monitor instead of booting the guest');
      else {
        // the channel forms: JSON or keyval (`main,addr.transport=socket,…`)
        const t = /"transport"\s*:\s*"(\w+)"|addr\.transport=(\w+)/.exec(v);
        const transport = t ? (t[1] ?? t[2]) : '';
        add(
          out,
          transport === 'exec' ? 'command' : transport === 'file' ? 'file' : 'socket',
          v,
          transport === 'exec' ? 'runs a host command and takes the incoming migration from its output' : 'takes the guest state QEMU starts from (an incoming migration) from this channel',
        );
      }
      break;
    }
    case 'chardev':
      chardevOption(out, pairs());
      break;
    case 'serial':
    case 'parallel':
    case 'debugcon': {
      const before = out.length;
      chardevSpec(out, v, name === 'debugcon' ? 'the debug console' : `the guest's ${name} port`);
      if (v.startsWith('mon:') && out.length > before) {
        add(out, 'monitor', v, 'puts the QEMU monitor there too: whoever reaches it controls QEMU, and can make it run host commands (migrate "exec:…") and open host files');
      }
      break;
    }
    case 'monitor':
    case 'qmp':
    case 'qmp-pretty': {
      const before = out.length;
      chardevSpec(out, v, 'the QEMU monitor');
      if (out.length > before || v.startsWith('chardev:')) {
        add(out, 'monitor', v, 'opens a QEMU monitor there: whoever reaches it controls QEMU, and can make it run host commands (migrate "exec:…") and open host files');
      }
      break;
    }
    case 'mon':
      add(out, 'monitor', get(pairs(), 'chardev') ?? v, 'opens a QEMU monitor on this character device: whoever reaches it controls QEMU, and can make it run host commands (migrate "exec:…") and open host files');
      break;
    case 'gdb': {
      const before = out.length;
      chardevSpec(out, v, 'the gdb stub');
      if (out.length > before) add(out, 'monitor', v, 'whoever connects to the gdb stub reads and writes guest memory and controls the vCPUs');
      break;
    }
    case 's':
      add(out, 'socket', 'tcp::1234', 'listens on TCP port 1234 for gdb: whoever connects reads and writes guest memory and controls the vCPUs');
      break;
    case 'qtest':
      chardevSpec(out, v, 'the qtest protocol');
      break;
    case 'qtest-log':
      add(out, 'file', v, 'writes the qtest log to this host file');
      break;
    case 'netdev':
    case 'nic':
    case 'net':
      netOption(out, pairs());
      break;
    case 'drive': {
      const ps = pairs();
      const iface = get(ps, 'if');
      const what = iface === 'pflash' ? 'firmware flash image' : get(ps, 'media') === 'cdrom' ? 'CD-ROM image' : 'disk image';
      const file = get(ps, 'file');
      if (file !== null) imageAccess(out, file, what);
      blockTreeAccess(
        out,
        ps.filter((p) => p.key.includes('.') && p.value !== null).map((p) => [p.key, p.value!] as [string, string]),
        what,
        false,
      );
      break;
    }
    case 'blockdev': {
      let keys: Array<[string, string]>;
      if (v.trimStart().startsWith('{')) {
        try {
          keys = flatten(JSON.parse(v) as Record<string, unknown>);
        } catch {
          keys = [];
        }
      } else keys = pairs().filter((p) => p.value !== null).map((p) => [p.key, p.value!] as [string, string]);
      blockTreeAccess(out, keys, 'block device', true);
      break;
    }
    case 'hda':
    case 'hdb':
    case 'hdc':
    case 'hdd':
    case 'fda':
    case 'fdb':
    case 'mtdblock':
    case 'sd':
      imageAccess(out, v, 'disk image');
      break;
    case 'cdrom':
      imageAccess(out, v, 'CD-ROM image');
      break;
    case 'pflash':
      imageAccess(out, v, 'firmware flash image');
      break;
    case 'kernel':
      pathAccess(out, v, "loads this host file as the guest's kernel");
      break;
    case 'initrd':
      pathAccess(out, v, "loads this host file as the guest's initial RAM disk");
      break;
    case 'bios':
      pathAccess(out, v, "loads this host file as the guest's firmware");
      break;
    case 'dtb':
      pathAccess(out, v, 'loads this host file as the device tree');
      break;
    case 'option-rom':
      pathAccess(out, v, 'loads this host file as an option ROM');
      break;
    case 'shim':
      pathAccess(out, v, 'loads this host file as the shim the kernel boots through');
      break;
    case 'L':
      add(out, 'file', v, 'looks up firmware, option ROMs and keymaps in this host directory first');
      break;
    case 'mem-path':
      pathAccess(out, v, "backs the guest's RAM with files created in this host directory", "backs the guest's RAM with this host device");
      break;
    case 'boot': {
      const splash = get(splitOptValue(v, 'order'), 'splash');
      if (splash) add(out, 'file', splash, 'shows this host image file as the boot splash');
      break;
    }
    case 'acpitable':
      for (const p of splitOptValue(v, null)) {
        if ((p.key === 'file' || p.key === 'data') && p.value) {
          for (const f of p.value.split(':')) if (f) add(out, 'file', f, 'puts the contents of this host file into an ACPI table the guest reads');
        }
      }
      break;
    case 'smbios':
      for (const p of splitOptValue(v, null)) {
        if ((p.key === 'file' || p.key === 'path') && p.value) add(out, 'file', p.value, 'puts the contents of this host file into the SMBIOS tables the guest reads');
      }
      break;
    case 'fw_cfg': {
      const ps = pairs();
      const file = get(ps, 'file');
      if (file) add(out, 'file', file, `hands the contents of this host file to the guest (fw_cfg ${get(ps, 'name') ?? ''})`);
      break;
    }
    case 'fsdev':
    case 'virtfs': {
      const ps = pairs();
      const path = get(ps, 'path');
      const ro = isOn(get(ps, 'readonly'));
      if (path) add(out, 'file', path, `shares this host directory with the guest${ro ? ' (read-only)' : ', which can change its files'}`);
      const sock = get(ps, 'socket');
      if (sock) add(out, 'socket', sock, 'connects to the 9p proxy helper at this host socket');
      if (get(ps, 'sock_fd') !== null) add(out, 'file', `fd ${get(ps, 'sock_fd')}`, 'uses a socket QEMU inherits for the 9p proxy helper');
      break;
    }
    case 'object':
      objectOption(out, pairs());
      break;
    case 'device':
      deviceOption(out, pairs());
      break;
    case 'machine':
    case 'M':
      for (const p of pairs()) if (p.value !== null && p.key !== 'type') propAccess(out, p.key, p.value, '-machine');
      break;
    case 'accel': {
      const dev = get(pairs(), 'device');
      if (dev) pathAccess(out, dev, 'opens this host file as the accelerator device', 'opens this host device as the accelerator (instead of /dev/kvm)');
      break;
    }
    case 'tpmdev': {
      const ps = pairs();
      if (get(ps, 'type') === 'passthrough') {
        add(out, 'device', get(ps, 'path') ?? '/dev/tpm0', "gives the guest the host's TPM");
        if (get(ps, 'cancel-path')) add(out, 'file', get(ps, 'cancel-path')!, "opens this host path to cancel the host TPM's commands");
      }
      break;
    }
    case 'audiodev':
    case 'audio': {
      const ps = pairs();
      const driver = get(ps, 'driver') ?? '';
      if (driver === 'wav') add(out, 'file', get(ps, 'path') ?? 'qemu.wav', "writes the guest's sound to this host file");
      else if (driver && !['none', 'spice', 'dbus', 'help'].includes(driver)) {
        add(out, 'device', driver, "plays the guest's sound and records from the host's microphone through the host's sound system");
        const server = get(ps, 'server');
        if (server) add(out, 'socket', server, 'connects to this sound server');
        for (const k of ['in.dev', 'out.dev'] as const) if (get(ps, k)) pathAccess(out, get(ps, k)!, 'opens this host sound device');
      }
      break;
    }
    case 'display': {
      const ps = pairs();
      const type = get(ps, 'type') ?? (get(ps, 'vnc') !== null ? 'vnc' : '');
      if (type === 'spice-app') add(out, 'command', 'spice client', "starts the host's default Spice client application");
      if (type === 'vnc') add(out, 'socket', get(ps, 'vnc') ?? '', 'listens for VNC clients: whoever connects sees the display and types into the guest');
      if (type === 'dbus' && get(ps, 'addr')) add(out, 'socket', get(ps, 'addr')!, 'exports the display on this D-Bus address');
      const rn = get(ps, 'rendernode');
      if (rn) pathAccess(out, rn, 'opens this host GPU render node');
      break;
    }
    case 'vnc': {
      const ps = splitOptValue(v, 'display');
      const display = ps[0]?.value ?? v;
      if (display !== 'none') {
        const reverse = isOn(get(ps, 'reverse'));
        add(
          out,
          'socket',
          display,
          reverse
            ? 'connects to a VNC viewer at this address and gives it the display and the keyboard'
            : `listens for VNC clients${display.startsWith('unix:') ? ' on this host unix socket' : ` on TCP port 5900+${display.slice(display.lastIndexOf(':') + 1) || '0'}`}: whoever connects sees the display and types into the guest`,
        );
      }
      const ws = get(ps, 'websocket');
      if (ws !== null) add(out, 'socket', ws || '5700+display', 'listens for VNC WebSocket clients');
      break;
    }
    case 'spice': {
      const ps = splitOptValue(v, null);
      for (const k of ['port', 'tls-port'] as const) {
        if (get(ps, k)) add(out, 'socket', `${get(ps, 'addr') ?? '0.0.0.0'}:${get(ps, k)}`, 'listens for Spice clients: whoever connects sees the display and types into the guest');
      }
      if (isOn(get(ps, 'unix')) && get(ps, 'addr')) add(out, 'socket', get(ps, 'addr')!, 'listens for Spice clients on this host unix socket');
      for (const p of ps) if (p.value && (p.key.startsWith('x509') || p.key === 'rendernode')) pathAccess(out, p.value, p.key === 'rendernode' ? 'opens this host GPU render node' : 'reads TLS credentials from this host path');
      break;
    }
    case 'usbdevice':
      if (v === 'braille') add(out, 'socket', 'braille', "connects to the host's BrlAPI server");
      else if (v.startsWith('host:')) add(out, 'device', v, 'passes a host USB device through to the guest');
      else if (v.startsWith('disk:')) imageAccess(out, v.replace(/^disk:(format=[^:]*:)?/, ''), 'USB disk image');
      else if (v.startsWith('serial:')) chardevSpec(out, v.replace(/^serial:(?:[^:]*:)?/, ''), 'a USB serial adapter');
      break;
    case 'pidfile':
      add(out, 'file', v, "writes QEMU's process id to this host file");
      break;
    case 'D':
      add(out, 'file', v, "writes QEMU's debug log to this host file");
      break;
    case 'trace': {
      const ps = pairs();
      if (get(ps, 'file')) add(out, 'file', get(ps, 'file')!, 'writes the trace to this host file');
      if (get(ps, 'events')) add(out, 'file', get(ps, 'events')!, 'reads the trace events to enable from this host file');
      break;
    }
    case 'icount': {
      const f = get(splitOptValue(v, 'shift'), 'rrfile');
      if (f) add(out, 'file', f, 'records the execution to this host file, or replays it from it');
      break;
    }
    case 'dump-vmstate':
      add(out, 'file', v, 'writes a description of the device state to this host file');
      break;
    case 'readconfig':
      add(out, 'file', v, 'reads more options from this host file: the designer cannot see what they do');
      break;
    case 'writeconfig':
      add(out, 'file', v, 'writes the configuration to this host file');
      break;
    case 'add-fd': {
      const ps = splitOptValue(v, null);
      add(out, 'file', `fd ${get(ps, 'fd') ?? '?'}${get(ps, 'opaque') ? ` (${get(ps, 'opaque')})` : ''}`, 'takes over a file descriptor QEMU inherits, for options that name /dev/fdset/…');
      break;
    }
    case 'loadvm':
      add(out, 'file', v, "starts the guest from this snapshot saved in its disk images instead of booting it");
      break;
    case 'plugin': {
      const file = get(pairs(), 'file');
      add(out, 'command', file ?? v, 'loads this host shared library into QEMU and runs its code');
      break;
    }
    case 'daemonize':
      add(out, 'process', '-daemonize', 'detaches QEMU from the terminal and keeps it running in the background');
      break;
    case 'run-with': {
      const ps = splitOptValue(v, null);
      if (get(ps, 'chroot')) add(out, 'process', `chroot=${get(ps, 'chroot')}`, 'changes the root directory of the QEMU process to this host directory');
      if (get(ps, 'user')) add(out, 'process', `user=${get(ps, 'user')}`, 'switches the QEMU process to this host user');
      if (isOn(get(ps, 'async-teardown'))) add(out, 'process', 'async-teardown=on', 'starts a second host process that outlives QEMU to free guest memory');
      break;
    }
    case 'chroot':
      add(out, 'process', v, 'changes the root directory of the QEMU process to this host directory');
      break;
    case 'runas':
      add(out, 'process', v, 'switches the QEMU process to this host user');
      break;
    case 'semihosting':
      add(out, 'file', '-semihosting', 'gives the guest direct access to host files');
      break;
    case 'semihosting-config':
      if (!/(^|,)enable=(off|no|false|n)(,|$)/.test(v)) add(out, 'file', v, 'gives the guest direct access to host files');
      break;
    case 'set': {
      const m = /^([^.=]+)\.([^.=]+)\.([^=]+)=(.*)$/.exec(v);
      if (m) propAccess(out, m[3]!, m[4]!, `-set on ${m[1]} '${m[2]}'`);
      break;
    }
    case 'global': {
      const ps = splitOptValue(v, null);
      const long = get(ps, 'property');
      if (long !== null) propAccess(out, long, get(ps, 'value') ?? '', `-global for ${get(ps, 'driver') ?? ''}`);
      else {
        const m = /^(.+)\.([^.=]+)=(.*)$/.exec(v);
        if (m) propAccess(out, m[2]!, m[3]!, `-global for ${m[1]}`);
      }
      break;
    }
    default:
      break;
  }
  return out;
}

/** What every option of `doc` touches on the host: the options that touch something, in document order. */
export function hostAccess(doc: ConfigDocument): OptionHostAccess[] {
  return documentOptions(doc).filter((o) => o.access.length > 0);
}

/**
 * The options a reader of the design should see before running it: every option the designer keeps without
 * modelling it, and every modelled option that touches the host (a file backend's mem-path, a machine property
 * naming a file), in document order, each with what it touches.
 */
export function unmodelledOptions(doc: ConfigDocument): OptionHostAccess[] {
  return documentOptions(doc).filter((o) => !o.modelled || o.access.length > 0);
}

/**
 * Could a modelled option touch the host? Of the options the designer models only a file backend (mem-path=) and
 * properties kept beside the modelled ones (a machine's kernel=, a device's romfile=, …) can; the rest need no
 * look at their text.
 */
function modelledMayTouchHost(o: Exclude<DocOption, { kind: 'raw' }>): boolean {
  if (o.kind === 'object' && o.memPath !== undefined) return true;
  const extra = 'extra' in o ? o.extra : undefined;
  return Boolean(extra?.some(([k, v]) => v !== null && (PATH_PROPS[k] !== undefined || k === 'socket')));
}

/** Options are values (never changed in place), so what one touches is computed once per option object. */
const cache = new WeakMap<object, { flag: string; text: string; access: HostAccess[] }>();

/** The raw options and the modelled ones that touch the host, in document order. */
function documentOptions(doc: ConfigDocument): OptionHostAccess[] {
  const out: OptionHostAccess[] = [];
  doc.options.forEach((o, index) => {
    if (o.kind !== 'raw' && !modelledMayTouchHost(o)) return;
    let hit = cache.get(o);
    if (!hit) {
      if (o.kind === 'raw') {
        const flag = o.args[0] ?? '';
        hit = { flag, text: o.args.slice(1).join(' '), access: classifyHostAccess(flag, o.args[1] ?? null) };
      } else {
        const { flag, text } = optionFlagAndText(o);
        hit = { flag, text, access: classifyHostAccess(flag, text) };
      }
      cache.set(o, hit);
    }
    if (o.kind === 'raw' || hit.access.length) out.push({ index, flag: hit.flag, text: hit.text, modelled: o.kind !== 'raw', access: hit.access });
  });
  return out;
}

/** `s` on one line (control characters as \uXXXX escapes), cut to `max` characters with an ellipsis. */
function oneLine(s: string, max: number): string {
  const one = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** `-incoming exec:cat vm.state` (an option as written, on one line; long values shortened). */
export function optionLabel(o: Pick<OptionHostAccess, 'flag' | 'text'>, max = 160): string {
  return oneLine(o.text === '' ? o.flag : `${o.flag} ${o.text}`, max);
}

/** One line for an option that touches the host: the option as written, then what it touches and why. */
export function describeHostAccess(o: OptionHostAccess): string {
  const what = o.access.map((a) => `${a.why}${a.value ? `: ${oneLine(a.value, 120)}` : ''}`);
  return `${optionLabel(o)} — ${what.join('; ')}`;
}
