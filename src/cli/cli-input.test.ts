/**
 * What the CLI reads and says: QEMU arguments from a file or stdin (for command lines `npm run` cannot carry),
 * files read only up to the largest design (`/dev/zero`), every message with its control characters escaped,
 * and `export --format json` writing only what `--from-json` reads back — at the designer's limits too.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_OPTIONS } from '../core/io/index.ts';
import { bigDesignArgs } from '../state/big-design.ts';
import { MAX_INPUT_BYTES } from './load.ts';
import { USAGE, runCli } from './run.ts';

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'mmd-cli-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const ROOT = join(import.meta.dirname, '..', '..');

describe('QEMU arguments from a file or stdin', () => {
  it('--args-file FILE reads a command line as Import does (several lines, quoting, or a JSON argv)', async () => {
    const direct = await cli(['export', '--format', 'argv', '--', '-machine', 'q35', '-m', '4G', '-name', 'a b']);
    const lines = file('cmd.sh', "qemu-system-x86_64 \\\n  -machine q35 \\\n  -m 4G -name 'a b'\n");
    const json = file('cmd.json', '["-machine", "q35", "-m", "4G", "-name", "a b"]');
    expect(await cli(['export', '--format', 'argv', '--args-file', lines])).toEqual(direct);
    expect(await cli(['export', '--format', 'argv', '--args-file', json])).toEqual(direct);
    expect((await cli(['export', '--format', 'argv', '--args-file', lines, '--', '-m', '1G'])).err).toContain('give one of --from-json FILE, --args-file FILE or QEMU arguments after --');
  });

  it('--args-file - and --from-json - read stdin (a real process)', () => {
    const run = (args: string[], input: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, input, encoding: 'utf8' });
    const a = run(['export', '--format', 'json', '--args-file', '-'], '-machine q35 -m 2G\n');
    expect(a.stderr).toBe('');
    expect(a.status).toBe(0);
    const b = run(['export', '--format', 'argv', '--from-json', '-'], a.stdout);
    expect(b.stdout).toBe('["qemu-system-x86_64", "-machine", "q35", "-m", "2G"]\n');
  });

  it('says in the usage how to pass what npm run cannot carry (E2BIG before the program starts)', async () => {
    expect(USAGE).toContain('--args-file FILE|-');
    expect(USAGE).toContain('E2BIG');
    // a command line over 128 KiB: npm run fails before the CLI starts, and --silent says nothing on stdout
    const words = bigDesignArgs({ nodes: 64, dimms: 0, options: 3200 });
    expect(words.join(' ').length).toBeGreaterThan(128 * 1024);
    const viaNpm = spawnSync('npm', ['run', '--silent', 'cli', '--', 'export', '--format', 'argv', '--', ...words], { cwd: ROOT, encoding: 'utf8' });
    expect(viaNpm.status).not.toBe(0);
    expect(viaNpm.stdout).toBe('');
    // the same through a file works
    const viaFile = await cli(['export', '--format', 'argv', '--args-file', file('long.args', words.join(' '))]);
    expect(viaFile.code).toBe(0);
    expect(JSON.parse(viaFile.out)).toEqual(['qemu-system-x86_64', ...words]);
  });
});

describe('files are read up to the largest design, no further', () => {
  it('--from-json /dev/zero and --args-file /dev/zero are refused, naming the limit', async () => {
    const t0 = Date.now();
    for (const flag of ['--from-json', '--args-file']) {
      const r = await cli(['export', '--format', 'json', flag, '/dev/zero']);
      expect(r).toEqual({
        code: 1,
        out: '',
        err: `cannot read /dev/zero: it is larger than ${MAX_INPUT_BYTES} bytes, the most a design document or command line can take (4194304 characters)\n`,
      });
    }
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('a file that is not UTF-8, or missing', async () => {
    const bin = join(dir, 'bin.json');
    writeFileSync(bin, Buffer.from([0x7b, 0xff, 0x7d]));
    expect((await cli(['export', '--format', 'json', '--from-json', bin])).err).toBe(`cannot read ${bin}: it is not UTF-8 text\n`);
    expect((await cli(['export', '--format', 'json', '--from-json', join(dir, 'none.json')])).err).toMatch(/^cannot read .*none\.json: ENOENT/);
  });
});

describe('messages escape control characters', () => {
  it('an ESC, a CR, a bidi override or a newline from the design or the arguments is written as an escape', async () => {
    const cases: string[][] = [
      ['export', '--format', 'qemu', '--', '-m', '1G\u001b[2J\r\u202eX\nY'],
      ['export', '--format', 'json', '--from-json', file('esc.json', '{"format":"memory-map-designer","version":1,"name":"x","options":[{"kind":"\\u001b]0;pwned\\u0007"}]}')],
      ['export', '--format', 'json', '--from-json', join(dir, 'none\u001b[31m.json')],
      ['export', '--format', 'libvirt', '--args-file', file('e.args', "-m '1G\u001b[2J'")],
      ['tables', '--out', dir, '--', '-machine', 'q35\u001b[5m'],
      ['export', `--\u001b[31mbogus`],
      ['export', '--format', 'x\u009b31m'],
    ];
    for (const argv of cases) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBeGreaterThan(0);
      const first = r.err.split('\n')[0]!;
      expect(first, argv.join(' ')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(first, argv.join(' ')).toMatch(/\\x1b|\\x9b/);
    }
    const q = await cli(cases[0]!);
    // the newline in the value is escaped; QEMU's own two hint lines for a bad size stay lines, as QEMU prints them
    expect(q.err.split('\n').slice(1)).toEqual(['Optional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, peta-', 'and exabytes, respectively.', '']);
    expect(q.err).toContain('1G\\x1b[2J\\r\\u202eX\\nY');
  });
});

describe('export --format json writes only what --from-json reads back', () => {
  it('at the designer’s limits: 128 nodes, 256 DIMMs, sp-mem to MAX_OPTIONS options', async () => {
    const args = file('big.args', bigDesignArgs().join(' '));
    const saved = await cli(['export', '--format', 'json', '--args-file', args]);
    expect(saved.err).toBe('');
    expect(saved.out.length).toBeGreaterThan(1 << 20);
    const path = file('big.json', saved.out);
    const again = await cli(['export', '--format', 'json', '--from-json', path]);
    expect(again).toEqual({ code: 0, out: saved.out.replace('"name": "cli"', '"name": "cli"'), err: '' });
    const tables = await cli(['tables', '--from-json', path, '--out', join(dir, 'tables')]);
    expect(tables).toEqual({ code: 0, out: '', err: '' });
    expect(JSON.parse(readFileSync(join(dir, 'tables', 'memory-devices.json'), 'utf8')).length).toBeGreaterThan(4800);
  });

  it('refuses up front what it could not read back (over MAX_OPTIONS options, a name with a NUL)', async () => {
    const over = await cli(['export', '--format', 'json', '--', ...Array.from({ length: MAX_OPTIONS + 1 }, () => '-S')]);
    expect(over).toEqual({
      code: 1,
      out: '',
      err: `not written: the design cannot be saved as a document that --from-json reads (options: too many options (${MAX_OPTIONS + 1}; at most ${MAX_OPTIONS}))\n`,
    });
    const nul = await cli(['export', '--format', 'json', '--name', 'a\u0000b', '--', '-m', '1G']);
    expect(nul.code).toBe(1);
    expect(nul.err).toContain('name: contains a NUL character');
  });
});
