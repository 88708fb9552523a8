/**
 * The iteration order of a GLib GHashTable of strings (g_str_hash / g_str_equal), as QEMU's QOM child walk sees
 * it. QEMU emits one SRAT entry per NVDIMM in the order of that walk: children of /machine/peripheral (devices
 * with an id, keyed by id) and then of /machine/peripheral-anon (keyed `device[N]`), each in hash-table order.
 *
 * The model follows GLib's documented open-addressing scheme: a power-of-two bucket array with a prime modulus
 * for the initial index (hash × 11 mod prime), quadratic probing, growth when occupancy reaches 15/16 of the
 * size (rebuilt for 4/3 of the entries), and in-place relocation of entries on growth. Checked against orders
 * observed in real QEMU 7.2 and 11.1 (see glib-hash.test.ts). Removal (tombstones, shrinking) serves QEMU's JSON
 * visitor, which reports the first member left unvisited in bucket order (syntax/json-options.ts).
 */


const G_PRIME_MOD = [
  1, 2, 3, 7, 13, 31, 61, 127, 251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521, 131071, 262139, 524287, 1048573,
  2097143, 4194301, 8388593, 16777213, 33554393, 67108859, 134217689, 268435399, 536870909, 1073741789, 2147483647,
];
const G_MIN_SHIFT = 3;
const G_UNUSED = 0;
const G_TOMBSTONE = 1;

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

/** g_str_hash: djb2 over the UTF-8 bytes as signed chars, 32-bit. */
export function gStrHash(s: string): number {
  let h = 5381;
  for (const b of utf8(s)) h = (Math.imul(h, 33) + (b >= 128 ? b - 256 : b)) >>> 0;
  return h;
}

/** A key's hash as the table stores it: 0 and 1 mark empty and removed buckets, so GLib stores those hashes as 2. */
const storedHash = (key: string): number => {
  const h = gStrHash(key);
  return h < 2 ? 2 : h;
};

/** A GHashTable of strings: insertion, removal, and its bucket-order iteration. */
export class GStrTable {
  size = 0;
  mod = 0;
  mask = 0;
  nnodes = 0;
  noccupied = 0;
  hashes: number[] = [];
  keys: (string | null)[] = [];

  constructor() {
    this.setShift(G_MIN_SHIFT);
    this.hashes = new Array<number>(this.size).fill(G_UNUSED);
    this.keys = new Array<string | null>(this.size).fill(null);
  }

  private setShift(shift: number): void {
    this.size = 1 << shift;
    this.mod = G_PRIME_MOD[shift]!;
    this.mask = this.size - 1;
  }

  private index(hash: number): number {
    return (Math.imul(hash, 11) >>> 0) % this.mod;
  }

  /** g_hash_table_lookup_node: the key's bucket, or where it would go (the first tombstone on the way). */
  private lookup(key: string, hash: number): number {
    let i = this.index(hash);
    let step = 0;
    let tombstone = -1;
    while (this.hashes[i] !== G_UNUSED) {
      if (this.hashes[i] === hash && this.keys[i] === key) return i;
      if (this.hashes[i] === G_TOMBSTONE && tombstone < 0) tombstone = i;
      step++;
      i = (i + step) & this.mask;
    }
    return tombstone >= 0 ? tombstone : i;
  }

  insert(key: string): void {
    const hash = storedHash(key);
    const i = this.lookup(key, hash);
    if (this.hashes[i]! >= 2) return;
    const wasTombstone = this.hashes[i] === G_TOMBSTONE;
    this.hashes[i] = hash;
    this.keys[i] = key;
    this.nnodes++;
    if (!wasTombstone) {
      this.noccupied++;
      this.maybeResize();
    }
  }

  remove(key: string): void {
    const i = this.lookup(key, storedHash(key));
    if (this.hashes[i]! < 2) return;
    this.hashes[i] = G_TOMBSTONE;
    this.keys[i] = null;
    this.nnodes--;
    this.maybeResize();
  }

  private maybeResize(): void {
    const occ = this.noccupied;
    if ((this.size > this.nnodes * 4 && this.size > 1 << G_MIN_SHIFT) || this.size <= occ + Math.floor(occ / 16)) this.resize();
  }

  /** g_hash_table_resize: relocation in place, by eviction chains. */
  private resize(): void {
    const oldSize = this.size;
    let shift = 0;
    for (let n = Math.trunc(this.nnodes * 1.333); n; n >>= 1) shift++;
    this.setShift(Math.max(shift, G_MIN_SHIFT));
    for (let i = oldSize; i < this.size; i++) {
      this.hashes[i] = G_UNUSED;
      this.keys[i] = null;
    }
    const moved = new Array<boolean>(Math.max(this.size, oldSize)).fill(false);
    for (let i = 0; i < oldSize; i++) {
      let hash = this.hashes[i]!;
      if (hash < 2) {
        this.hashes[i] = G_UNUSED;
        continue;
      }
      if (moved[i]) continue;
      this.hashes[i] = G_UNUSED;
      let key = this.keys[i]!;
      this.keys[i] = null;
      for (;;) {
        let j = this.index(hash);
        let step = 0;
        while (moved[j]) {
          step++;
          j = (j + step) & this.mask;
        }
        moved[j] = true;
        const replacedHash = this.hashes[j]!;
        const replacedKey = this.keys[j]!;
        this.hashes[j] = hash;
        this.keys[j] = key;
        if (replacedHash < 2) break;
        hash = replacedHash;
        key = replacedKey;
      }
    }
    this.hashes.length = this.size;
    this.keys.length = this.size;
    this.noccupied = this.nnodes;
  }

  iterate(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.size; i++) if (this.hashes[i]! >= 2) out.push(this.keys[i]!);
    return out;
  }

  first(): string | undefined {
    for (let i = 0; i < this.size; i++) if (this.hashes[i]! >= 2) return this.keys[i]!;
    return undefined;
  }
}


/** The order in which a GHashTable built by inserting `keys` (in this order) iterates them. */
export function gHashIterationOrder(keys: readonly string[]): string[] {
  const t = new GStrTable();
  for (const k of keys) t.insert(k);
  return t.iterate();
}
