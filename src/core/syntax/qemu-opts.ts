/**
 * QEMU's option-value syntax (QemuOpts / keyval): `key=value` pairs separated by commas, `,,` standing for a
 * literal comma, an optional implied first key (`-device pc-dimm,...` means `driver=pc-dimm`), and bare words
 * as boolean shorthands.
 */

export interface OptPair {
  key: string;
  /** null for a bare word (`-cpu qemu64,+avx`) */
  value: string | null;
}

/** Split `a=b,c=d,,e` into pairs; a first element without `=` gets `impliedKey` when one is given. */
export function splitOptValue(text: string, impliedKey: string | null): OptPair[] {
  const out: OptPair[] = [];
  let i = 0;
  let first = true;
  if (text === '') return out;
  while (i <= text.length) {
    // read a name up to '=' or ',' (names take no escapes)
    let j = i;
    while (j < text.length && text[j] !== '=' && text[j] !== ',') j++;
    if (first && impliedKey !== null && text[j] !== '=') {
      const { value, next } = readValue(text, i);
      out.push({ key: impliedKey, value });
      i = next;
    } else if (text[j] === '=') {
      const key = text.slice(i, j);
      const { value, next } = readValue(text, j + 1);
      out.push({ key, value });
      i = next;
    } else {
      out.push({ key: text.slice(i, j), value: null });
      i = j + 1;
    }
    first = false;
    if (i >= text.length) break;
  }
  return out;
}

function readValue(text: string, start: number): { value: string; next: number } {
  let v = '';
  let i = start;
  while (i < text.length) {
    if (text[i] === ',') {
      if (text[i + 1] === ',') {
        v += ',';
        i += 2;
        continue;
      }
      break;
    }
    v += text[i];
    i++;
  }
  return { value: v, next: i + 1 };
}

/** Escape a value for QEMU's option syntax (`,` → `,,`). */
export function escapeOptValue(v: string): string {
  return v.replaceAll(',', ',,');
}

/** Join pairs back into option text; the first pair is written bare when it is the implied key. */
export function joinOptValue(pairs: OptPair[], impliedKey: string | null): string {
  return pairs
    .map((p, i) => {
      if (i === 0 && impliedKey !== null && p.key === impliedKey && p.value !== null) return escapeOptValue(p.value);
      return p.value === null ? p.key : `${p.key}=${escapeOptValue(p.value)}`;
    })
    .join(',');
}
