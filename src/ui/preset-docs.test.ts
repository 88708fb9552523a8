/**
 * preset-data.json is what src/core/designer/presets.ts makes: each example's title, description and the
 * fingerprint of its design JSON, and the default example's document exactly as parsing its command line gives
 * it. `MMD_WRITE_PRESET_DATA=1 npx vitest run src/ui/preset-docs.test.ts` rewrites the file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESET_ID as CORE_DEFAULT_PRESET_ID, PRESETS, presetDocument } from '../core/designer/index.ts';
import { serializeDocument } from '../core/io/index.ts';
import { DEFAULT_PRESET_ID, exampleDocument, PRESET_LIST, presetIdOfText, textFingerprint } from './preset-docs.ts';

const FILE = fileURLToPath(new URL('./preset-data.json', import.meta.url));

function expectedData() {
  const parsed = (id: string) => {
    const doc = presetDocument(id);
    if (!doc) throw new Error(`preset ${id} does not parse`);
    return doc;
  };
  return {
    defaultId: CORE_DEFAULT_PRESET_ID,
    presets: PRESETS.map((p) => ({ id: p.id, title: p.title, description: p.description, fingerprint: textFingerprint(serializeDocument(parsed(p.id))) })),
    example: parsed(CORE_DEFAULT_PRESET_ID),
  };
}

describe('preset-data.json', () => {
  if (process.env.MMD_WRITE_PRESET_DATA) writeFileSync(FILE, `${JSON.stringify(expectedData(), null, 1)}\n`);

  it('holds what the presets make (MMD_WRITE_PRESET_DATA=1 rewrites it)', () => {
    // a document is plain JSON: nothing is lost on the way through the file
    expect(JSON.parse(readFileSync(FILE, 'utf8'))).toStrictEqual(JSON.parse(JSON.stringify(expectedData())));
  });

  it('gives the example exactly as parsing its command line does', () => {
    expect(DEFAULT_PRESET_ID).toBe(CORE_DEFAULT_PRESET_ID);
    expect(exampleDocument()).toStrictEqual(presetDocument(CORE_DEFAULT_PRESET_ID));
    expect(exampleDocument()).not.toBe(exampleDocument());
  });

  it('tells each example by its design JSON, and an edited one apart', () => {
    expect(PRESET_LIST.map((p) => p.id)).toEqual(PRESETS.map((p) => p.id));
    for (const p of PRESETS) expect(presetIdOfText(serializeDocument(presetDocument(p.id)!))).toBe(p.id);
    const edited = presetDocument(CORE_DEFAULT_PRESET_ID)!;
    expect(presetIdOfText(serializeDocument({ ...edited, options: edited.options.slice(1) }))).toBeNull();
    expect(presetIdOfText(serializeDocument({ ...edited, name: 'other' }))).toBeNull();
  });
});

describe('the HBM accelerator example', () => {
  it('is what its title says: a generic initiator, memory-only HBM nodes, an HMAT and a SLIT', async () => {
    const { computeMachine } = await import('../core/machine/index.ts');
    const l = computeMachine(presetDocument('hbm-hmat')!, { qemuVersion: '11.1' }).layout!;
    expect(l).not.toBeNull();
    // addr=0x4 on pcie.0: bus 0, devfn 4 << 3
    expect(l.srat?.genericAffinity).toMatchObject([{ type: 'generic-initiator', proximityDomain: 3, handle: { kind: 'pci', bus: 0, devfn: 0x20 } }]);
    expect(l.devices.map((d) => [d.driver, d.node])).toEqual([['sp-mem', 1], ['sp-mem', 2]]);
    expect(l.nodes.map((n) => n.size > 0n)).toEqual([true, false, false, false]);
    // only node 0 has memory of its own: one proximity-domain structure; initiators are the CPU node and the accelerator
    const [pd, lat, bw] = l.hmat!.structures;
    expect(pd).toEqual({ type: 'proximity-domain', flags: 1, initiator: 0, memory: 0 });
    // latencies 100/250/300/120 ns: the largest power of ten dividing all is 10 ns = 10000 ps
    expect(lat).toMatchObject({ type: 'locality', dataType: 0, entryBaseUnit: 10000n, initiators: [0, 3], targets: [0, 1, 2, 3], entries: [10, 25, 25, 0, 30, 12, 12, 0] });
    // bandwidths 64G/32G/512G: the largest power of two dividing all is 32 GiB/s = 32768 MB/s
    expect(bw).toMatchObject({ type: 'locality', dataType: 3, entryBaseUnit: 32768n, entries: [2, 1, 1, 0, 1, 16, 16, 0] });
    expect(l.slit?.matrix).toEqual([
      [10, 30, 30, 30],
      [30, 10, 20, 15],
      [30, 20, 10, 15],
      [30, 15, 15, 10],
    ]);
  });
});
