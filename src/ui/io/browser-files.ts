/** Files in and out of the browser: downloads through a Blob and an `<a download>`, reading dropped or chosen files, the clipboard. */
import type { ExportFile } from '../../core/io/index.ts';

/** Save `file` through the browser's download. */
export function downloadFile(file: ExportFile): void {
  // copy binary data into a fresh ArrayBuffer-backed view (a worker result may be a view into a larger buffer)
  const part: BlobPart = typeof file.data === 'string' ? file.data : new Uint8Array(file.data);
  const url = URL.createObjectURL(new Blob([part], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // the download has started by the time the click handler returns; free the blob a little later
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Largest file read for import, in bytes (a saved design is at most 1 Mi characters, up to 4 bytes each). */
export const MAX_IMPORT_FILE_BYTES = 4 << 20;

/** A file's text, or why it cannot be read. */
export async function readTextFile(file: File): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  if (file.size > MAX_IMPORT_FILE_BYTES) {
    return { ok: false, message: `${file.name} is too large to be a design (${file.size} bytes; at most ${MAX_IMPORT_FILE_BYTES})` };
  }
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, text: text.startsWith('\ufeff') ? text.slice(1) : text };
  } catch (e) {
    if (e instanceof TypeError) return { ok: false, message: `${file.name} is not UTF-8 text` };
    return { ok: false, message: `${file.name} could not be read: ${String(e)}` };
  }
}

/** Put `text` on the clipboard; false when the browser does not allow it. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection-based copy
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  document.body.appendChild(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}
