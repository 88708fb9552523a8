/**
 * The QEMU x86 system-emulator options the command-line importer knows: which take an argument. Options that do
 * not change the memory map are kept verbatim in the document; an option not in this table is refused, as QEMU
 * refuses it (`-foo: invalid option`).
 */

/** Options that take one argument (QEMU's qemu-options.hx, x86 system emulator). */
export const OPTIONS_WITH_ARG = new Set([
  'machine', 'M', 'cpu', 'accel', 'smp', 'numa', 'm', 'object', 'device', 'global',
  'drive', 'blockdev', 'fda', 'fdb', 'hda', 'hdb', 'hdc', 'hdd', 'cdrom', 'mtdblock', 'sd', 'pflash',
  'snapshot-mode', 'fsdev', 'virtfs', 'iscsi',
  'netdev', 'nic', 'net', 'chardev', 'serial', 'parallel', 'monitor', 'qmp', 'qmp-pretty', 'mon', 'debugcon',
  'display', 'vga', 'vnc', 'spice', 'k', 'audiodev', 'audio', 'soundhw', 'usbdevice',
  'name', 'uuid', 'boot', 'bios', 'kernel', 'append', 'initrd', 'dtb', 'fw_cfg', 'L', 'option-rom',
  'rtc', 'icount', 'trace', 'D', 'd', 'dfilter', 'seed', 'smbios', 'acpitable', 'pidfile', 'incoming',
  'gdb', 'chroot', 'runas', 'run-with', 'sandbox', 'msg', 'overcommit', 'add-fd', 'set', 'action',
  'watchdog-action', 'tpmdev', 'mem-path', 'semihosting-config', 'plugin', 'echr', 'virtioconsole',
  'readconfig', 'writeconfig', 'loadvm', 'compat', 'tb-size', 'xen-domid', 'g', 'qtest', 'qtest-log',
]);

/** Options that take no argument. */
export const OPTIONS_WITHOUT_ARG = new Set([
  'S', 's', 'nodefaults', 'nographic', 'no-reboot', 'no-shutdown', 'enable-kvm', 'daemonize', 'snapshot',
  // 7.2 only (the release table says which have it; the others refuse it when the machine is computed)
  'no-acpi',
  'no-user-config', 'full-screen', 'preconfig', 'only-migratable', 'no-fd-bootchk', 'mem-prealloc',
  'usb', 'win2k-hack',
  'enable-sync-profile', 'version', 'h', 'help',
  'xen-attach', 'xen-domid-restrict', 'semihosting',
]);

export type OptionArity = 'arg' | 'none' | 'unknown';

/** The option's name without its leading dashes (`--machine` and `-machine` are the same option). */
export function optionName(flag: string): string | null {
  if (!flag.startsWith('-') || flag === '-' || flag === '--') return null;
  return flag.startsWith('--') ? flag.slice(2) : flag.slice(1);
}

export function optionArity(name: string): OptionArity {
  if (OPTIONS_WITH_ARG.has(name)) return 'arg';
  if (OPTIONS_WITHOUT_ARG.has(name)) return 'none';
  return 'unknown';
}
