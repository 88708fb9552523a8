/**
 * ACPI SLIT (System Locality Information Table) as QEMU builds it (hw/acpi/aml-build.c build_slit): the number of
 * localities, then the distance matrix row by row, one byte per entry, for every NUMA node.
 *
 * When QEMU builds one (x86, hw/i386/acpi-build.c): only when at least one `-numa dist` was given (QEMU has no
 * default SLIT; without `-numa dist` the guest's kernel assumes 10 local / 20 remote itself). The matrix is then
 * completed as hw/core/numa.c does (`completeSlitDistances`): every local distance is 10, a pair given in one
 * direction only gets the same value the other way, and a repeated `-numa dist` for the same pair keeps the last
 * value. It comes right after the SRAT in the table blob.
 */
import { ByteWriter } from './byte-writer.ts';
import { ACPI_HEADER, beginAcpiTable, decodeAcpiHeader, endAcpiTable, type AcpiHeaderFields } from './acpi-header.ts';
import { array, fieldText, layout, readFields, u64, withAsciiNote, writeFields, type Layout } from './fields.ts';
import { rawTableDump } from './srat-text.ts';

export const SLIT_REVISION = 1;
/** NUMA_DISTANCE_MIN: the distance of a node to itself */
export const NUMA_LOCAL_DISTANCE = 10;

/** The ACPI header as iasl shows it for a SLIT. */
const SLIT_ACPI_HEADER = withAsciiNote(ACPI_HEADER, 'signature', (sig) => (sig === 'SLIT' ? '    [System Locality Information Table]' : ''));

/** The 8 bytes after the ACPI header. */
export const SLIT_HEADER = layout('SLIT header', [u64('localities', 'Localities')], ACPI_HEADER.end);

/** The matrix of `n` localities: one row of `n` distances each, as iasl shows them (`Locality   0 : 0A 15`). */
export function slitMatrixLayout(n: number): Layout {
  return layout(
    'SLIT matrix',
    Array.from({ length: n }, (_, i) => array(`row${i}`, n, 1, `Locality ${String(i).padStart(3, ' ')}`, { buffer: true })),
    SLIT_HEADER.end,
  );
}

/** One `-numa dist,src=,dst=,val=` option. */
export interface NumaDistance {
  src: number;
  dst: number;
  val: number;
}

export interface SlitInput {
  /** NUMA nodes (QEMU's num_nodes) */
  numNodes: number;
  /** the `-numa dist` options in command-line order; at least one (without any QEMU builds no SLIT) */
  distances: readonly NumaDistance[];
}

export interface SlitTable {
  /** distance[src][dst], completed as QEMU does */
  matrix: number[][];
  bytes: Uint8Array;
}

/** Whether QEMU builds a SLIT: only when some `-numa dist` was given. */
export function qemuBuildsSlit(distances: readonly NumaDistance[]): boolean {
  return distances.length > 0;
}

/**
 * QEMU's validation and completion of the distance table (hw/core/numa.c validate_numa_distance,
 * complete_init_numa_distance), with its message when the table cannot be completed. The per-option checks
 * (`val` at least 10, local distance 10, declared nodes) are the caller's; `val` here is taken as given.
 */
export function completeSlitDistances(numNodes: number, distances: readonly NumaDistance[]): { matrix: number[][] } | { error: string } {
  const d = Array.from({ length: numNodes }, () => new Array<number>(numNodes).fill(0));
  for (const x of distances) {
    if (x.src >= numNodes || x.dst >= numNodes) throw new RangeError(`-numa dist ${x.src}→${x.dst}: only ${numNodes} nodes`);
    d[x.src]![x.dst] = x.val;
  }
  let asymmetric = false;
  for (let src = 0; src < numNodes; src++) {
    for (let dst = src; dst < numNodes; dst++) {
      const there = d[src]![dst]!;
      const back = d[dst]![src]!;
      if (there === 0 && back === 0 && src !== dst) {
        return {
          error: `The distance between node ${src} and ${dst} is missing, at least one distance value between each nodes should be provided.`,
        };
      }
      if (there !== 0 && back !== 0 && there !== back) asymmetric = true;
    }
  }
  if (asymmetric) {
    for (let src = 0; src < numNodes; src++) {
      for (let dst = 0; dst < numNodes; dst++) {
        if (src !== dst && d[src]![dst] === 0) {
          return { error: 'At least one asymmetrical pair of distances is given, please provide distances for both directions of all node pairs.' };
        }
      }
    }
  }
  for (let src = 0; src < numNodes; src++) {
    for (let dst = 0; dst < numNodes; dst++) {
      if (d[src]![dst] === 0) d[src]![dst] = src === dst ? NUMA_LOCAL_DISTANCE : d[dst]![src]!;
    }
  }
  return { matrix: d };
}

