/** How the CLI reads its command line: node:util parseArgs against each command's declared options. */
import { describe, expect, it } from 'vitest';
import { USAGE, runCli } from './run.ts';

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

const firstLine = (s: string) => s.split('\n')[0];

describe('the command line', () => {
  it('takes --flag value and --flag=value alike, QEMU arguments after --', async () => {
    const a = await cli(['export', '--format', 'argv', '--name', 'n', '--', '-m', '4G']);
    const b = await cli(['export', '--format=argv', '--name=n', '--', '-m', '4G']);
    expect(a).toEqual({ code: 0, out: '["qemu-system-x86_64", "-m", "4G"]\n', err: '' });
    expect(b).toEqual(a);
  });

  it('passes every word after the first -- to QEMU, -- and flags included', async () => {
    const r = await cli(['export', '--format', 'argv', '--', '-m', '4G', '-name', '--format']);
    expect(r.out).toBe('["qemu-system-x86_64", "-m", "4G", "-name", "--format"]\n');
  });

  it('lists every command in the usage, for help, --help and -h', async () => {
    for (const argv of [['help'], ['--help'], ['tables', '--help'], ['guest', '-h']]) expect(await cli(argv)).toEqual({ code: 0, out: USAGE, err: '' });
    for (const c of ['tables --out DIR', 'export --format qemu|argv|libvirt|json', 'guest [--firmware seabios|ovmf]']) expect(USAGE).toContain(c);
  });

  it('refuses what a command does not declare, with the usage', async () => {
    const cases: Array<[string[], string]> = [
      [[], 'missing command'],
      [['frobnicate'], "unknown command 'frobnicate'"],
      [['tables', '--out'], 'option --out needs a value'],
      [['tables', '--out', '--', '-m', '1G'], 'option --out needs a value'],
      [['tables', 'extra', '--', '-m', '1G'], "unexpected argument 'extra' (QEMU arguments go after --)"],
      [['tables', '--out', 'd', '-machine', 'q35'], "unexpected argument '-machine' (QEMU arguments go after --)"],
      [['export', '--format', 'argv', '--out', 'd', '--', '-m', '1G'], 'export: unknown option --out'],
      [['export', '--help=yes'], 'option --help takes no value'],
      [['export', '--name', '-x', '--format', 'argv', '--', '-m', '1G'], "option --name needs a value (a value starting with '-' is written --name=-x)"],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toBe(`${message}\n${USAGE}`);
    }
  });

  it('checks --qemu-version for every command', async () => {
    expect(await cli(['tables', '--qemu-version', '9.0', '--out', 'd', '--', '-m', '1G'])).toEqual({ code: 1, out: '', err: "--qemu-version must be 11.1, 10.2 or 7.2 (got '9.0')\n" });
    expect(firstLine((await cli(['export', '--qemu-version=7.2', '--format', 'qemu', '--', '-m', '4G'])).out)).toBe('qemu-system-x86_64 \\');
  });

  it('refuses a document given twice', async () => {
    expect(await cli(['export', '--format', 'argv', '--from-json', 'x.json', '--', '-m', '1G'])).toEqual({
      code: 1,
      out: '',
      err: 'give either --from-json or QEMU arguments after --, not both\n',
    });
  });
});
