/**
 * What one step of the history did, in a few words, for the status line after an undo or redo ("Undid the change
 * to sp-mem 'hbm0'", "Redid adding sp-mem 'sp1'"). Options are never changed in place, so the options a step did
 * not touch are the same objects on both sides: those at both ends are set aside first (an edit touches a few of
 * thousands), and what is left is what the step removed, added or changed.
 */
import type { ConfigDocument, DocOption } from '../core/document/index.ts';
import { describeOption } from './doc-edits.ts';

/** The option that names a group: a memory device before its backend, a backend before other options. */
function mainOf(options: readonly DocOption[]): DocOption {
  return options.find((o) => o.kind === 'device') ?? options.find((o) => o.kind === 'object') ?? options[0]!;
}

const andMore = (n: number): string => (n > 1 ? ` and ${n - 1} more option${n > 2 ? 's' : ''}` : '');

/** What the step from `before` to `after` did. */
export function describeStep(before: ConfigDocument, after: ConfigDocument): string {
  const a = before.options;
  const b = after.options;
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const left = a.slice(head, a.length - tail);
  const right = b.slice(head, b.length - tail);
  const wasThere = new Set(left);
  const isThere = new Set(right);
  const removed = left.filter((o) => !isThere.has(o));
  const added = right.filter((o) => !wasThere.has(o));
  if (removed.length === 0 && added.length === 0) return before.name !== after.name ? `the rename to “${after.name}”` : 'a change of order';
  if (removed.length === 0) return `adding ${describeOption(mainOf(added))}${andMore(added.length)}`;
  if (added.length === 0) return `removing ${describeOption(mainOf(removed))}${andMore(removed.length)}`;
  if (added.length === removed.length) return `the change to ${describeOption(mainOf(added))}${andMore(added.length)}`;
  return `a change to ${describeOption(mainOf(added))} and ${Math.max(added.length, removed.length) - 1} more option(s)`;
}
