/**
 * The CLI's commands, one entry each: its options, its lines of the usage text and its handler. `run.ts` reads
 * the command line against this table.
 *
 *   tables [--qemu-version 11.1|7.2] --out DIR -- <QEMU arguments>
 *   tables [--qemu-version …] --from-json FILE --out DIR
 *   (and --host-cpu VENDOR[,phys-bits=N] on every command that reads a document)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { e820ToJson } from '../core/tables/index.ts';
import { memoryDevicesToJson } from '../core/machine/index.ts';
import type { MachineResult } from '../core/machine/index.ts';
import { exportCommand } from './export-command.ts';
import { guestCommand } from './guest-command.ts';
import { DOCUMENT_OPTIONS, defineCommand, loadAndCompute, type CliCommand } from './load.ts';
import { HOST_CPU_USAGE } from './host-cpu.ts';
import { verifyCommand } from './verify-command.ts';

export const TABLES_USAGE = `  tables --out DIR [--qemu-version 11.1|7.2] -- <QEMU arguments>
      write DIR/SRAT.bin, DIR/SLIT.bin, DIR/HMAT.bin (each when QEMU builds it), DIR/e820.bin, DIR/e820.json and
      DIR/memory-devices.json; exit 2 with QEMU's message when QEMU would reject the configuration
  tables --from-json FILE --out DIR
      the same for a saved design document
${HOST_CPU_USAGE}`;

export function writeTables(result: MachineResult, out: string): void {
  const layout = result.layout!;
  mkdirSync(out, { recursive: true });
  if (layout.srat) writeFileSync(join(out, 'SRAT.bin'), layout.srat.bytes);
  if (layout.slit) writeFileSync(join(out, 'SLIT.bin'), layout.slit.bytes);
  if (layout.hmat) writeFileSync(join(out, 'HMAT.bin'), layout.hmat.bytes);
  writeFileSync(join(out, 'e820.bin'), layout.e820Bytes);
  writeFileSync(join(out, 'e820.json'), JSON.stringify(e820ToJson(layout.e820), null, 2) + '\n');
  writeFileSync(join(out, 'memory-devices.json'), memoryDevicesToJson(layout.memoryDevices) + '\n');
}

export const tablesCommand = defineCommand({
  name: 'tables',
  usage: TABLES_USAGE,
  options: { out: { type: 'string' }, ...DOCUMENT_OPTIONS },
  async run(input, io) {
    const { out } = input.values;
    if (!out) {
      io.stderr('tables needs --out DIR\n');
      return 1;
    }
    const loaded = loadAndCompute(input, io);
    if (typeof loaded === 'number') return loaded;
    writeTables(loaded.result, out);
    return 0;
  },
});

export const COMMANDS: readonly CliCommand[] = [tablesCommand, exportCommand, guestCommand, verifyCommand];
