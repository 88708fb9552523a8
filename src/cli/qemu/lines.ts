/**
 * Line-oriented clients for QEMU's two control sockets: QMP (JSON, one object per line) and qtest (text, one
 * command per line, answered in order). Both allow pipelining: requests are written at once and answered in order.
 */
import net from 'node:net';

/** Reject after `ms` with a message naming the step. */
export function withTimeout<T>(p: Promise<T>, ms: number, step: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timeout after ${ms} ms: ${step}`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

/** A unix-socket connection that hands out complete lines. */
class LineSocket {
  private buf = '';
  private waiters: Array<{ resolve: (line: string) => void; reject: (e: Error) => void }> = [];
  private queued: string[] = [];
  private closedError: Error | null = null;

  constructor(private readonly sock: net.Socket) {
    sock.setEncoding('latin1');
    sock.on('data', (chunk: string) => {
      this.buf += chunk;
      let nl: number;
      while ((nl = this.buf.indexOf('\n')) >= 0) {
        const line = this.buf.slice(0, nl).replace(/\r$/, '');
        this.buf = this.buf.slice(nl + 1);
        const w = this.waiters.shift();
        if (w) w.resolve(line);
        else this.queued.push(line);
      }
    });
    const onClose = (why: string) => {
      if (!this.closedError) this.closedError = new Error(why);
      for (const w of this.waiters.splice(0)) w.reject(this.closedError);
    };
    sock.on('error', (e) => onClose(`socket error: ${e.message}`));
    sock.on('close', () => onClose('connection closed'));
  }

  static connect(path: string): Promise<LineSocket> {
    return new Promise((resolve, reject) => {
      const s = net.createConnection(path);
      s.once('connect', () => {
        s.removeAllListeners('error');
        resolve(new LineSocket(s));
      });
      s.once('error', reject);
    });
  }

  get closed(): boolean {
    return this.closedError !== null;
  }

  readLine(): Promise<string> {
    const q = this.queued.shift();
    if (q !== undefined) return Promise.resolve(q);
    if (this.closedError) return Promise.reject(this.closedError);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  write(text: string): void {
    this.sock.write(text, 'latin1');
  }

  close(): void {
    this.sock.destroy();
  }
}

export class QmpError extends Error {
  constructor(
    readonly command: string,
    readonly qmpClass: string,
    desc: string,
  ) {
    super(`QMP ${command}: ${qmpClass}: ${desc}`);
  }
}

/** QMP: greeting, capabilities negotiation, then commands answered in order. */
export class Qmp {
  private constructor(private readonly ls: LineSocket) {}

  /** Connects and negotiates; rejects when QEMU closes the connection first (a rejected configuration). */
  static async open(path: string): Promise<Qmp> {
    const ls = await LineSocket.connect(path);
    const q = new Qmp(ls);
    const greeting = JSON.parse(await ls.readLine());
    if (!greeting.QMP) throw new Error(`unexpected QMP greeting: ${JSON.stringify(greeting)}`);
    await q.execute('qmp_capabilities');
    return q;
  }

  async execute<T = unknown>(command: string, args?: Record<string, unknown>): Promise<T> {
    this.ls.write(JSON.stringify(args ? { execute: command, arguments: args } : { execute: command }) + '\n');
    for (;;) {
      const msg = JSON.parse(await this.ls.readLine());
      if ('event' in msg) continue;
      if ('error' in msg) throw new QmpError(command, msg.error.class, msg.error.desc);
      if ('return' in msg) return msg.return as T;
    }
  }

  hmp(commandLine: string): Promise<string> {
    return this.execute<string>('human-monitor-command', { 'command-line': commandLine });
  }

  close(): void {
    this.ls.close();
  }
}

/** The qtest protocol: `outw 0x510 0x19` → `OK`, `inb 0x511` → `OK 0x00ab`. */
export class Qtest {
  private constructor(private readonly ls: LineSocket) {}

  static async open(path: string): Promise<Qtest> {
    return new Qtest(await LineSocket.connect(path));
  }

  /** Sends all commands at once and returns their answers (the text after `OK`), in order. */
  async batch(commands: string[]): Promise<string[]> {
    if (commands.length === 0) return [];
    this.ls.write(commands.join('\n') + '\n');
    const out: string[] = [];
    while (out.length < commands.length) {
      const line = await this.ls.readLine();
      if (line.startsWith('IRQ ')) continue; // asynchronous interrupt notifications
      if (!line.startsWith('OK')) throw new Error(`qtest: '${commands[out.length]}' answered '${line}'`);
      out.push(line.slice(2).trim());
    }
    return out;
  }

  close(): void {
    this.ls.close();
  }
}
