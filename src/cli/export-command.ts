/**
 * `export --format qemu|argv|libvirt|json [--name NAME] [--qemu-version V] -- <QEMU arguments>` (or
 * `--from-json FILE` instead of the arguments): the design in one of the export formats, on stdout.
 *
 *   qemu     the command as POSIX shell text, one option per line
 *   argv     the command as a JSON array of strings
 *   libvirt  a libvirt domain XML document (notes about what libvirt cannot express go to stderr)
 *   json     the saved-document JSON
 *
 * `argv` and `json` export what was written, whether QEMU would accept it or not. `qemu` and `libvirt` refuse a
 * configuration QEMU rejects: QEMU's message on stderr, nothing on stdout, exit status 2.
 */
import { computeMachine } from '../core/machine/index.ts';
import { formatQemuError } from '../core/base/index.ts';
import { serializeDocument } from '../core/io/index.ts';
import { exportLibvirtXml } from '../core/io/index.ts';
import { exportQemuJson, exportQemuShell } from '../core/io/index.ts';
import { DOCUMENT_OPTIONS, defineCommand, loadDocument } from './load.ts';

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
      io.stderr(`export needs --format ${EXPORT_FORMATS.join('|')}${format === undefined ? '' : ` (got '${format}')`}\n`);
      return 1;
    }
    const loaded = loadDocument(input);
    if (typeof loaded === 'string') {
      io.stderr(loaded + '\n');
      return 1;
    }
    if ('qemuError' in loaded) {
      io.stderr(loaded.qemuError + '\n');
      return 2;
    }
    const doc = name !== undefined ? { ...loaded, name } : loaded;
    const { qemuVersion } = input;
    switch (format) {
      case 'argv':
        io.stdout(exportQemuJson(doc) + '\n');
        return 0;
      case 'json':
        io.stdout(serializeDocument(doc));
        return 0;
      case 'qemu': {
        const result = computeMachine(doc, { qemuVersion });
        if (result.error) {
          io.stderr(formatQemuError(result.error) + '\n');
          return 2;
        }
        io.stdout(exportQemuShell(doc));
        return 0;
      }
      default: {
        const r = exportLibvirtXml(doc, { qemuVersion });
        if (!r.ok) {
          io.stderr(r.message + '\n');
          return r.error ? 2 : 1;
        }
        for (const n of r.notes) io.stderr(`note: ${n}\n`);
        io.stdout(r.xml);
        return 0;
      }
    }
  },
});
