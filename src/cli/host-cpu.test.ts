import { describe, expect, it } from 'vitest';
import { formatHostCpu, hostCpuFromCpuinfo, parseHostCpuFlag } from './host-cpu.ts';
import { loadDocument, serializeDocument } from '../core/io/index.ts';
import { emptyDocument } from '../core/document/index.ts';

describe('--host-cpu', () => {
  it('reads VENDOR[,phys-bits=N]', () => {
    expect(parseHostCpuFlag('AuthenticAMD,phys-bits=48')).toEqual({ vendor: 'AuthenticAMD', physBits: 48 });
    expect(parseHostCpuFlag('intel')).toEqual({ vendor: 'GenuineIntel', physBits: 46 });
    expect(parseHostCpuFlag('Cyrix')).toMatch(/vendor must be GenuineIntel or AuthenticAMD/);
    expect(parseHostCpuFlag('amd,phys-bits=70')).toMatch(/phys-bits must be from 32 to 64/);
    expect(parseHostCpuFlag('amd,bits=40')).toMatch(/unknown property 'bits=40'/);
    expect(formatHostCpu({ vendor: 'AuthenticAMD', physBits: 48 })).toBe('AuthenticAMD,phys-bits=48');
  });

  it('reads /proc/cpuinfo (this AMD EPYC host)', () => {
    const text = 'processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\naddress sizes\t: 48 bits physical, 48 bits virtual\n';
    expect(hostCpuFromCpuinfo(text)).toEqual({ vendor: 'AuthenticAMD', physBits: 48 });
    expect(hostCpuFromCpuinfo(text.replace('AuthenticAMD', 'HygonGenuine'))).toEqual({ vendor: 'GenuineIntel', physBits: 48 });
    expect(hostCpuFromCpuinfo('vendor_id : GenuineIntel\n')).toBeNull();
  });

  it('is saved in the document and validated by field', () => {
    const doc = { ...emptyDocument('h'), host: { vendor: 'AuthenticAMD' as const, physBits: 48 } };
    const text = serializeDocument(doc);
    const back = loadDocument(text);
    expect(back.ok && back.doc.host).toEqual({ vendor: 'AuthenticAMD', physBits: 48 });
    expect(loadDocument(text.replace('48', '31'))).toMatchObject({ ok: false, path: 'host.physBits' });
    expect(loadDocument(text.replace('AuthenticAMD', 'x'))).toMatchObject({ ok: false, path: 'host.vendor' });
    expect(loadDocument(text.replace('"physBits"', '"bits"'))).toMatchObject({ ok: false, path: 'host.bits' });
  });
});
