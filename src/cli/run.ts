/**
 * The command-line interface over the core. `runCli(argv, io)` is what `npm run cli -- …` runs; it is also
 * called in-process by the differential test and the benchmarks. The commands are the table of commands.ts.
 */
import { COMMANDS } from './commands.ts';
import { parseCommandArgs, qemuVersionOf, type CliIo } from './load.ts';

export type { CliIo } from './load.ts';

export const USAGE = `usage: npm run --silent cli -- <command> [options] [-- <QEMU arguments>]

commands:
${COMMANDS.map((c) => c.usage).join('')}`;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(`missing command\n${USAGE}`);
    return 1;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    io.stdout(USAGE);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`unknown command '${name}'\n${USAGE}`);
    return 1;
  }
  const args = parseCommandArgs(command, rest);
  if (typeof args === 'string') {
    io.stderr(`${args}\n${USAGE}`);
    return 1;
  }
  if (args.help) {
    io.stdout(USAGE);
    return 0;
  }
  const qemuVersion = qemuVersionOf(args.qemuVersion);
  if (typeof qemuVersion !== 'string') {
    io.stderr(qemuVersion.error + '\n');
    return 1;
  }
  return command.run({ values: args.values, qemuArgs: args.qemuArgs, qemuVersion }, io);
}
