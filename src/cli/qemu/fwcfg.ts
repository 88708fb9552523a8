/**
 * Reading QEMU's fw_cfg files from a paused machine over the qtest socket.
 *
 * x86 fw_cfg: selector port 0x510 (16-bit write), data port 0x511 (byte reads), DMA address register at 0x514
 * (64-bit, big-endian: high half at 0x514, low half at 0x518; writing the low half starts the transfer).
 * Key 0x00 is the signature "QEMU", key 0x01 the feature bitmap (bit 1 = DMA), key 0x19 the file directory:
 * u32 BE count, then 64-byte records (u32 BE size, u16 BE select, u16 reserved, 56-byte NUL-padded name).
 *
 * With DMA (every pc/q35 type since 2.5) a whole file is transferred into guest RAM and read back in one qtest
 * command; without it, bytes are read one `inb` at a time (pipelined).
 */
import type { Qtest } from './lines.ts';

const PORT_SELECTOR = 0x510;
const PORT_DATA = 0x511;
const PORT_DMA_HIGH = 0x514;
const PORT_DMA_LOW = 0x518;
const KEY_SIGNATURE = 0x00;
const KEY_ID = 0x01;
const KEY_FILE_DIR = 0x19;

const DMA_CTL_ERROR = 0x01;
const DMA_CTL_READ = 0x02;
const DMA_CTL_SKIP = 0x04;
const DMA_CTL_SELECT = 0x08;

/** Scratch guest RAM used for DMA: the control block, then the buffer. Low RAM always exists on pc/q35. */
const DMA_CONTROL_GPA = 0x10000;
const DMA_BUFFER_GPA = 0x11000;
/** Largest single transfer; the buffer ends well below the 640 KiB mark. */
const DMA_MAX_CHUNK = 0x80000;

export interface FwCfgFile {
  name: string;
  size: number;
  select: number;
}

function hex(n: number): string {
  return '0x' + n.toString(16);
}

function bswap32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | ((v >>> 24) & 0xff)) >>> 0;
}

function parseHexBytes(s: string): Uint8Array {
  const h = s.startsWith('0x') ? s.slice(2) : s;
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.substr(i * 2, 2), 16);
  return out;
}

export class FwCfg {
  private dma = false;
  private dmaChunk = DMA_MAX_CHUNK;
  private constructor(private readonly qt: Qtest) {}

  static async open(qt: Qtest, opts: { useDma?: boolean } = {}): Promise<FwCfg> {
    const f = new FwCfg(qt);
    const sig = await f.readKeyPio(KEY_SIGNATURE, 4);
    if (String.fromCharCode(...sig) !== 'QEMU') throw new Error('fw_cfg signature is not "QEMU"');
    const id = await f.readKeyPio(KEY_ID, 4);
    f.dma = opts.useDma !== false && (id[0] & 2) !== 0;
    return f;
  }

  get usesDma(): boolean {
    return this.dma;
  }

  /** Keep DMA transfers inside guest RAM that starts at 0 and is `lowRamSize` long (tiny `-m` values). */
  limitDmaTo(lowRamSize: number): void {
    const room = lowRamSize - DMA_BUFFER_GPA;
    if (room < 0x1000) this.dma = false;
    else this.dmaChunk = Math.min(DMA_MAX_CHUNK, room);
  }

  disableDma(): void {
    this.dma = false;
  }

  /** Select a key and read `n` bytes through the data port. */
  private async readKeyPio(key: number, n: number, skip = 0): Promise<Uint8Array> {
    const cmds = [`outw ${hex(PORT_SELECTOR)} ${hex(key)}`];
    for (let i = 0; i < skip + n; i++) cmds.push(`inb ${hex(PORT_DATA)}`);
    const r = await this.qt.batch(cmds);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = parseInt(r[1 + skip + i], 16);
    return out;
  }

  /** One DMA operation on the current (or newly selected) item. */
  private async dmaOp(control: number, length: number): Promise<void> {
    const block = new Uint8Array(16);
    const dv = new DataView(block.buffer);
    dv.setUint32(0, control >>> 0, false);
    dv.setUint32(4, length >>> 0, false);
    dv.setBigUint64(8, BigInt(DMA_BUFFER_GPA), false);
    const blockHex = '0x' + Array.from(block, (b) => b.toString(16).padStart(2, '0')).join('');
    const r = await this.qt.batch([
      `write ${hex(DMA_CONTROL_GPA)} 16 ${blockHex}`,
      `outl ${hex(PORT_DMA_HIGH)} 0x0`,
      `outl ${hex(PORT_DMA_LOW)} ${hex(bswap32(DMA_CONTROL_GPA))}`,
      `readl ${hex(DMA_CONTROL_GPA)}`,
    ]);
    const ctl = bswap32(parseInt(r[3], 16) >>> 0);
    if (ctl & DMA_CTL_ERROR) throw new Error(`fw_cfg DMA error (control 0x${ctl.toString(16)})`);
    if (ctl !== 0) throw new Error(`fw_cfg DMA did not complete (control 0x${ctl.toString(16)})`);
  }

  /** Read bytes [offset, offset+n) of a key. */
  async read(key: number, n: number, offset = 0): Promise<Uint8Array> {
    if (!this.dma) return this.readKeyPio(key, n, offset);
    const out = new Uint8Array(n);
    let first = true;
    const sel = (key << 16) | DMA_CTL_SELECT;
    if (offset > 0) {
      await this.dmaOp(sel | DMA_CTL_SKIP, offset);
      first = false;
    }
    for (let done = 0; done < n || (first && n === 0); ) {
      const len = Math.min(this.dmaChunk, n - done);
      await this.dmaOp((first ? sel : 0) | DMA_CTL_READ, len);
      first = false;
      if (len > 0) {
        const [data] = await this.qt.batch([`read ${hex(DMA_BUFFER_GPA)} ${len}`]);
        out.set(parseHexBytes(data), done);
      }
      done += len;
    }
    return out;
  }

  async directory(): Promise<FwCfgFile[]> {
    const head = await this.read(KEY_FILE_DIR, 4);
    const count = new DataView(head.buffer).getUint32(0, false);
    const raw = await this.read(KEY_FILE_DIR, 4 + 64 * count);
    const dv = new DataView(raw.buffer);
    const files: FwCfgFile[] = [];
    for (let i = 0; i < count; i++) {
      const o = 4 + 64 * i;
      const size = dv.getUint32(o, false);
      const select = dv.getUint16(o + 4, false);
      let name = '';
      for (let j = o + 8; j < o + 64 && raw[j] !== 0; j++) name += String.fromCharCode(raw[j]);
      files.push({ name, size, select });
    }
    return files;
  }

  readFile(f: FwCfgFile, n = f.size, offset = 0): Promise<Uint8Array> {
    return this.read(f.select, Math.min(n, f.size - offset), offset);
  }
}
