/**
 * Page objects for the designer and a typed reader of `window.__mmdTestApi`. Drags go through the real mouse,
 * with intermediate steps, the way a hand moves.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** What `window.__mmdTestApi.result` reports (addresses as exact hex strings). */
export interface ResultSummary {
  revision: number;
  error: string | null;
  window: { base: string; size: string } | null;
  devices: Array<{ id: string | null; driver: string; addr: string; size: string; node: number; explicitAddr: boolean }>;
  srat: Array<{ type: string; pxm: number; base?: string; length?: string; flags: number; role?: string }>;
  e820: Array<{ address: string; length: string; type: number }>;
  diagnostics: string[];
}

interface DocOptionLike {
  kind: string;
  id?: string;
  driver?: string;
  node?: string;
  addr?: string;
  memdev?: string;
  size?: string;
}

export interface DocumentLike {
  name: string;
  options: DocOptionLike[];
}

interface TestApiLike {
  document: DocumentLike;
  revision: number;
  result: ResultSummary | null;
  engine: string;
  settled(timeoutMs?: number): Promise<ResultSummary>;
}

export class DesignerPage {
  constructor(readonly page: Page) {}

  async open(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
    await expect(this.page.getByTestId('srat-row').first()).toBeVisible();
    await this.settled();
  }

  lane(nodeId: number): Locator {
    return this.page.getByTestId(`lane-node-${nodeId}`);
  }

  block(id: string): Locator {
    return this.page.getByTestId(`block-${id}`);
  }

  blockBody(id: string): Locator {
    return this.block(id).locator('rect.block-body');
  }

  get sratRows(): Locator {
    return this.page.getByTestId('srat-table').getByTestId('srat-row');
  }

  /** The SRAT memory row whose base address is exactly `base`. */
  sratRowAt(base: string): Locator {
    return this.sratRows.filter({ has: this.page.locator('td[data-col="base"]', { hasText: new RegExp(`^${base}$`) }) });
  }

  get e820Rows(): Locator {
    return this.page.getByTestId('e820-table').getByTestId('e820-row');
  }

  get diagnostics(): Locator {
    return this.page.getByTestId('diagnostics');
  }

  get dragStatus(): Locator {
    return this.page.getByTestId('drag-status');
  }

  async settled(): Promise<ResultSummary> {
    return this.page.evaluate(() => (window as unknown as { __mmdTestApi: TestApiLike }).__mmdTestApi.settled());
  }

  async revision(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as { __mmdTestApi: TestApiLike }).__mmdTestApi.revision);
  }

  async doc(): Promise<DocumentLike> {
    return this.page.evaluate(() => (window as unknown as { __mmdTestApi: TestApiLike }).__mmdTestApi.document);
  }

  async device(id: string): Promise<DocOptionLike> {
    const d = (await this.doc()).options.find((o) => o.kind === 'device' && o.id === id);
    if (!d) throw new Error(`no device ${id}`);
    return d;
  }

  async choosePreset(id: string): Promise<void> {
    await this.page.getByLabel('Example machine').selectOption(id);
    await expect.poll(async () => (await this.doc()).name).toBe(id);
    await this.settled();
  }

  /** Centre of an element, rounded to whole pixels (mouse events carry integer coordinates). */
  async centre(l: Locator): Promise<{ x: number; y: number }> {
    const b = await l.boundingBox();
    if (!b) throw new Error('not visible');
    return { x: Math.round(b.x + b.width / 2), y: Math.round(b.y + b.height / 2) };
  }

  /**
   * Press on `from`, move by (dx, dy) in `steps`, run `whileHeld` (assertions during the drag), release.
   */
  async drag(from: { x: number; y: number }, dx: number, dy: number, whileHeld?: () => Promise<void>, steps = 12): Promise<void> {
    const m = this.page.mouse;
    await m.move(from.x, from.y);
    await m.down();
    await m.move(from.x + Math.sign(dx) * 2, from.y + Math.sign(dy) * 2);
    await m.move(from.x + dx, from.y + dy, { steps });
    if (whileHeld) await whileHeld();
    await m.up();
  }
}

export const test = base.extend<{ designer: DesignerPage }>({
  designer: async ({ page }, use) => {
    await use(new DesignerPage(page));
  },
});

export { expect };
