/**
 * The command-line interface over the core. `runCli(argv, io)` is what `npm run cli -- …` runs; it is also
 * called in-process by the differential test and the benchmarks. The commands are the table of commands.ts.
 *
 * Every message goes to the terminal with its control characters escaped (`terminalSafe`): a design, a file
 * name or an argument can hold an ESC or a bidirectional override, and a message quoting it must not let the
 * terminal act on it.
 */
import { COMMANDS } from './commands.ts';
import { parseCommandArgs, qemuVersionOf, type CliIo } from './load.ts';
import { oneLine, terminalSafe } from './terminal.ts';

export type { CliIo } from './load.ts';

export const USAGE = `usage: npm run --silent cli -- <command> [options] [-- <QEMU arguments>]
       npm run --silent cli -- <command> [options] --args-file FILE|-

commands:
${COMMANDS.map((c) => c.usage).join('')}
QEMU arguments can also come from a file: --args-file FILE reads them as the designer's Import does (one line, or
several joined by \, shell-quoted; or a JSON argv array), --args-file - from stdin; --from-json - reads a saved
design from stdin. Use them for long command lines: through npm run, the arguments travel as one string, and the
system refuses one over 128 KiB before this program starts (E2BIG, "Argument list too long", or ENAMETOOLONG),
which npm run --silent does not even report.
`;

export async function runCli(argv: string[], terminal: CliIo): Promise<number> {
  // every message escaped; the data on stdout is the format's own (shell text, JSON, XML: escaped by it)
  const io: CliIo = { stdout: terminal.stdout, stderr: (s) => terminal.stderr(terminalSafe(s)) };
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
    io.stderr(`unknown command '${oneLine(name)}'\n${USAGE}`);
    return 1;
  }
  const args = parseCommandArgs(command, rest);
  if (typeof args === 'string') {
    io.stderr(`${oneLine(args)}\n${USAGE}`);
    return 1;
  }
  if (args.help) {
    io.stdout(USAGE);
    return 0;
  }
  const qemuVersion = qemuVersionOf(args.qemuVersion);
  if (typeof qemuVersion !== 'string') {
    io.stderr(oneLine(qemuVersion.error) + '\n');
    return 1;
  }
  return command.run({ values: args.values, qemuArgs: args.qemuArgs, qemuVersion }, io);
}
