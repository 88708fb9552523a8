/**
 * The Export panel's flag of the options that reach the host when QEMU runs the export (a host command, a host
 * file, socket or device, a monitor, the QEMU process): shown above the export and its Download button, from the
 * export's own notes (core/io/design-exports.ts lists each such option first, prefixed HOST_ACCESS_NOTE). A file
 * export of such a design is not downloaded by the toolbar button by itself: it waits here for a Download.
 */
import type { ExportOutcome } from '../../core/io/index.ts';
import { downloadFile } from './browser-files.ts';
import './host-access.css';

/**
 * core/io/design-exports.ts's HOST_ACCESS_NOTE, as text: importing it from there would make the page's first
 * chunk carry the module the worker builds exports with, and all it imports (host-access.ts, the libvirt and
 * command-line exports, QEMU's messages): ~45 KB gzip. ExportHostAccess.test.ts checks the two are the same.
 */
export const HOST_ACCESS_NOTE = 'host access: ';

/** The export's lines about options that reach the host (without their prefix). */
export function hostAccessLines(outcome: ExportOutcome | null): string[] {
  if (!outcome?.ok) return [];
  return outcome.notes.filter((n) => n.startsWith(HOST_ACCESS_NOTE)).map((n) => n.slice(HOST_ACCESS_NOTE.length));
}

/** Whether the export holds an option that reaches the host (its download then waits for the user). */
export function reachesHost(outcome: ExportOutcome | null): boolean {
  return hostAccessLines(outcome).length > 0;
}

export function ExportHostAccess({ outcome, testId = 'export-host-access' }: { outcome: ExportOutcome | null; testId?: string }) {
  const lines = hostAccessLines(outcome);
  if (!outcome?.ok || lines.length === 0) return null;
  const file = outcome.file;
  return (
    <div className="export-host-access" data-testid={testId} role="alert">
      <strong>
        {lines.length} option{lines.length === 1 ? '' : 's'} of this design reach{lines.length === 1 ? 'es' : ''} the host when QEMU runs it
      </strong>
      , and the export keeps {lines.length === 1 ? 'it' : 'them'} as written. Check {lines.length === 1 ? 'it' : 'them'} before you run it:
      <ul>
        {lines.map((l, i) => (
          <li key={i} data-testid={`${testId}-item`}>
            {l}
          </li>
        ))}
      </ul>
      {file ? (
        <div className="export-host-actions">
          <button type="button" data-testid={`${testId}-download`} onClick={() => downloadFile(file)} title={`Download ${file.name} as written`}>
            Download {file.name}
          </button>
          <span className="muted">not downloaded by the toolbar button: check the options above first</span>
        </div>
      ) : null}
    </div>
  );
}
