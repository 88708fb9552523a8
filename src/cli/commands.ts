/**
 * CLI commands beyond `tables`, and how a saved document is read. Each command is a handler over the parsed
 * CLI arguments; `run.ts` dispatches to them.
 */
import type { ConfigDocument } from '../core/document.ts';
import type { QemuVersion } from '../core/results.ts';
import type { CliIo, ParsedCliArgs } from './run.ts';

export type CommandHandler = (parsed: ParsedCliArgs, qemuVersion: QemuVersion, io: CliIo) => Promise<number>;

function loadJson(text: string): ConfigDocument | string {
  try {
    const v = JSON.parse(text) as ConfigDocument;
    if (!v || typeof v !== 'object' || !Array.isArray(v.options)) return 'not a Memory Map Designer document';
    return v;
  } catch (e) {
    return `not valid JSON: ${(e as Error).message}`;
  }
}

export const extraCommands: {
  usage: string;
  loadJson: (text: string) => ConfigDocument | string;
  handlers: Record<string, CommandHandler>;
} = {
  usage: '',
  loadJson,
  handlers: {},
};
