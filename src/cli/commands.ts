/**
 * CLI commands beyond `tables`, and how a saved document is read. Each command is a handler over the parsed
 * CLI arguments; `run.ts` dispatches to them.
 */
import type { ConfigDocument } from '../core/document/index.ts';
import type { QemuVersion } from '../core/machine/index.ts';
import type { CliIo, ParsedCliArgs } from './load.ts';
import { EXPORT_USAGE, exportCommand } from './export-command.ts';
import { loadJsonForCli } from './load-json.ts';
import { GUEST_USAGE, guestCommand } from './guest-command.ts';

export type CommandHandler = (parsed: ParsedCliArgs, qemuVersion: QemuVersion, io: CliIo) => Promise<number>;

export const extraCommands: {
  usage: string;
  loadJson: (text: string) => ConfigDocument | string;
  handlers: Record<string, CommandHandler>;
} = {
  usage: EXPORT_USAGE + GUEST_USAGE,
  loadJson: loadJsonForCli,
  handlers: { export: exportCommand, guest: guestCommand },
};
