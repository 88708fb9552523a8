/** The document as QEMU arguments, one option per line (read-only; export and import live elsewhere). */
import { useDerivedView } from '../hooks/useDerived.ts';
import { CommandLineChange } from '../tables/changes.tsx';

function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./=,:+@%-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function CommandLinePanel() {
  const { args } = useDerivedView();
  const lines: string[] = ['qemu-system-x86_64'];
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    if (w.startsWith('-') && i + 1 < args.length && !args[i + 1]!.startsWith('-')) {
      lines.push(`${w} ${shellQuote(args[i + 1]!)}`);
      i++;
    } else lines.push(shellQuote(w));
  }
  return (
    <div className="cmdline-panel">
      <pre className="cmdline mono" data-testid="cmdline" role="region" aria-label="QEMU command line" tabIndex={0}>
        {lines.join(' \\\n  ')}
      </pre>
      <CommandLineChange />
    </div>
  );
}
