/**
 * The CLI contracts: `export --format qemu|argv|libvirt|json -- <QEMU arguments>` and `tables --from-json FILE
 * --out DIR`, in-process through runCli and once through `npm run --silent cli` as other tooling calls it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run.ts';

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'mmd-cli-'));
const QTEST = ['-machine', 'q35', '-m', '256M,slots=2,maxmem=2G', '-object', 'memory-backend-ram,id=ram0,size=256M', '-numa', 'node,nodeid=0,memdev=ram0', '-object', 'memory-backend-ram,id=spm0,size=128M', '-device', 'sp-mem,id=sp0,memdev=spm0,node=0'];

describe('export command', () => {
  it('argv: the JSON argv array', async () => {
    expect(await cli(['export', '--format', 'argv', '--', '-machine', 'q35', '-m', '4G', '-drive', "file=a b'c"])).toEqual({
      code: 0,
      stdout: `["qemu-system-x86_64", "-machine", "q35", "-m", "4G", "-drive", "file=a b'c"]\n`,
      stderr: '',
    });
  });

  it('qemu: the shell command', async () => {
    expect(await cli(['export', '--format', 'qemu', '--', '-machine', 'q35', '-m', '4G', '-drive', "file=a b'c"])).toEqual({
      code: 0,
      stdout: "qemu-system-x86_64 \\\n  -machine q35 \\\n  -m 4G \\\n  -drive 'file=a b'\\''c'\n",
      stderr: '',
    });
  });

  it('libvirt: the domain XML, notes on stderr', async () => {
    const r = await cli(['export', '--format', 'libvirt', '--name', 'qtest', '--', ...QTEST]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<domain type='qemu' xmlns:qemu='http:\/\/libvirt.org\/schemas\/domain\/qemu\/1.0'>\n  <name>qtest<\/name>\n/);
    expect(r.stdout).toContain("<qemu:arg value='sp-mem,id=sp0,memdev=spm0,node=0'/>");
    expect(r.stderr).toContain('note: sp-mem has no libvirt device model');
  });

  it('json: the saved document', async () => {
    const r = await cli(['export', '--format', 'json', '--name', 'd', '--', '-m', '4G']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      format: 'memory-map-designer',
      version: 1,
      name: 'd',
      options: [{ kind: 'memory', size: '4G', flag: '-m', text: '4G' }],
    });
  });

  it('a configuration QEMU rejects: qemu and libvirt exit 2 with QEMU’s message, argv and json still export', async () => {
    const bad = ['-machine', 'q35', '-m', '4G,slots=2'];
    for (const format of ['qemu', 'libvirt']) {
      expect(await cli(['export', '--format', format, '--', ...bad])).toEqual({ code: 2, stdout: '', stderr: 'slots specified but no max-size\n' });
    }
    expect((await cli(['export', '--format', 'argv', '--', ...bad])).code).toBe(0);
    expect((await cli(['export', '--format', 'json', '--', ...bad])).code).toBe(0);
  });

  it('arguments QEMU cannot read: exit 2 with its message', async () => {
    expect(await cli(['export', '--format', 'argv', '--', '-m', '4G', '-bogus'])).toEqual({ code: 2, stdout: '', stderr: '-bogus: invalid option\n' });
  });

  it('usage errors: exit 1', async () => {
    expect((await cli(['export', '--', '-m', '4G'])).code).toBe(1);
    expect((await cli(['export', '--format', 'yaml', '--', '-m', '4G'])).stderr).toBe("export needs --format qemu|argv|libvirt|json (got 'yaml')\n");
    expect((await cli(['export', '--format', 'argv'])).stderr).toBe('missing QEMU arguments after -- (or --args-file FILE)\n');
  });

  it('--from-json reads a saved document, refusing a hostile one naming the field', async () => {
    const saved = await cli(['export', '--format', 'json', '--', ...QTEST]);
    const file = join(dir, 'qtest.json');
    writeFileSync(file, saved.stdout);
    const again = await cli(['export', '--format', 'argv', '--from-json', file]);
    expect(again.stdout).toBe(JSON.stringify(['qemu-system-x86_64', ...QTEST]).replaceAll('","', '", "') + '\n');
    const hostile = join(dir, 'hostile.json');
    writeFileSync(hostile, '{"format":"memory-map-designer","version":1,"name":"x","options":[{"kind":"memory","size":"1G","__proto__":{"a":1}}]}');
    expect(await cli(['export', '--format', 'qemu', '--from-json', hostile])).toEqual({
      code: 1,
      stdout: '',
      stderr: "not a usable design document: options[0].__proto__: the key '__proto__' is not allowed\n",
    });
  });
});

describe('tables --from-json', () => {
  it('writes the same tables as from the QEMU arguments', async () => {
    const saved = await cli(['export', '--format', 'json', '--', ...QTEST]);
    const file = join(dir, 'tables.json');
    writeFileSync(file, saved.stdout);
    const a = join(dir, 'from-args');
    const b = join(dir, 'from-json');
    expect((await cli(['tables', '--out', a, '--', ...QTEST])).code).toBe(0);
    expect((await cli(['tables', '--from-json', file, '--out', b])).code).toBe(0);
    for (const f of ['SRAT.bin', 'e820.bin', 'e820.json', 'memory-devices.json']) {
      expect(readFileSync(join(b, f))).toEqual(readFileSync(join(a, f)));
    }
    // the sp-mem of QEMU's qtest: 128 MiB soft-reserved (0xefffffff) right at the window base, 4 GiB
    expect(JSON.parse(readFileSync(join(b, 'e820.json'), 'utf8'))).toContainEqual({ start: '0x100000000', length: '0x8000000', type: 0xefffffff });
  });

  it('refuses a corrupt document with the field', async () => {
    const file = join(dir, 'corrupt.json');
    writeFileSync(file, '{"format":"memory-map-designer","version":1,"name":"x","options":[{"kind":"memory","size":4}]}');
    expect(await cli(['tables', '--from-json', file, '--out', join(dir, 'x')])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'not a usable design document: options[0].size: expected a string, got a number\n',
    });
  });
});

describe('through npm run, as other tooling calls it', () => {
  it('export --format argv', () => {
    const r = spawnSync('npm', ['run', '--silent', 'cli', '--', 'export', '--format', 'argv', '--', '-machine', 'q35', '-m', '4G'], {
      cwd: join(import.meta.dirname, '../..'),
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('["qemu-system-x86_64", "-machine", "q35", "-m", "4G"]\n');
  });

  it('export --format libvirt of a rejected configuration exits 2', () => {
    const r = spawnSync('npm', ['run', '--silent', 'cli', '--', 'export', '--format', 'libvirt', '--', '-m', '4G,slots=2'], {
      cwd: join(import.meta.dirname, '../..'),
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('slots specified but no max-size');
  });
});
