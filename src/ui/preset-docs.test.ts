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
