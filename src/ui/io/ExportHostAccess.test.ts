/** The page's copy of the export notes' host-access prefix is the core's (ExportHostAccess.tsx says why a copy). */
import { expect, it } from 'vitest';
import { HOST_ACCESS_NOTE as CORE_NOTE } from '../../core/io/design-exports.ts';
import { HOST_ACCESS_NOTE } from './ExportHostAccess.tsx';

it('uses the core’s host-access prefix', () => {
  expect(HOST_ACCESS_NOTE).toBe(CORE_NOTE);
});
