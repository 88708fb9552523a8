import { describe, expect, it } from 'vitest';
import { api } from './api.ts';
import { CALL_NAMES, DOC_METHODS } from './calls.ts';

describe('the call table', () => {
  it('names every call of the api object, and only those', () => {
    expect([...CALL_NAMES].sort()).toEqual(Object.keys(api).sort());
  });

  it('sends the document as a delta for every call that takes one first', () => {
    expect([...DOC_METHODS].sort()).toEqual(['check', 'derive', 'exportDesign', 'guestView', 'guidedTour', 'inspectWindow', 'learnRange', 'proposeWindowLayout', 'setMoveBase', 'unmodelledOptions']);
  });
});
