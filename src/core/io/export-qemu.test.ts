/**
 * QEMU command-line export: hand-written expectations for the text, round trips through the importer for every
 * preset and for generated documents, and the shell text run through real shells (dash, bash, interactive bash
 * with history expansion) to check that the argv they pass on is exactly the JSON argv.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQemuArgs } from '../syntax/index.ts';
import { computeMachine } from '../machine/index.ts';
import type { ConfigDocument } from '../document/index.ts';
import { exportQemuArgv, exportQemuJson, exportQemuShell, shellQuote } from './export-qemu.ts';
import { importQemuText } from './import-text.ts';
import { PRESETS, presetDocument } from '../designer/index.ts';
import { arbDocument, withoutSource } from '../testing/doc-arbitraries.ts';

const SEED = 20260401;

describe('shellQuote', () => {
  it('leaves words alone only when no shell gives their characters a meaning', () => {
    expect(shellQuote('q35')).toBe('q35');
    expect(shellQuote('memory-backend-ram,id=m0,size=1G')).toBe('memory-backend-ram,id=m0,size=1G');
    expect(shellQuote('/tmp/x.img')).toBe('/tmp/x.img');
    expect(shellQuote('-machine')).toBe('-machine');
  });
  it('single-quotes everything else', () => {
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote('$HOME')).toBe("'$HOME'");
    expect(shellQuote('`id`')).toBe("'`id`'");
    expect(shellQuote('a\\b')).toBe("'a\\b'");
    expect(shellQuote('!!')).toBe("'!!'");
    expect(shellQuote('*.img')).toBe("'*.img'");
    expect(shellQuote('~/x')).toBe("'~/x'");
    expect(shellQuote('#x')).toBe("'#x'");
    expect(shellQuote('{a,b}')).toBe("'{a,b}'");
    expect(shellQuote('=ls')).toBe("'=ls'");
    expect(shellQuote('a\nb')).toBe("'a\nb'");
    // interactive bash: a line starting with ^ is a quick history substitution, even inside quotes
    expect(shellQuote('a\n^b^c')).toBe(`'a\n'"$(printf '\\136')"'b^c'`);
  });
  it("writes a single quote as \\' between quoted runs", () => {
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote("'")).toBe("\\'");
  });
  it('produces control characters with printf instead of writing them', () => {
    expect(shellQuote('a\tb')).toBe(`'a'"$(printf '\\011')"'b'`);
    expect(shellQuote('\r')).toBe(`"$(printf '\\015')"`);
    expect(shellQuote('\u001b[1m')).toBe(`"$(printf '\\033')"'[1m'`);
    // U+009B (C1 CSI) is two UTF-8 bytes; U+202E (right-to-left override) three
    expect(shellQuote('\u009b')).toBe(`"$(printf '\\302\\233')"`);
    expect(shellQuote('\u202e')).toBe(`"$(printf '\\342\\200\\256')"`);
  });
  it('quotes a program name with = (it would be an assignment)', () => {
    expect(shellQuote('A=b', true)).toBe("'A=b'");
  });
});

describe('exportQemuShell / exportQemuJson', () => {
  it('writes one option per line with continuations', () => {
    const doc = presetDocument('nvdimm')!;
    expect(exportQemuShell(doc)).toBe(
      [
        'qemu-system-x86_64 \\',
        '  -machine q35,nvdimm=on \\',
        '  -m 2G,slots=4,maxmem=16G \\',
        '  -object memory-backend-ram,id=m0,size=1G \\',
        '  -device pc-dimm,id=d0,memdev=m0 \\',
        '  -object memory-backend-file,id=nv0,size=1G,mem-path=/tmp/nvdimm0,share=on \\',
        '  -device nvdimm,id=nv0dev,memdev=nv0',
        '',
      ].join('\n'),
    );
    expect(exportQemuJson(doc)).toBe(
      '["qemu-system-x86_64", "-machine", "q35,nvdimm=on", "-m", "2G,slots=4,maxmem=16G", "-object", "memory-backend-ram,id=m0,size=1G", ' +
        '"-device", "pc-dimm,id=d0,memdev=m0", "-object", "memory-backend-file,id=nv0,size=1G,mem-path=/tmp/nvdimm0,share=on", ' +
        '"-device", "nvdimm,id=nv0dev,memdev=nv0"]',
    );
  });

  it('quotes hostile values and keeps unmodelled options in place', () => {
    const r = importQemuText(
      `qemu-system-x86_64 -machine q35 -drive 'file=/tmp/a b.img,if=none' -m 2G -object "memory-backend-file,id=m0,size=1G,mem-path=/tmp/\\$x'y" -display none`,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(exportQemuShell(r.doc)).toBe(
      [
        'qemu-system-x86_64 \\',
        '  -machine q35 \\',
        "  -drive 'file=/tmp/a b.img,if=none' \\",
        '  -m 2G \\',
        "  -object 'memory-backend-file,id=m0,size=1G,mem-path=/tmp/$x'\\''y' \\",
        '  -display none',
        '',
      ].join('\n'),
    );
  });

  it('writes a document without options as the program alone', () => {
    const doc: ConfigDocument = { format: 'memory-map-designer', version: 1, name: 'x', options: [] };
    expect(exportQemuShell(doc)).toBe('qemu-system-x86_64\n');
    expect(exportQemuJson(doc)).toBe('["qemu-system-x86_64"]');
  });
});

/** What the core derives, as comparable JSON. */
function tables(doc: ConfigDocument): string {
  const r = computeMachine(doc);
  return JSON.stringify(
    { error: r.error?.message ?? null, srat: r.layout?.srat?.bytes ? [...r.layout.srat.bytes] : null, e820: r.layout ? [...r.layout.e820Bytes] : null },
  );
}