/** The SLIT of a complete distance matrix (rows and columns in node order). */
export function encodeSlit(matrix: readonly (readonly number[])[]): Uint8Array {
  const n = matrix.length;
  for (const row of matrix) if (row.length !== n) throw new RangeError(`SLIT: a ${n}-node matrix has a row of ${row.length}`);
  const w = new ByteWriter(SLIT_HEADER.end + n * n);
  beginAcpiTable(w, { signature: 'SLIT', revision: SLIT_REVISION });
  writeFields(w, SLIT_HEADER, { localities: BigInt(n) });
  writeFields(w, slitMatrixLayout(n), Object.fromEntries(matrix.map((row, i) => [`row${i}`, [...row]])));
  return endAcpiTable(w);
}

/** The SLIT QEMU builds for these options; an Error with QEMU's message when the distances cannot be completed. */
export function buildSlit(input: SlitInput): SlitTable {
  if (!qemuBuildsSlit(input.distances)) throw new Error('QEMU builds no SLIT without -numa dist');
  const r = completeSlitDistances(input.numNodes, input.distances);
  if ('error' in r) throw new Error(r.error);
  return { matrix: r.matrix, bytes: encodeSlit(r.matrix) };
}

export interface SlitRead {
  header: AcpiHeaderFields;
  localities: bigint;
  /** the rows that fit in the bytes */
  matrix: number[][];
  checksumOk: boolean;
}

/** Decode SLIT bytes; null when they are not a whole SLIT (signature, length, matrix size). */
export function decodeSlit(bytes: Uint8Array): SlitRead | null {
  const header = decodeAcpiHeader(bytes);
  if (!header || header.signature !== 'SLIT' || header.length !== bytes.length || bytes.length < SLIT_HEADER.end) return null;
  const { localities } = readFields(SLIT_HEADER, bytes);
  const n = Number(localities);
  if (localities > 255n || SLIT_HEADER.end + n * n !== bytes.length) return null;
  const rows = readFields(slitMatrixLayout(n), bytes) as Record<string, number[]>;
  let sum = 0;
  for (const b of bytes) sum = (sum + b) & 0xff;
  return { header, localities, matrix: Array.from({ length: n }, (_, i) => rows[`row${i}`]!), checksumOk: sum === 0 };
}

/** SLIT bytes → `iasl -d`-style text (shown as far as the bytes go, with a remark when they end early). */
export function formatSlitText(bytes: Uint8Array, opts: { rawDump?: boolean } = {}): string {
  const lines = ['/*', ' * ACPI Data Table [SLIT]', ' *', ' * Format: [HexOffset DecimalOffset ByteLength]  FieldName : FieldValue', ' */', ''];
  const h = decodeAcpiHeader(bytes);
  if (!h || bytes.length < SLIT_HEADER.end) {
    lines.push(`**** Too short for a SLIT: ${bytes.length} bytes (at least ${SLIT_HEADER.end} needed)`);
  } else {
    lines.push(...fieldText(SLIT_ACPI_HEADER, bytes), '', ...fieldText(SLIT_HEADER, bytes));
    const n = readFields(SLIT_HEADER, bytes).localities;
    const end = Math.min(bytes.length, h.length);
    const rows = n > 255n ? 0 : Math.min(Number(n), Math.floor((end - SLIT_HEADER.end) / Math.max(1, Number(n))));
    if (n > 0n && rows > 0) {
      const full = slitMatrixLayout(Number(n));
      lines.push(...fieldText({ ...full, fields: full.fields.slice(0, rows) }, bytes));
    }
    if (BigInt(rows) < n) lines.push('', '**** Not enough room in table for all localities');
  }
  lines.push('');
  if (opts.rawDump ?? true) lines.push(...rawTableDump(bytes));
  return lines.join('\n') + '\n';
}
