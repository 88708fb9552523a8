/**
 * `guest [--firmware seabios|ovmf] [--format dmesg|iomem|json] [--kernel pre-6.3|6.3+|7.x] -- <QEMU arguments>` (or
 * `--from-json FILE`): what a Linux guest of the design would print.
 *
 *   dmesg  the `BIOS-provided physical RAM map:` block and the `ACPI: SRAT: Node …` lines
 *   iomem  /proc/iomem
 *   json   the whole preview (firmware map with line origins, fates of the sp-mem devices, warnings), numbers as
 *          hex strings
 *
 * Without --firmware the firmware the command line boots is used (OVMF when a pflash/-bios names it, else SeaBIOS).
 * `--ovmf-build edk2-2026.08|edk2-2022.11` picks the OVMF model; `--annotate on` appends `  # approximate` to lines
 * whose addresses depend on firmware details. A configuration QEMU rejects: QEMU's message on stderr, exit 2.
 */
import { E820_HEADER, guestView, guestViewDefaults, type GuestKernel, type GuestView, type OvmfBuild } from '../core/guest/index.ts';
import type { GuestFirmware } from '../core/guest/index.ts';
import { DOCUMENT_OPTIONS, defineCommand, loadAndCompute } from './load.ts';
import { oneLine } from './terminal.ts';

export const GUEST_FORMATS = ['dmesg', 'iomem', 'json'] as const;

export const GUEST_USAGE = `  guest [--firmware seabios|ovmf] [--format dmesg|iomem|json] [--kernel pre-6.3|6.3+|7.x] -- <QEMU arguments>
  guest … --from-json FILE
      what a Linux guest would print: the BIOS-e820, SRAT, SLIT and HMAT lines of dmesg, or /proc/iomem (default kernel 6.3+,
      firmware as the command line boots it; --ovmf-build edk2-2026.08|edk2-2022.11, --annotate on marks approximate
      lines); exit 2 with QEMU's message when QEMU would reject the configuration
`;

function choice<T extends string>(value: string | undefined, key: string, allowed: readonly T[], fallback: T | null): T | string {
  if (value === undefined) return fallback ?? `guest needs --${key} ${allowed.join('|')}`;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  return `--${key} must be ${allowed.join(', ')} (got '${value}')`;
}

/** JSON with bigints as `0x…` strings. */
export function guestViewToJson(v: GuestView): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? '0x' + x.toString(16) : x), 2);
}

export function guestText(v: GuestView, format: 'dmesg' | 'iomem', annotate: boolean): string {
  const mark = (text: string, approximate: boolean) => (annotate && approximate ? `${text}  # approximate` : text);
  const lines =
    format === 'dmesg'
      ? [E820_HEADER, ...v.e820.map((l) => mark(l.text, l.approximate)), ...v.dmesgSrat]
      : v.iomemLines.map((l) => mark(l.text, l.node.approximate));
  return lines.length ? lines.join('\n') + '\n' : '';
}

export const guestCommand = defineCommand({
  name: 'guest',
  usage: GUEST_USAGE,
  options: {
    firmware: { type: 'string' },
    format: { type: 'string' },
    kernel: { type: 'string' },
    'ovmf-build': { type: 'string' },
    annotate: { type: 'string' },
    ...DOCUMENT_OPTIONS,
  },
  async run(input, io) {
    const flags = input.values;
    const format = choice(flags.format, 'format', GUEST_FORMATS, 'dmesg');
    const kernel = choice<GuestKernel>(flags.kernel, 'kernel', ['pre-6.3', '6.3+', '7.x'], '6.3+');
    const ovmfBuild = choice<OvmfBuild>(flags['ovmf-build'], 'ovmf-build', ['edk2-2026.08', 'edk2-2022.11'], 'edk2-2026.08');
    const firmware = flags.firmware === undefined ? null : choice<GuestFirmware>(flags.firmware, 'firmware', ['seabios', 'ovmf'], null);
    for (const v of [format, kernel, ovmfBuild, firmware]) {
      if (v !== null && v.startsWith('--')) {
        io.stderr(oneLine(v) + '\n');
        return 1;
      }
    }
    const annotate = flags.annotate !== undefined;
    if (annotate && flags.annotate !== '' && flags.annotate !== 'on') {
      io.stderr("--annotate takes no value other than 'on'\n");
      return 1;
    }
    const loaded = loadAndCompute(input, io);
    if (typeof loaded === 'number') return loaded;
    const { doc, result } = loaded;
    const defaults = guestViewDefaults(doc);
    const view = guestView(result.layout, {
      firmware: (firmware as GuestFirmware | null) ?? defaults.firmware,
      kernel: kernel as GuestKernel,
      ovmfBuild: ovmfBuild as OvmfBuild,
      smm: defaults.smm,
      hpet: defaults.hpet,
    });
    if (format === 'json') io.stdout(guestViewToJson(view) + '\n');
    else io.stdout(guestText(view, format as 'dmesg' | 'iomem', annotate));
    return 0;
  },
});
