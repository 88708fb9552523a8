/**
 * The host CPU a design assumes (ConfigDocument.host), on the CLI: `--host-cpu VENDOR[,phys-bits=N]`, else the
 * machine the CLI runs on (/proc/cpuinfo `vendor_id` and `address sizes`). The core never reads the host; it is
 * told. Only KVM runs depend on it (src/core/machine/phases/cpus.ts).
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_HOST_CPU, HOST_CPU_VENDORS, HOST_PHYS_BITS_MAX, HOST_PHYS_BITS_MIN, type HostCpu, type HostCpuVendor } from '../core/document/index.ts';

export const HOST_CPU_USAGE = `  --host-cpu VENDOR[,phys-bits=N]
      the host CPU KVM runs on (GenuineIntel or AuthenticAMD; phys-bits 32..64, default 46): decides the CPU
      vendor of built-in models and the phys-bits of -cpu host/max under -accel kvm; default: this machine
`;

/** `GenuineIntel`, `AuthenticAMD,phys-bits=48` (`intel`/`amd` accepted); a string is what is wrong. */
export function parseHostCpuFlag(text: string): HostCpu | string {
  const [vendorText = '', ...props] = text.split(',');
  const alias: Record<string, HostCpuVendor> = { intel: 'GenuineIntel', amd: 'AuthenticAMD' };
  const vendor = (HOST_CPU_VENDORS as readonly string[]).includes(vendorText) ? (vendorText as HostCpuVendor) : alias[vendorText.toLowerCase()];
  if (!vendor) return `--host-cpu: the vendor must be ${HOST_CPU_VENDORS.join(' or ')} (got '${vendorText}')`;
  let physBits = DEFAULT_HOST_CPU.physBits;
  for (const p of props) {
    const m = /^phys-bits=(\d+)$/.exec(p);
    if (!m) return `--host-cpu: unknown property '${p}' (only phys-bits=N)`;
    physBits = Number(m[1]);
    if (physBits < HOST_PHYS_BITS_MIN || physBits > HOST_PHYS_BITS_MAX) {
      return `--host-cpu: phys-bits must be from ${HOST_PHYS_BITS_MIN} to ${HOST_PHYS_BITS_MAX} (got ${physBits})`;
    }
  }
  return { vendor, physBits };
}

/**
 * The host CPU /proc/cpuinfo describes: `vendor_id : AuthenticAMD`, `address sizes : 48 bits physical, …`. A
 * vendor other than AMD counts as Intel (QEMU's AMD rules key on AuthenticAMD alone); null when the text has no
 * vendor or no address sizes.
 */
export function hostCpuFromCpuinfo(text: string): HostCpu | null {
  const vendor = /^vendor_id\s*:\s*(\S+)/m.exec(text)?.[1];
  const bits = /^address sizes\s*:\s*(\d+) bits physical/m.exec(text)?.[1];
  if (!vendor || !bits) return null;
  const physBits = Number(bits);
  if (physBits < HOST_PHYS_BITS_MIN || physBits > HOST_PHYS_BITS_MAX) return null;
  return { vendor: vendor === 'AuthenticAMD' ? 'AuthenticAMD' : 'GenuineIntel', physBits };
}

/** This machine's CPU, or DEFAULT_HOST_CPU when /proc/cpuinfo cannot be read or says too little. */
export function thisHostCpu(): { host: HostCpu; from: '/proc/cpuinfo' | 'default' } {
  try {
    const h = hostCpuFromCpuinfo(readFileSync('/proc/cpuinfo', 'utf8'));
    if (h) return { host: h, from: '/proc/cpuinfo' };
  } catch {
    // not Linux, or no /proc: the documented default
  }
  return { host: { ...DEFAULT_HOST_CPU }, from: 'default' };
}

/** `AuthenticAMD,phys-bits=48`: the flag's form of a host CPU. */
export function formatHostCpu(h: HostCpu): string {
  return `${h.vendor},phys-bits=${h.physBits}`;
}
