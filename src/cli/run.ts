/**
 * The command-line interface over the core. `runCli(argv, io)` is what `npm run cli -- …` runs; it is also
 * called in-process by the differential test and the benchmarks.
 *
 *   tables [--qemu-version 11.1|7.2] --out DIR -- <QEMU arguments>
 *   tables [--qemu-version …] --from-json FILE --out DIR
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { e820ToJson } from '../core/tables/index.ts';
import { memoryDevicesToJson } from '../core/machine/index.ts';
import type { MachineResult, QemuVersion } from '../core/machine/index.ts';
import { extraCommands } from './commands.ts';
import { loadAndCompute, parseCliArgs, qemuVersionFlag, type CliIo } from './load.ts';

export type { CliIo } from './load.ts';

export const USAGE = `usage: npm run --silent cli -- <command> [options] [-- <QEMU arguments>]

commands:
  tables --out DIR [--qemu-version 11.1|7.2] -- <QEMU arguments>
      write DIR/SRAT.bin (when QEMU builds an SRAT), DIR/e820.bin, DIR/e820.json and
      DIR/memory-devices.json; exit 2 with QEMU's message when QEMU would reject the configuration
  tables --from-json FILE --out DIR
      the same for a saved design document
${'' /* more commands are listed by commands.ts */}`;

export function writeTables(result: MachineResult, out: string): void {
  const layout = result.layout!;
  mkdirSync(out, { recursive: true });
  if (layout.srat) writeFileSync(join(out, 'SRAT.bin'), layout.srat.bytes);
  writeFileSync(join(out, 'e820.bin'), layout.e820Bytes);
  writeFileSync(join(out, 'e820.json'), JSON.stringify(e820ToJson(layout.e820), null, 2) + '\n');
  writeFileSync(join(out, 'memory-devices.json'), memoryDevicesToJson(layout.memoryDevices) + '\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (typeof parsed === 'string') {
    io.stderr(`${parsed}\n${USAGE}`);
    return 1;
  }
  if (parsed.command === 'help' || parsed.flags.has('help')) {
    io.stdout(USAGE + extraCommands.usage);
    return 0;
  }
  const version = qemuVersionFlag(parsed.flags);
  if (!version.match(/^\d/)) {
    io.stderr(version + '\n');
    return 1;
  }
  const qemuVersion = version as QemuVersion;
  if (parsed.command === 'tables') {
    const out = parsed.flags.get('out');
    if (!out) {
      io.stderr('tables needs --out DIR\n');
      return 1;
    }
    const loaded = loadAndCompute(parsed, qemuVersion, io);
    if (typeof loaded === 'number') return loaded;
    writeTables(loaded.result, out);
    return 0;
  }
  const handler = extraCommands.handlers[parsed.command];
  if (handler) return handler(parsed, qemuVersion, io);
  io.stderr(`unknown command '${parsed.command}'\n${USAGE}${extraCommands.usage}`);
  return 1;
}
