/**
 * `export --format qemu|argv|libvirt|json [--name NAME] [--qemu-version V] -- <QEMU arguments>` (or
 * `--from-json FILE` instead of the arguments): the design in one of the export formats, on stdout.
 *
 *   qemu     the command as POSIX shell text, one option per line
 *   argv     the command as a JSON array of strings
 *   libvirt  a libvirt domain XML document (notes about what libvirt cannot express go to stderr)
 *   json     the saved-document JSON
 *
 * `argv` and `json` export what was written, whether QEMU would accept it or not; `json` only what `--from-json`
 * reads back (a design over the document limits is refused, exit status 1). `qemu` and `libvirt` refuse a
 * configuration QEMU rejects: QEMU's message on stderr, nothing on stdout, exit status 2.
 */
import { computeMachine } from '../core/machine/index.ts';
import { qemuCatalog } from './qemu-catalog.ts';
import { formatQemuError } from '../core/base/index.ts';
import { serializeDocument, validateDocument } from '../core/io/index.ts';
import { exportLibvirtXml } from '../core/io/index.ts';
import { exportQemuJson, exportQemuShell } from '../core/io/index.ts';
import { DOCUMENT_OPTIONS, defineCommand, loadDocument } from './load.ts';
import { oneLine, qemuMessage } from './terminal.ts';

export const EXPORT_FORMATS = ['qemu', 'argv', 'libvirt', 'json'] as const;

export const EXPORT_USAGE = `  export --format qemu|argv|libvirt|json [--name NAME] [--qemu-version 11.1|10.2|7.2] -- <QEMU arguments>
  export --format … --from-json FILE
      print the design as a shell command (qemu), a JSON argv array (argv), a libvirt domain (libvirt) or a
      saved document (json); qemu and libvirt exit 2 with QEMU's message when QEMU would reject the configuration
`;

export const exportCommand = defineCommand({
  name: 'export',
  usage: EXPORT_USAGE,
  options: { format: { type: 'string' }, name: { type: 'string' }, ...DOCUMENT_OPTIONS },
  async run(input, io) {
    const { format, name } = input.values;
    if (format === undefined || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
      io.stderr(oneLine(`export needs --format ${EXPORT_FORMATS.join('|')}${format === undefined ? '' : ` (got '${format}')`}`) + '\n');
      return 1;
    }
    const loaded = loadDocument(input);
    if (typeof loaded === 'string') {
      io.stderr(oneLine(loaded) + '\n');
      return 1;
    }
    if ('qemuError' in loaded) {
      io.stderr(qemuMessage(loaded.qemuError) + '\n');
      return 2;
    }
    const doc = name !== undefined ? { ...loaded, name } : loaded;
    const { qemuVersion } = input;
    switch (format) {
      case 'argv':
        io.stdout(exportQemuJson(doc) + '\n');
        return 0;
      case 'json': {
        // written only if --from-json reads it back (the document limits, a --name it could not hold)
        const text = serializeDocument(doc);
        const back = validateDocument(JSON.parse(text));
        if (!back.ok) {
          io.stderr(oneLine(`not written: the design cannot be saved as a document that --from-json reads (${back.message})`) + '\n');
          return 1;
        }
        io.stdout(text);
        return 0;
      }
      case 'qemu': {
        const result = computeMachine(doc, { qemuVersion, catalog: qemuCatalog(qemuVersion) });
        if (result.error) {
          io.stderr(qemuMessage(formatQemuError(result.error)) + '\n');
          return 2;
        }
        io.stdout(exportQemuShell(doc));
        return 0;
      }
      default: {
        const r = exportLibvirtXml(doc, { qemuVersion });
        if (!r.ok) {
          io.stderr(oneLine(r.message) + '\n');
          return r.error ? 2 : 1;
        }
        for (const n of r.notes) io.stderr(`note: ${oneLine(n)}\n`);
        io.stdout(r.xml);
        return 0;
      }
    }
  },
});
