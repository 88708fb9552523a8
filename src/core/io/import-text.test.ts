/**
 * Importing pasted text: the shell syntax it reads (hand-written expectations following POSIX sh), refusals with
 * their place, and unmodelled options kept unchanged in place.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportQemuArgv, exportQemuJson, exportQemuShell } from './export-qemu.ts';
import { importQemuText, isQemuProgram, splitShellWords } from './import-text.ts';
import { arbDocument } from '../testing/doc-arbitraries.ts';

const SEED = 20260405;

function argvOf(text: string): string[] {
  const r = importQemuText(text);
  if (!r.ok) throw new Error(r.message);
  return r.argv;
}

function refusal(text: string) {
  const r = importQemuText(text);
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('accepted');
  expect(r.message.length).toBeGreaterThan(0);
  return r;
}

describe('shell words', () => {
  it('reads one line, with or without the program, a path to it, or a prompt', () => {
    expect(argvOf('-m 4G')).toEqual(['-m', '4G']);
    expect(argvOf('qemu-system-x86_64 -m 4G')).toEqual(['-m', '4G']);
    expect(argvOf('/usr/local/bin/qemu-system-x86_64 -m 4G')).toEqual(['-m', '4G']);
    expect(argvOf('/usr/libexec/qemu-kvm -m 4G')).toEqual(['-m', '4G']);
    expect(argvOf('$ qemu-system-x86_64 -m 4G')).toEqual(['-m', '4G']);
    expect(argvOf('  $ qemu-system-x86_64 -m 4G  \n')).toEqual(['-m', '4G']);
    expect(argvOf('QEMU_AUDIO_DRV=none qemu-system-x86_64 -m 4G')).toEqual(['-m', '4G']);
  });

  it('joins backslash-newline continuations, also with CRLF line ends', () => {
    expect(argvOf('qemu-system-x86_64 \\\n  -machine q35 \\\n  -m 4G\n')).toEqual(['-machine', 'q35', '-m', '4G']);
    expect(argvOf('qemu-system-x86_64 \\\r\n  -m 4G\r\n')).toEqual(['-m', '4G']);
    // a continuation in the middle of a word joins the word
    expect(argvOf('-m 4\\\nG')).toEqual(['-m', '4G']);
  });

  it('reads quotes as POSIX sh does', () => {
    expect(argvOf(`-drive 'file=/tmp/a b,if=none'`)).toEqual(['-drive', 'file=/tmp/a b,if=none']);
    expect(argvOf(`-drive 'it'\\''s'`)).toEqual(['-drive', "it's"]);
    expect(argvOf(`-drive "a \\"b\\" \\$c \\\\ \\d \`"`.replace('`', ''))).toEqual(['-drive', 'a "b" $c \\ \\d ']);
    expect(argvOf(`-drive "single ' inside"`)).toEqual(['-drive', "single ' inside"]);
    expect(argvOf(`-drive 'double " inside'`)).toEqual(['-drive', 'double " inside']);
    expect(argvOf(`-drive a\\ b\\'c`)).toEqual(['-drive', "a b'c"]);
    expect(argvOf(`-drive ''`)).toEqual(['-drive', '']);
    expect(argvOf(`-drive x'y'"z"`)).toEqual(['-drive', 'xyz']);
    expect(argvOf(`-drive 'a\nb'`)).toEqual(['-drive', 'a\nb']);
    expect(argvOf(`-drive "a\\\nb"`)).toEqual(['-drive', 'ab']);
    expect(argvOf(`-drive "cost: $ 5"`)).toEqual(['-drive', 'cost: $ 5']);
  });

  it("reads bash's $'…' and the printf form the export writes", () => {
    expect(argvOf(`-drive $'a\\tb\\n\\x41\\101\\u00e9\\U0001F642\\''`)).toEqual(['-drive', "a\tb\nAAé🙂'"]);
    expect(argvOf(`-drive 'a'"$(printf '\\011')"'b'`)).toEqual(['-drive', 'a\tb']);
    expect(argvOf(`-drive "$(printf '\\342\\200\\256')"`)).toEqual(['-drive', '\u202e']);
  });

  it('skips comments', () => {
    expect(argvOf('qemu-system-x86_64 -m 4G # the RAM\n')).toEqual(['-m', '4G']);
    expect(argvOf('# a design\nqemu-system-x86_64 -m 4G')).toEqual(['-m', '4G']);
    expect(argvOf('-drive a#b')).toEqual(['-drive', 'a#b']);
  });

  it('reads a JSON argv array', () => {
    expect(argvOf('["qemu-system-x86_64", "-m", "4G", "-drive", "a b\\n"]')).toEqual(['-m', '4G', '-drive', 'a b\n']);
    expect(argvOf('  ["-m", "4G"]\n')).toEqual(['-m', '4G']);
  });

  it('keeps positions', () => {
    const r = splitShellWords("a 'b c'\n  d");
    expect(r.ok && r.words.map((w) => [w.text, w.line, w.column])).toEqual([
      ['a', 1, 1],
      ['b c', 1, 3],
      ['d', 2, 3],
    ]);
  });

  it('knows QEMU program names', () => {
    expect(isQemuProgram('qemu-system-x86_64')).toBe(true);
    expect(isQemuProgram('/usr/bin/qemu-system-aarch64')).toBe(true);
    expect(isQemuProgram('qemu-kvm')).toBe(true);
    expect(isQemuProgram('disk.img')).toBe(false);
    expect(isQemuProgram('-m')).toBe(false);
  });
});

describe('refusals name the problem and its place', () => {
  it.each([
    ['a variable', 'qemu-system-x86_64 -m $MEM', 'the shell variable $MEM is not expanded here; write its value (in the argument of -m, line 1, column 23)', 1, 23],
    ['a braced variable', '-object "memory-backend-file,mem-path=${DIR}/x"', 'parameter expansion (${…}) is not done here; write the value itself (in the argument of -object, line 1, column 39)', 1, 39],
    ['command substitution', '-m $(echo 4G)', 'command substitution ($(…)) is not run here', 1, 4],
    ['backquotes', '-m `echo 4G`', 'command substitution (`…`) is not run here', 1, 4],
    ['a pipe', 'qemu-system-x86_64 -m 4G | tee log', "the shell operator '|' is not supported here; paste a single QEMU command (after -m 4G, line 1, column 26)", 1, 26],
    ['a redirection', 'qemu-system-x86_64 -m 4G 2>&1', "the shell operator '>'", 1, 27],
    ['two commands', 'qemu-system-x86_64 -m 4G; qemu-system-x86_64 -m 2G', "the shell operator ';'", 1, 25],
    ['a tilde', '-kernel ~/vmlinuz', "'~' (home directory) is not expanded here; write the full path (in the argument of -kernel, line 1, column 9)", 1, 9],
    ['an open single quote', "-drive 'abc\n-m 4G", 'a single quote is not closed (in the argument of -drive, line 1, column 8)', 1, 8],
    ['an open double quote', '-m 4G \\\n  -drive "abc', 'a double quote is not closed (in the argument of -drive, line 2, column 10)', 2, 10],
    ['a second command on the next line', 'qemu-system-x86_64 -m 4G\nqemu-system-x86_64 -m 2G', 'a second command starts here; paste one QEMU command (line 2, column 1)', 2, 1],
    ['an unknown option', 'qemu-system-x86_64 \\\n  -m 4G \\\n  -memory 4G', '-memory: invalid option (line 3, column 3)', 3, 3],
    ['a missing argument', 'qemu-system-x86_64 -m 4G -smp', '-smp: requires an argument (line 1, column 26)', 1, 26],
  ])('%s', (_what, text, message, line, column) => {
    const r = refusal(text);
    expect(r.message).toContain(message);
    expect([r.line, r.column]).toEqual([line, column]);
  });

  it('JSON: names the element', () => {
    expect(refusal('["qemu-system-x86_64", "-m", 4]').message).toBe('element 2 of the JSON argv array is a number, not a string');
    expect(refusal('["-m", "4G", "-bogus"]')).toMatchObject({ message: '-bogus: invalid option (element 2 of the array)', wordIndex: 2 });
    expect(refusal('["-m", "4G",]').message).toMatch(/^not a valid JSON argv array: /);
    expect(refusal('[{"a": 1}]').message).toBe('element 0 of the JSON argv array is an object, not a string');
  });

  it('refuses what a command line cannot carry', () => {
    expect(refusal('["-drive", "a\\u0000b"]').message).toContain('contains a NUL character');
    expect(refusal('["-drive", "\\ud800"]').message).toContain('not valid Unicode');
    expect(refusal('-drive ' + 'x'.repeat(5000)).message).toContain('word 1 is too long (5000 characters; at most 4096) (line 1, column 8)');
    expect(refusal('').message).toBe('nothing to import: paste a QEMU command line');
    expect(refusal('   \n ').message).toBe('nothing to import: paste a QEMU command line');
    expect(refusal('# qemu-system-x86_64 -m 4G').message).toBe('nothing to import: the text holds only comments');
  });

  it('never throws on odd input', () => {
    for (const t of ['\\', '$', "$'", "$'\\", '"\\', '#', '[', '[1', 'null', '"$(printf \'\\377\')"', "-m $'\\xff'"]) {
      const r = importQemuText(t);
      if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
    }
    // @ts-expect-error a caller passing something else than text
    expect(importQemuText(undefined).ok).toBe(false);
  });
});

describe('unmodelled options', () => {
  const line = [
    'qemu-system-x86_64',
    '-machine q35',
    '-drive if=none,id=hd0,file=/var/lib/vm.qcow2',
    '-m 4G,slots=2,maxmem=8G',
    '-netdev user,id=n0,hostfwd=tcp::2222-:22',
    '-device virtio-net-pci,netdev=n0',
    '-object memory-backend-ram,id=m0,size=1G',
    '-display none',
    '-nographic',
    '-device pc-dimm,id=d0,memdev=m0',
    '-object iothread,id=io0',
  ].join(' ');

  it('are kept unchanged and in place, with a note listing them', () => {
    const r = importQemuText(line);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc.options.map((o) => (o.kind === 'raw' ? o.args : o.kind))).toEqual([
      'machine',
      ['-drive', 'if=none,id=hd0,file=/var/lib/vm.qcow2'],
      'memory',
      ['-netdev', 'user,id=n0,hostfwd=tcp::2222-:22'],
      ['-device', 'virtio-net-pci,netdev=n0'],
      'object',
      ['-display', 'none'],
      ['-nographic'],
      'device',
      ['-object', 'iothread,id=io0'],
    ]);
    expect(r.notes).toContain('kept unchanged, in place (not modelled by the designer): -drive, -netdev, -device, -display, -nographic, -object');
    expect(exportQemuArgv(r.doc)).toEqual(line.split(' '));
  });

  it('export(import(line)) gives back the same words for generated command lines (3 000)', () => {
    fc.assert(
      fc.property(arbDocument, (doc) => {
        const words = exportQemuArgv(doc);
        for (const text of [exportQemuShell(doc), exportQemuJson(doc)]) {
          const r = importQemuText(text);
          if (!r.ok) throw new Error(r.message);
          expect(exportQemuArgv(r.doc)).toEqual(words);
          // raw options at the same places
          expect(r.doc.options.map((o) => (o.kind === 'raw' ? o.args : null))).toEqual(doc.options.map((o) => (o.kind === 'raw' ? o.args : null)));
        }
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});
