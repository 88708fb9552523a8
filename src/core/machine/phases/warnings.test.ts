/**
 * QEMU's warning lines in the result's diagnostics, in QEMU's order. Expected texts are what real QEMU 7.2.22 and
 * 11.1.3 printed for the same arguments (`-S -display none -nodefaults`, TCG; the differential cases `opt-warn-*`
 * run them again, comparing the warning lines); the deprecated machine types are checked against what
 * `-machine help` of each release marks "(deprecated)" (src/core/syntax/qemu-help/qemu-*.json).
 */
import { describe, expect, it } from 'vitest';
import { runCmdline } from '../../../test-support/run-cmdline.ts';
import { readFileSync } from 'node:fs';
import type { QemuVersion } from '../index.ts';

const run = runCmdline;

const both: QemuVersion[] = ['7.2', '11.1'];

describe('deprecated machine types', () => {
  it.each(both)('warn for exactly the types -machine help marks deprecated (%s)', (v) => {
    const help = JSON.parse(readFileSync(new URL(`../../syntax/qemu-help/qemu-${v}.json`, import.meta.url), 'utf8')) as {
      machines: Record<string, { deprecated?: boolean }>;
    };
    const versioned = Object.entries(help.machines).filter(([name]) => /^pc-(i440fx|q35)-\d+\.\d+$/.test(name));
    expect(versioned.length).toBeGreaterThan(10);
    for (const [name, info] of versioned) {
      const r = run(`-M ${name} -m 1G`, v);
      const warned = r.warnings.some((w) => w.startsWith(`Machine type '${name}' is deprecated: `));
      expect([name, warned]).toEqual([name, info.deprecated === true]);
    }
  });
  it('with the reason each release gives', () => {
    expect(run('-M pc-q35-5.2 -m 1G').warnings).toEqual([
      "Machine type 'pc-q35-5.2' is deprecated: machines more than 3 years old are subject to deletion after 6 years",
    ]);
    expect(run('-M pc-i440fx-1.4 -m 1G', '7.2').warnings).toEqual([
      "Machine type 'pc-i440fx-1.4' is deprecated: old and unattended - use a newer version instead",
    ]);
  });
  it('after the machine options and -m, before the backends', () => {
    const r = run('-M pc-q35-5.2,max-ram-below-4g=1k -m 1G -object memory-backend-ram,id=x,size=0');
    expect(r.warnings).toEqual([
      'Only 1024 bytes of RAM below the 4GiB boundary,BIOS may not work with less than 1MiB',
      "Machine type 'pc-q35-5.2' is deprecated: machines more than 3 years old are subject to deletion after 6 years",
    ]);
    expect(r.stderr).toBe("property 'size' of memory-backend-ram doesn't take value '0'");
    // a -m QEMU refuses stops it before the warning
    expect(run('-M pc-q35-5.2 -m 1G,maxmem=512M').warnings).toEqual([]);
    expect(run('-M pc-i440fx-1.4 -smp cpus=0,sockets=1 -m 1G', '7.2').warnings).toEqual([
      'Deprecated CPU topology (considered invalid): CPU topology parameters must be greater than zero',
      "Machine type 'pc-i440fx-1.4' is deprecated: old and unattended - use a newer version instead",
    ]);
  });
});

