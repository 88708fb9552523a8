/**
 * `verify` against the real QEMUs of this machine (Debian's 7.2.22 and the sid chroot's 11.1.3): identical tables
 * exit 0, a refusal exits 2 with QEMU's own message, a difference exits 1 and names it.
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run.ts';
import { DEBIAN_QEMU, SID_QEMU_WRAPPER } from './qemu/capture.ts';
import { releaseOfVersionLine } from './verify-command.ts';

async function verify(qemu: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['verify', '--qemu', qemu, '--', ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

/** A script standing in for the user's binary: real QEMU 7.2 with more arguments after theirs. */
function wrapper(body: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mmd-verify-'));
  const file = path.join(dir, 'qemu-system-x86_64');
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

const numaDimm = '-M q35 -m 2G,slots=2,maxmem=6G -object memory-backend-ram,id=r0,size=1G -object memory-backend-ram,id=r1,size=1G -numa node,memdev=r0 -numa node,memdev=r1 -object memory-backend-ram,id=d0,size=1G -device pc-dimm,id=dimm0,memdev=d0,node=1'.split(' ');

describe('verify', { timeout: 120_000 }, () => {
  it.each([
    ['7.2', DEBIAN_QEMU],
    ['11.1', SID_QEMU_WRAPPER],
  ])('exits 0 when QEMU %s builds what the design says', async (v, qemu) => {
    const r = await verify(qemu, numaDimm);
    expect(r.out).toContain(`the design follows QEMU ${v}`);
    expect(r.out).toContain('identical: SRAT (264 bytes), etc/e820 (2 entries), query-memory-devices (1)');
    expect(r.code).toBe(0);
  });
  it('exits 2 with QEMU’s message when QEMU refuses, and says whether the design says the same', async () => {
    const r = await verify(SID_QEMU_WRAPPER, ['-M', 'q35', '-m', '1G', '-device', 'spmem']);
    expect(r.out).toContain("QEMU refused the arguments:\n-device spmem: 'spmem' is not a valid device model name\nthe design: the same message");
    expect(r.code).toBe(2);
  });
  it('exits 1 and names what differs', async () => {
    // the stand-in gives QEMU 2 GiB of RAM where the arguments (and the design) say 1 GiB
    const qemu = wrapper(`exec ${DEBIAN_QEMU} "$@" -m 2G`);
    const r = await verify(qemu, ['-M', 'pc', '-m', '1G']);
    // by hand: QEMU's RAM entry is 2 GiB (0x80000000) long, the design's 1 GiB (0x40000000)
    expect(r.out).toContain('different ("expected": your QEMU, "actual": the design):\n  e820[1]: expected [0x0 +0x80000000 RAM]\n           actual   [0x0 +0x40000000 RAM]\n');
    expect(r.code).toBe(1);
  });
  it('refuses a binary of a release the designer does not follow', async () => {
    const qemu = wrapper('echo "QEMU emulator version 8.2.2 (Debian 1:8.2.2+ds-0ubuntu1)"');
    const r = await verify(qemu, ['-M', 'pc']);
    expect(r.err).toContain("is 'QEMU emulator version 8.2.2 (Debian 1:8.2.2+ds-0ubuntu1)': the designer follows QEMU 7.2, 10.2 and 11.1");
    expect(r.code).toBe(1);
  });
});

describe('releaseOfVersionLine', () => {
  it('reads the first line of `qemu-system-x86_64 --version`', () => {
    expect(releaseOfVersionLine('QEMU emulator version 11.1.3 (Debian 1:11.1.3+ds-1)')).toEqual({ version: '11.1', full: '11.1.3' });
    expect(releaseOfVersionLine('QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)')).toEqual({ version: '7.2', full: '7.2.22' });
    expect(releaseOfVersionLine('QEMU emulator version 10.2.0')).toEqual({ version: '10.2', full: '10.2.0' });
    expect(releaseOfVersionLine('QEMU emulator version 9.2.0')).toBeNull();
    expect(releaseOfVersionLine('something else')).toBeNull();
  });
});
