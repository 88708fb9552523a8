/** A little-endian byte writer that range-checks every value before writing it. */
export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  length = 0;

  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
  }

  private reserve(n: number): number {
    const at = this.length;
    if (at + n > this.buf.length) {
      const next = new Uint8Array(Math.max(this.buf.length * 2, at + n));
      next.set(this.buf);
      this.buf = next;
      this.view = new DataView(this.buf.buffer);
    }
    this.length += n;
    return at;
  }

  u8(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new RangeError(`u8 out of range: ${v}`);
    const at = this.reserve(1);
    this.view.setUint8(at, v);
    return this;
  }

  u16(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw new RangeError(`u16 out of range: ${v}`);
    const at = this.reserve(2);
    this.view.setUint16(at, v, true);
    return this;
  }

  u32(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff_ffff) throw new RangeError(`u32 out of range: ${v}`);
    const at = this.reserve(4);
    this.view.setUint32(at, v, true);
    return this;
  }

  u64(v: bigint): this {
    if (v < 0n || v > 0xffff_ffff_ffff_ffffn) throw new RangeError(`u64 out of range: ${v}`);
    const at = this.reserve(8);
    this.view.setBigUint64(at, v, true);
    return this;
  }

  /** ASCII text padded with `pad` to exactly `n` bytes */
  ascii(s: string, n: number, pad = ' '): this {
    const padded = (s + pad.repeat(n)).slice(0, n);
    for (let i = 0; i < n; i++) this.u8(padded.charCodeAt(i) & 0xff);
    return this;
  }

  /** Reserve `n` bytes (zero) and return where they start; write them through `dataView`, taken after this. */
  skip(n: number): number {
    return this.reserve(n);
  }

  /** The view of the buffer as it is now (a later growth replaces it). */
  get dataView(): DataView {
    return this.view;
  }

  zeros(n: number): this {
    this.reserve(n);
    return this;
  }

  patchU32(at: number, v: number): void {
    this.view.setUint32(at, v, true);
  }

  patchU8(at: number, v: number): void {
    this.view.setUint8(at, v);
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
