import { describe, expect, it } from 'vitest';
import { checkAddress, checkId, checkInteger, checkSize, isWellFormedId } from './validate.ts';

describe('field validation', () => {
  it("follows QEMU's id rule", () => {
    expect(isWellFormedId('hbm0')).toBe(true);
    expect(isWellFormedId('a.b-c_d')).toBe(true);
    expect(isWellFormedId('0abc')).toBe(false);
    expect(isWellFormedId('a b')).toBe(false);
    expect(isWellFormedId('')).toBe(false);
    const bad = checkId('Device id', '9x');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/^Device id: '9x' is not a valid QEMU id/);
    expect(checkId('Device id', 'x', new Set(['x']))).toEqual({ ok: false, message: "Device id: 'x' is already used by another option" });
  });

  it('accepts sizes QEMU accepts and names the field otherwise', () => {
    expect(checkSize('Size', '16G')).toEqual({ ok: true, value: '16G' });
    expect(checkSize('Size', '1.5G')).toEqual({ ok: true, value: '1.5G' });
    expect(checkSize('Size', '0x40000000')).toEqual({ ok: true, value: '0x40000000' });
    const r = checkSize('Size', '12X');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^Size: '12X' is not a size QEMU accepts/);
    expect(checkSize('maxmem', '', { allowEmpty: true })).toEqual({ ok: true, value: undefined });
    expect(checkSize('Size', '0', { nonZero: true }).ok).toBe(false);
  });

  it('reads integers and addresses like QEMU properties', () => {
    expect(checkInteger('slots', '4')).toEqual({ ok: true, value: '4' });
    expect(checkInteger('phys-bits', 'x').ok).toBe(false);
    expect(checkInteger('cpus', '0', { min: 1 }).ok).toBe(false);
    expect(checkAddress('addr', '')).toEqual({ ok: true, value: undefined });
    expect(checkAddress('addr', '0x480200000')).toEqual({ ok: true, value: '0x480200000' });
    expect(checkAddress('addr', '19329449984')).toEqual({ ok: true, value: '0x480200000' });
    expect(checkAddress('addr', '4G').ok).toBe(false);
  });
});