describe('round trip through the importer', () => {
  it.each(PRESETS.map((p) => p.id))('preset %s: same document, same tables, same text', (id) => {
    const doc = presetDocument(id)!;
    for (const text of [exportQemuShell(doc), exportQemuJson(doc)]) {
      const r = importQemuText(text, { name: id });
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.doc).toEqual(doc);
      expect(tables(r.doc)).toBe(tables(doc));
      expect(exportQemuShell(r.doc)).toBe(exportQemuShell(doc));
    }
    const p = parseQemuArgs(exportQemuArgv(doc).slice(1), id);
    expect(p.ok && p.doc).toEqual(doc);
  });

  it('10 000 generated documents survive shell text and JSON argv', () => {
    fc.assert(
      fc.property(arbDocument, (doc) => {
        const want = withoutSource(doc);
        const shell = importQemuText(exportQemuShell(doc), { name: doc.name });
        if (!shell.ok) throw new Error(`shell import refused: ${shell.message}\n${exportQemuShell(doc)}`);
        expect(withoutSource(shell.doc)).toEqual(want);
        const json = importQemuText(exportQemuJson(doc), { name: doc.name });
        if (!json.ok) throw new Error(`JSON import refused: ${json.message}`);
        expect(withoutSource(json.doc)).toEqual(want);
        // the re-imported document exports to the same words and computes the same tables
        expect(exportQemuArgv(shell.doc)).toEqual(exportQemuArgv(doc));
        expect(tables(shell.doc)).toBe(tables(doc));
      }),
      { seed: SEED, numRuns: 10_000 },
    );
  });
});

/**
 * Run many exported commands through one shell invocation; the program is a function that prints its argument
 * count and arguments NUL-terminated. Returns the argv lists the shell passed.
 */
function argvThroughShell(shell: string[], commands: string[], viaStdin = false): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'mmd-shell-'));
  const script = join(dir, 'run.sh');
  const body = `capture() { printf '%s\\0' "$#"; printf '%s\\0' "$@"; }\n` + commands.join('');
  writeFileSync(script, body);
  const r = viaStdin
    ? spawnSync(shell[0]!, shell.slice(1), { input: body, maxBuffer: 1 << 28, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, HISTFILE: '/dev/null', TERM: 'dumb', LC_ALL: 'C.UTF-8' } })
    : spawnSync(shell[0]!, [...shell.slice(1), script], { maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${shell.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
  const parts = r.stdout.toString('utf8').split('\0');
  const out: string[][] = [];
  let k = 0;
  while (k < parts.length - 1) {
    const n = Number(parts[k++]);
    out.push(parts.slice(k, k + n));
    k += n;
  }
  return out;
}

describe('shell safety', () => {
  const docs = fc.sample(arbDocument, { seed: SEED + 1, numRuns: 400 });
  const commands = docs.map((d) => exportQemuShell(d, { program: 'capture' }));
  const expected = docs.map((d) => exportQemuArgv(d).slice(1));

  it('dash passes exactly the JSON argv (400 generated documents)', () => {
    expect(argvThroughShell(['dash'], commands)).toEqual(expected);
  });

  it('bash passes exactly the JSON argv', () => {
    expect(argvThroughShell(['bash', '--norc', '--noprofile'], commands)).toEqual(expected);
  });

  it('interactive bash with history expansion passes exactly the JSON argv (text typed or pasted)', () => {
    const got = argvThroughShell(['bash', '--norc', '--noprofile', '-i', '-o', 'histexpand', '-o', 'history'], commands, true);
    expect(got).toEqual(expected);
  });

  it('a word of thousands of control characters runs in dash and bash (one printf per word, not one per character)', () => {
    const raw = (args: string[]): ConfigDocument => ({ format: 'memory-map-designer', version: 1, name: 'x', options: [{ kind: 'raw', args }] });
    const words = [
      'console=ttyS0' + '\t'.repeat(2000) + 'quiet', // 2 000 tabs in a row
      'a\t'.repeat(2000), // 2 000 tabs between text
      '-x\u001b[31m%s\\n\'!$`"\u202e\n^x' + '\u0007'.repeat(40) + '\n\n', // a leading dash, printf's own characters, quotes, trailing newlines
      '\t'.repeat(4095) + '\n',
    ];
    const docs = words.map((w) => raw(['-append', w]));
    const commands = docs.map((d) => exportQemuShell(d, { program: 'capture' }));
    for (const c of commands) expect((c.match(/\$\(printf/g) ?? []).length).toBe(1);
    const expected = docs.map((d) => exportQemuArgv(d).slice(1));
    expect(argvThroughShell(['dash'], commands)).toEqual(expected);
    expect(argvThroughShell(['bash', '--norc', '--noprofile'], commands)).toEqual(expected);
    expect(argvThroughShell(['bash', '--norc', '--noprofile', '-i', '-o', 'histexpand', '-o', 'history'], commands, true)).toEqual(expected);
    // and the designer's importer reads the export back to the same words
    for (const d of docs) {
      const back = importQemuText(exportQemuShell(d), { name: d.name });
      if (!back.ok) throw new Error(back.message);
      expect(exportQemuArgv(back.doc)).toEqual(exportQemuArgv(d));
    }
  });

  it('the program name is quoted too', () => {
    const doc: ConfigDocument = { format: 'memory-map-designer', version: 1, name: 'x', options: [{ kind: 'raw', args: ['-nographic'] }] };
    expect(exportQemuShell(doc, { program: '/opt/my qemu/qemu-system-x86_64' })).toBe("'/opt/my qemu/qemu-system-x86_64' \\\n  -nographic\n");
  });
});
