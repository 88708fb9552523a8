import { describe, expect, it } from 'vitest';
import { parseQemuArgs } from '../core/syntax/index.ts';
import type { ConfigDocument } from '../core/document/index.ts';
import { addMemoryDevice, removeOption, setDeviceNode } from './doc-edits.ts';
import { createDesignerStore } from './store.ts';
import { describeStep } from './step-words.ts';

function doc(line: string): ConfigDocument {
  const r = parseQemuArgs(line.split(' '));
  if (!r.ok) throw new Error('parse');
  return r.doc;
}

const BASE = doc('-machine q35 -m 2G,slots=2,maxmem=8G -numa node -numa node -object memory-backend-ram,id=m,size=1G -device sp-mem,id=s,memdev=m,node=1');
const DEV = BASE.options.findIndex((o) => o.kind === 'device');

describe('what a history step did, in words', () => {
  it('names the option a step changed, added or removed', () => {
    expect(describeStep(BASE, setDeviceNode(BASE, DEV, 0))).toBe("the change to sp-mem 's'");
    const added = addMemoryDevice(BASE, 'sp-mem', '1G', 0).doc;
    // a device comes with its backend: the device names the step
    expect(describeStep(BASE, added)).toBe("adding sp-mem 'spm0' and 1 more option");
    const removed = removeOption(BASE, DEV);
    if (!removed.ok) throw new Error(removed.message);
    expect(describeStep(BASE, removed.doc)).toBe("removing sp-mem 's' and 1 more option");
    expect(describeStep(BASE, { ...BASE, name: 'lab' })).toBe('the rename to “lab”');
  });

  it('the status line says what undo and redo did', () => {
    const store = createDesignerStore(BASE);
    const a = store.getState().actions;
    a.commit(setDeviceNode(store.getState().doc, DEV, 0));
    a.undo();
    expect(store.getState().notice?.text).toBe("Undid the change to sp-mem 's'");
    a.redo();
    expect(store.getState().notice?.text).toBe("Redid the change to sp-mem 's'");
  });
});