describe('the CPUs under TCG', () => {
  it('an AMD CPU without TOPOEXT and threads: once, in each release wording', () => {
    expect(run('-M q35 -m 1G -smp 2,threads=2').warnings).toEqual([
      "This family of AMD CPU doesn't support hyperthreading(2). Please configure -smp options properly or try enabling topoext feature.",
    ]);
    expect(run('-M q35 -m 1G -smp 2,threads=2', '7.2').warnings).toEqual([
      "This family of AMD CPU doesn't support hyperthreading(2)\nPlease configure -smp options properly or try enabling topoext feature.",
    ]);
    // Intel: none
    expect(run('-M q35 -m 1G -cpu qemu64,vendor=GenuineIntel -smp 2,threads=2').warnings).toEqual([]);
  });
  it('the features TCG lacks, per present CPU, the -cpu items applied', () => {
    const haswell = [
      'CPUID[eax=01h].ECX.pcid [bit 17]',
      'CPUID[eax=01h].ECX.tsc-deadline [bit 24]',
      'CPUID[eax=07h,ecx=00h].EBX.hle [bit 4]',
      'CPUID[eax=07h,ecx=00h].EBX.invpcid [bit 10]',
      'CPUID[eax=07h,ecx=00h].EBX.rtm [bit 11]',
    ].map((f) => `TCG doesn't support requested feature: ${f}`);
    expect(run('-M q35 -m 1G -cpu Haswell').warnings).toEqual(haswell);
    expect(run('-M q35 -m 1G -cpu Haswell -smp 2').warnings).toEqual([...haswell, ...haswell]);
    expect(run('-M q35 -m 1G -cpu Haswell,-pcid,+avx512f,hle=off').warnings).toEqual(
      [
        'CPUID[eax=01h].ECX.tsc-deadline [bit 24]',
        'CPUID[eax=07h,ecx=00h].EBX.invpcid [bit 10]',
        'CPUID[eax=07h,ecx=00h].EBX.rtm [bit 11]',
        'CPUID[eax=07h,ecx=00h].EBX.avx512f [bit 16]',
      ].map((f) => `TCG doesn't support requested feature: ${f}`),
    );
    // 7.2 names them its own way, and lacks x2apic too
    expect(run('-M q35 -m 1G -cpu Haswell', '7.2').warnings.slice(0, 2)).toEqual([
      "TCG doesn't support requested feature: CPUID.01H:ECX.pcid [bit 17]",
      "TCG doesn't support requested feature: CPUID.01H:ECX.x2apic [bit 21]",
    ]);
    // before the first CPU's phys-bits check
    const r = run('-M q35 -m 1G -cpu Haswell,phys-bits=20');
    expect(r.warnings).toEqual(haswell);
    expect(r.stderr).toBe('phys-bits should be at least 32 (but is 20)');
    expect(run('-M q35 -m 1G -cpu max').warnings).toEqual([]);
  });
});

describe('-numa', () => {
  it('mem= is deprecated where the machine type takes it (7.2), at each option', () => {
    expect(run('-M pc-i440fx-5.0 -m 1G -numa node,mem=512M -numa node,mem=512M', '7.2').warnings).toEqual([
      '-numa node,mem=512M: Parameter -numa node,mem is deprecated, use -numa node,memdev instead',
      '-numa node,mem=512M: Parameter -numa node,mem is deprecated, use -numa node,memdev instead',
    ]);
  });
});

describe('network cards without a peer (net_check_clients)', () => {
  // real QEMU 11.1.3 and 7.2.22 printed these lines for the same arguments (the opt-nic-* differential cases):
  // a card is named by its id, else by its model and how many cards of that model were made before it
  it.each(both)('names each card as QEMU does, in the order they are made (%s)', (v) => {
    expect(run('-M q35 -m 1G -device rtl8139 -device e1000 -device rtl8139', v).warnings).toEqual([
      'nic rtl8139.0 has no peer',
      'nic e1000.0 has no peer',
      'nic rtl8139.1 has no peer',
    ]);
    expect(run('-M q35 -m 1G -device e1000,id=a -device e1000', v).warnings).toEqual(['nic a has no peer', 'nic e1000.1 has no peer']);
    expect(run('-M q35 -m 1G -netdev user,id=u -device e1000,netdev=u -device e1000', v).warnings).toEqual(['nic e1000.1 has no peer']);
  });
  it('comes before the globals no device took', () => {
    expect(run('-M q35 -m 1G -global sp-mem.node=1 -device e1000').warnings).toEqual(['nic e1000.0 has no peer', 'global sp-mem.node=1 not used']);
  });
  it('is not given when -nic or -net make cards of their own (not modelled)', () => {
    expect(run('-M q35 -m 1G -nic user,model=e1000 -device e1000').warnings).toEqual([]);
  });
});
