/**
 * Config document → QEMU arguments. An imported option whose remembered text still says exactly what its fields
 * say is written back as the user wrote it; anything else is written canonically (`key=value` in a fixed order,
 * `,` escaped as `,,`), except an option read from JSON (`-object '{…}'`, `-device '{…}'`), which stays JSON:
 * its text with the changed members rewritten (json-options.ts).
 */
import type { ConfigDocument, DocOption, ExtraProp } from '../document/index.ts';
import type { OptionRef } from '../base/index.ts';
import { PROPERTY_TABLES, parseOptionValue } from './cmdline-parse.ts';
import { escapeOptValue } from './qemu-opts.ts';
import { optionName } from './cmdline-options.ts';
import { editJsonOptionText, isJsonOption } from './json-options.ts';

const DEFAULT_FLAG: Record<Exclude<DocOption['kind'], 'raw'>, string> = {
  machine: '-machine',
  cpu: '-cpu',
  smp: '-smp',
  memory: '-m',
  object: '-object',
  'numa-node': '-numa',
  'numa-cpu': '-numa',
  'numa-dist': '-numa',
  'numa-hmat-lb': '-numa',
  'numa-hmat-cache': '-numa',
  'generic-affinity': '-object',
  device: '-device',
};

function pair(key: string, value: string | null): string {
  return value === null ? key : `${key}=${escapeOptValue(value)}`;
}

function fieldsOf(opt: DocOption, table: Record<string, string>): string[] {
  const out: string[] = [];
  const rec = opt as unknown as Record<string, unknown>;
  for (const [prop, field] of Object.entries(table)) {
    const v = rec[field];
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) out.push(pair(prop, String(item)));
    else out.push(pair(prop, String(v)));
  }
  return out;
}

function extras(extra: ExtraProp[] | undefined): string[] {
  return (extra ?? []).map(([k, v]) => pair(k, v));
}

/** The option's value text written canonically from its fields. */
export function canonicalOptionText(opt: Exclude<DocOption, { kind: 'raw' }>): string {
  switch (opt.kind) {
    case 'machine': {
      const { type: _t, ...rest } = PROPERTY_TABLES.machine;
      // `-machine hmat=on` names no type: nothing is written for it (QEMU refuses a leading ',' as a parameter
      // without a name), unless the first item is a bare word, which QEMU would read as the type
      const items = [...fieldsOf(opt, rest), ...extras(opt.extra)];
      const typeless = opt.type === '' && items.length > 0 && items[0]!.includes('=');
      return [...(typeless ? [] : [escapeOptValue(opt.type)]), ...items].join(',');
    }
    case 'cpu':
      return [escapeOptValue(opt.model), ...fieldsOf(opt, PROPERTY_TABLES.cpu), ...extras(opt.extra)].join(',');
    case 'smp':
      return [...fieldsOf(opt, PROPERTY_TABLES.smp), ...extras(opt.extra)].join(',');
    case 'memory':
      return [...fieldsOf(opt, PROPERTY_TABLES.memory), ...extras(opt.extra)].join(',');
    case 'object':
      return [opt.qomType, ...fieldsOf(opt, PROPERTY_TABLES.object), ...extras(opt.extra)].join(',');
    case 'numa-node':
      return ['node', ...fieldsOf(opt, PROPERTY_TABLES['numa-node']), ...extras(opt.extra)].join(',');
    case 'numa-cpu':
      return ['cpu', ...fieldsOf(opt, PROPERTY_TABLES['numa-cpu']), ...extras(opt.extra)].join(',');
    case 'numa-dist':
      return ['dist', ...fieldsOf(opt, PROPERTY_TABLES['numa-dist']), ...extras(opt.extra)].join(',');
    case 'numa-hmat-lb':
      return ['hmat-lb', ...fieldsOf(opt, PROPERTY_TABLES['numa-hmat-lb']), ...extras(opt.extra)].join(',');
    case 'numa-hmat-cache':
      return ['hmat-cache', ...fieldsOf(opt, PROPERTY_TABLES['numa-hmat-cache']), ...extras(opt.extra)].join(',');
    case 'generic-affinity':
      return [opt.qomType, ...fieldsOf(opt, PROPERTY_TABLES['generic-affinity']), ...extras(opt.extra)].join(',');
    case 'device':
      return [opt.driver, ...fieldsOf(opt, PROPERTY_TABLES.device), ...extras(opt.extra)].join(',');
  }
}

/** Options are never mutated in place (the store replaces them), so their text can be cached per object. */
const textCache = new WeakMap<object, { flag: string; text: string }>();

/** Flag and value text of a modelled option, as QEMU would quote it in an error message. */
export function optionFlagAndText(opt: Exclude<DocOption, { kind: 'raw' }>): { flag: string; text: string } {
  const hit = textCache.get(opt);
  if (hit) return hit;
  const r = computeFlagAndText(opt);
  textCache.set(opt, r);
  return r;
}

function computeFlagAndText(opt: Exclude<DocOption, { kind: 'raw' }>): { flag: string; text: string } {
  let flag = DEFAULT_FLAG[opt.kind];
  if (opt.flag !== undefined) {
    const n = optionName(opt.flag);
    const expected = optionName(flag);
    const same = n === expected || (opt.kind === 'machine' && n === 'M');
    if (same) flag = opt.flag;
  }
  const canonical = canonicalOptionText(opt);
  if (opt.text !== undefined && opt.text !== canonical) {
    // the remembered text still holds when it says the same as the fields: compare both written canonically
    const name = optionName(flag) ?? '';
    const reparsed = parseOptionValue(name, opt.text);
    if (reparsed && reparsed.kind === opt.kind && canonicalOptionText(reparsed) === canonical) return { flag, text: opt.text };
    // an option read from JSON is written as JSON: the text as written, with the changed members
    if (reparsed && reparsed.kind === opt.kind && isJsonOption(opt) && (opt.kind === 'object' || opt.kind === 'device')) {
      const edited = editJsonOptionText(opt.text, reparsed as typeof opt, opt);
      if (edited !== null) return { flag, text: edited };
    }
  }
  return { flag, text: canonical };
}

/** An OptionRef for error messages. */
export function optionRef(doc: ConfigDocument, index: number): OptionRef | null {
  const opt = doc.options[index];
  if (!opt) return null;
  // an option kept verbatim is quoted as written (a -device or -object the designer does not model)
  if (opt.kind === 'raw') return opt.args.length === 2 ? { index, flag: opt.args[0]!, text: opt.args[1]! } : null;
  return { index, ...optionFlagAndText(opt) };
}

/** The document as QEMU arguments (without the program name), in document order. */
export function formatQemuArgs(doc: ConfigDocument): string[] {
  const out: string[] = [];
  for (const opt of doc.options) {
    if (opt.kind === 'raw') out.push(...opt.args);
    else {
      const { flag, text } = optionFlagAndText(opt);
      out.push(flag, text);
    }
  }
  return out;
}
