/**
 * Above the tables while QEMU refuses the current design: the tables (and the map) show the last design QEMU
 * accepted, or nothing when it accepted none yet; this says so plainly, with QEMU's message. Nothing otherwise.
 */
import { QEMU_PROGRAM } from '../core/base/index.ts';
import { formatQemuError } from '../core/base/index.ts';
import { useDerivedView } from './hooks/useDerived.ts';
import './forms/refused.css';

export const STALE_TABLES = 'QEMU refuses this design — the tables show the last design it accepted';
export const NO_TABLES = 'QEMU refuses this design — there are no tables to show until it accepts it';

export function StaleDesignNotice() {
  const { result, layoutStale, layout } = useDerivedView();
  if (!result?.error) return null;
  return (
    <div className="stale-design" role="status" data-testid="stale-design">
      <strong>{layoutStale && layout ? STALE_TABLES : NO_TABLES}.</strong>{' '}
      <span className="mono" data-testid="stale-design-qemu">
        {QEMU_PROGRAM}: {formatQemuError(result.error)}
      </span>
    </div>
  );
}
