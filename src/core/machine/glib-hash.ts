/**
 * The iteration order of a GLib GHashTable of strings (g_str_hash / g_str_equal), as QEMU's QOM child walk sees
 * it. QEMU emits one SRAT entry per NVDIMM in the order of that walk: children of /machine/peripheral (devices
 * with an id, keyed by id) and then of /machine/peripheral-anon (keyed `device[N]`), each in hash-table order.
 *
 * The model follows GLib's documented open-addressing scheme: a power-of-two bucket array with a prime modulus
 * for the initial index (hash × 11 mod prime), quadratic probing, growth when occupancy reaches 15/16 of the
 * size (rebuilt for 4/3 of the entries), and in-place relocation of entries on growth. Checked against orders
 * observed in real QEMU 7.2 and 11.1 (see glib-hash.test.ts).
 */

const MIN_SHIFT = 3;
const PRIME_MOD = [
  1, 2, 3, 7, 13, 31, 61, 127, 251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521, 131071, 262139, 524287, 1048573,
  2097143, 4194301, 8388593, 16777213, 33554393, 67108859, 134217689, 268435399, 536870909, 1073741789, 2147483647,
];
const UNUSED = 0;

/** g_str_hash: djb2 over signed chars, 32-bit */
export function gStrHash(s: string): number {
  const bytes = utf8(s);
  let h = 5381;
  for (const b of bytes) {
    const c = b >= 128 ? b - 256 : b;
    h = (Math.imul(h, 33) + c) >>> 0;
  }
  return h;
}

function utf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

class StrHashTable {
  size = 0;
  mod = 0;
  mask = 0;
  nnodes = 0;
  noccupied = 0;
  hashes: number[] = [];
  keys: (string | null)[] = [];

  constructor() {
    this.setShift(MIN_SHIFT);
    this.hashes = new Array(this.size).fill(UNUSED);
    this.keys = new Array(this.size).fill(null);
  }

  private setShift(shift: number): void {
    this.size = 1 << shift;
    this.mod = PRIME_MOD[shift]!;
    this.mask = this.size - 1;
  }

  private index(hash: number): number {
    return (Math.imul(hash, 11) >>> 0) % this.mod;
  }

  insert(key: string): void {
    let hash = gStrHash(key);
    if (hash < 2) hash = 2;
    let i = this.index(hash);
    let step = 0;
    while (this.hashes[i] !== UNUSED) {
      if (this.hashes[i] === hash && this.keys[i] === key) return;
      step++;
      i = (i + step) & this.mask;
    }
    this.hashes[i] = hash;
    this.keys[i] = key;
    this.nnodes++;
    this.noccupied++;
    this.maybeResize();
  }

  private maybeResize(): void {
    const size = this.size;
    const occ = this.noccupied;
    if ((size > this.nnodes * 4 && size > 1 << MIN_SHIFT) || size <= occ + Math.floor(occ / 16)) this.resize();
  }

  private resize(): void {
    const oldSize = this.size;
    const target = Math.trunc(this.nnodes * 1.333);
    let shift = 0;
    for (let n = target; n; n >>= 1) shift++;
    this.setShift(Math.max(shift, MIN_SHIFT));
    for (let i = oldSize; i < this.size; i++) {
      this.hashes[i] = UNUSED;
      this.keys[i] = null;
    }
    this.hashes.length = this.size;
    this.keys.length = this.size;
    const moved = new Array<boolean>(Math.max(this.size, oldSize)).fill(false);
    for (let i = 0; i < oldSize; i++) {
      let nodeHash = this.hashes[i]!;
      if (nodeHash < 2) {
        this.hashes[i] = UNUSED;
        continue;
      }
      if (moved[i]) continue;
      this.hashes[i] = UNUSED;
      let key = this.keys[i]!;
      this.keys[i] = null;
      for (;;) {
        let j = this.index(nodeHash);
        let step = 0;
        while (moved[j]) {
          step++;
          j = (j + step) & this.mask;
        }
        moved[j] = true;
        const replacedHash = this.hashes[j]!;
        const replacedKey = this.keys[j]!;
        this.hashes[j] = nodeHash;
        this.keys[j] = key;
        if (replacedHash < 2) break;
        nodeHash = replacedHash;
        key = replacedKey;
      }
    }
  }

  iterate(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.size; i++) if (this.hashes[i]! >= 2) out.push(this.keys[i]!);
    return out;
  }
}

/** The order in which a GHashTable built by inserting `keys` (in this order) iterates them. */
export function gHashIterationOrder(keys: readonly string[]): string[] {
  const t = new StrHashTable();
  for (const k of keys) t.insert(k);
  return t.iterate();
}
