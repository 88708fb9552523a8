import { describe, expect, it } from 'vitest';
import { internDocument, sameOption } from './intern.ts';
import type { ConfigDocument } from '../core/document/index.ts';

const doc = (node: string): ConfigDocument => ({
  format: 'memory-map-designer',
  version: 1,
  name: 'x',
  options: [
    { kind: 'machine', type: 'q35', extra: [['hmat', 'on']] },
    { kind: 'numa-node', memdev: 'r', cpus: ['0-1'] },
    { kind: 'device', driver: 'sp-mem', id: 'a', memdev: 'm', node },
  ],
});

describe('internDocument', () => {
  it('keeps the previous option objects where the options are equal, and takes the changed ones', () => {
    const first = internDocument(doc('1'));
    const second = internDocument(doc('2'));
    expect(second.options[0]).toBe(first.options[0]);
    expect(second.options[1]).toBe(first.options[1]);
    expect(second.options[2]).not.toBe(first.options[2]);
    expect(second.options[2]).toMatchObject({ node: '2' });
  });

  it('compares nested lists and missing fields', () => {
    expect(sameOption({ kind: 'numa-node', cpus: ['0'] }, { kind: 'numa-node', cpus: ['0'] })).toBe(true);
    expect(sameOption({ kind: 'numa-node', cpus: ['0'] }, { kind: 'numa-node', cpus: ['1'] })).toBe(false);
    expect(sameOption({ kind: 'numa-node' }, { kind: 'numa-node', memdev: 'r' })).toBe(false);
    expect(sameOption({ kind: 'machine', type: 'q35', extra: [['a', null]] }, { kind: 'machine', type: 'q35', extra: [['a', 'on']] })).toBe(false);
  });
});
