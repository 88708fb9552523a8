/**
 * An accessibility check run in the page: the WCAG 2.x rules whose failures are serious or critical for this
 * designer, computed from the DOM and the computed styles (no checker library).
 *
 * - color-contrast (serious, WCAG 1.4.3): every visible text node and every text field's value against what it is
 *   painted on, at least 4.5:1 (3:1 for large text: 24 px, or 18.67 px bold). The colours are the computed ones:
 *   `color` for HTML, `fill` for SVG text. The background is found through the ancestors (background-color,
 *   composited with their opacity), and inside an SVG through the shapes painted before the text under its
 *   centre (fill × fill-opacity × opacity; a pattern fill counts as its first shape's fill), or the text's own
 *   halo (a stroke painted first). Text on a background image or gradient cannot be judged and is listed apart.
 * - names (critical, WCAG 4.1.2 / 1.3.1): buttons, links, tabs and other widgets, form fields (input, select,
 *   textarea), images and role="img" SVGs have an accessible name.
 * - ids (critical): no id is used twice.
 * - aria (critical/serious): known roles and aria-* attributes only, values of the right type, id references
 *   that exist, attributes allowed for the element's role, required attributes and parents of roles, no name on
 *   a role that cannot have one, nothing focusable inside aria-hidden.
 * - structure (serious): the page has a lang and a title, lists hold list items, a scrolling region can be
 *   reached with the keyboard, no interactive element inside another.
 *
 * Numbers are WCAG's: relative luminance L = 0.2126 R + 0.7152 G + 0.0722 B over linearised sRGB channels
 * (c ≤ 0.04045 ? c/12.92 : ((c+0.055)/1.055)^2.4), contrast = (L1 + 0.05) / (L2 + 0.05).
 */
import type { Page } from '@playwright/test';

export interface A11yViolation {
  rule: string;
  impact: 'serious' | 'critical';
  /** a short description of the element: tag, id, test id, classes and its text */
  target: string;
  detail: string;
}

export interface A11yReport {
  violations: A11yViolation[];
  /** text nodes checked for contrast */
  textsChecked: number;
  /** the lowest contrast found, and where */
  lowest: { ratio: number; target: string } | null;
  /** text whose background could not be determined (an image or a gradient) */
  undetermined: string[];
}

/** Run the check on the page (or inside `scope`, a CSS selector); the whole document's ids, lang and title always. */
export async function auditA11y(page: Page, scope?: string): Promise<A11yReport> {
  return page.evaluate(audit, scope ?? null);
}

/** The violations as lines, for an assertion message. */
export function formatViolations(r: A11yReport): string {
  return r.violations.map((v) => `${v.impact} ${v.rule}: ${v.target} — ${v.detail}`).join('\n');
}

/** Everything below runs in the page: it may use nothing from outside this function. */
function audit(scopeSelector: string | null): A11yReport {
  type RGBA = [number, number, number, number];
  const violations: A11yViolation[] = [];
  const undetermined: string[] = [];
  const root: Element = (scopeSelector ? document.querySelector(scopeSelector) : null) ?? document.body;
  const SVG_NS = 'http://www.w3.org/2000/svg';

  const describe = (el: Element): string => {
    const id = el.id ? `#${el.id}` : '';
    const tid = el.getAttribute('data-testid');
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 3).join('.')}` : '';
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return `<${el.tagName.toLowerCase()}${id}${tid ? ` [data-testid=${tid}]` : ''}${cls}>${text ? ` “${text}”` : ''}`;
  };
  const fail = (rule: string, impact: 'serious' | 'critical', el: Element, detail: string) =>
    violations.push({ rule, impact, target: describe(el), detail });

  // ---------- colours ----------
  const canvas = document.createElement('canvas').getContext('2d')!;
  const parseColor = (value: string): RGBA | null => {
    const v = value.trim();
    if (!v || v === 'none') return null;
    if (v === 'transparent') return [0, 0, 0, 0];
    let m = /^rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:\s*[,/]\s*([\d.]+)(%?))?\s*\)$/.exec(v);
    if (m) {
      const a = m[4] === undefined ? 1 : m[5] ? Number(m[4]) / 100 : Number(m[4]);
      return [Number(m[1]), Number(m[2]), Number(m[3]), a];
    }
    // anything else (named colours, color(srgb …), oklch …): let the canvas normalise it
    canvas.fillStyle = '#000';
    canvas.fillStyle = v;
    const n = String(canvas.fillStyle);
    m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(n);
    if (m) return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16), 1];
    m = /^rgba\(\s*([\d.]+),\s*([\d.]+),\s*([\d.]+),\s*([\d.]+)\)$/.exec(n);
    if (m) return [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
    return null;
  };
  /** `top` painted over an opaque `bottom` */
  const over = (top: RGBA, bottom: RGBA): RGBA => {
    const a = top[3];
    return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
  };
  const withAlpha = (c: RGBA, k: number): RGBA => [c[0], c[1], c[2], c[3] * k];
  const lum = (c: RGBA) => {
    const ch = (x: number) => {
      const s = x / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2]);
  };
  const contrast = (a: RGBA, b: RGBA) => {
    const la = lum(a);
    const lb = lum(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  };
  const hex = (c: RGBA) => `#${c.slice(0, 3).map((x) => Math.round(x).toString(16).padStart(2, '0')).join('')}`;

  /** the product of the opacities from `el` up to (not including) `until` */
  const opacityChain = (el: Element | null, until: Element | null = null): number => {
    let k = 1;
    for (let e = el; e && e !== until; e = e.parentElement) k *= Number(getComputedStyle(e).opacity || '1');
    return k;
  };

  /** the opaque colour an HTML element's content is painted on, from its ancestors' backgrounds; null: an image */
  const htmlBackground = (start: Element | null): RGBA | null => {
    const layers: RGBA[] = [];
    for (let e = start; e; e = e.parentElement) {
      if (e.namespaceURI === SVG_NS) continue;
      const cs = getComputedStyle(e);
      if (cs.backgroundImage && cs.backgroundImage !== 'none') return null;
      const c = parseColor(cs.backgroundColor);
      if (c && c[3] > 0) {
        layers.push(withAlpha(c, Number(cs.opacity || '1')));
        if (c[3] >= 1 && Number(cs.opacity || '1') >= 1) break;
      }
    }
    // the canvas behind the document: the root's background, else white
    let base: RGBA = [255, 255, 255, 1];
    const canvasBg = parseColor(getComputedStyle(document.documentElement).backgroundColor);
    if (canvasBg && canvasBg[3] > 0) base = over(canvasBg, base);
    for (let i = layers.length - 1; i >= 0; i--) base = over(layers[i]!, base);
    return base;
  };

  const SHAPES = new Set(['rect', 'path', 'circle', 'ellipse', 'polygon']);
  /** the fill an SVG shape paints, as a colour (a pattern: its first shape's fill); undefined: none */
  const shapeFill = (el: Element): RGBA | null | undefined => {
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'none') return undefined;
    const fill = cs.fill;
    let c: RGBA | null;
    const url = /url\(["']?#([^"')]+)["']?\)/.exec(fill);
    if (url) {
      const pattern = document.getElementById(url[1]!);
      const first = pattern?.querySelector('rect,path,circle,polygon');
      if (!first) return null;
      c = parseColor(getComputedStyle(first).fill);
    } else c = parseColor(fill);
    if (!c || c[3] === 0) return undefined;
    return withAlpha(c, Number(cs.fillOpacity || '1'));
  };

  /** the opaque colour under an SVG text's centre: the SVG's HTML background, then the shapes painted before it */
  const svgBackground = (text: SVGGraphicsElement): RGBA | null => {
    const svg = text.ownerSVGElement;
    if (!svg) return null;
    const cs = getComputedStyle(text);
    const stroke = parseColor(cs.stroke);
    if (stroke && stroke[3] > 0 && parseFloat(cs.strokeWidth) >= 2 && /^stroke/.test(cs.paintOrder)) {
      const bg = htmlBackground(svg.parentElement);
      return bg && over(withAlpha(stroke, Number(cs.strokeOpacity || '1') * opacityChain(text, svg)), bg);
    }
    const r = text.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    let bg = htmlBackground(svg);
    if (!bg) return null;
    const walker = document.createTreeWalker(svg, NodeFilter.SHOW_ELEMENT);
    for (let n = walker.nextNode() as Element | null; n && n !== text; n = walker.nextNode() as Element | null) {
      if (!SHAPES.has(n.tagName) || n.closest('defs,pattern,clipPath,mask,marker')) continue;
      if (n.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_CONTAINED_BY) continue;
      const b = n.getBoundingClientRect();
      if (b.width === 0 || b.height === 0 || x < b.left || x > b.right || y < b.top || y > b.bottom) continue;
      const f = shapeFill(n);
      if (f === undefined) continue;
      if (f === null) return null;
      bg = over(withAlpha(f, opacityChain(n, svg)), bg);
    }
    return bg;
  };

  const visible = (el: Element): boolean => {
    if (el.closest('[hidden],template,noscript,script,style,title,desc,defs')) return false;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    for (let e: Element | null = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || Number(cs.opacity) === 0) return false;
      if (e === el && cs.visibility !== 'visible') return false;
      if ((cs.overflow === 'hidden' || cs.clip === 'rect(0px, 0px, 0px, 0px)') && e !== el) {
        const b = e.getBoundingClientRect();
        if (b.width <= 1 || b.height <= 1) return false; // visually hidden, for screen readers only
      }
    }
    const details = el.closest('details');
    if (details && !details.open && !el.closest('summary')) return false;
    return true;
  };

  let textsChecked = 0;
  let lowest: { ratio: number; target: string } | null = null;
  const checkText = (el: Element, fgValue: string, sample: string) => {
    const cs = getComputedStyle(el);
    if (el.closest('[disabled], [aria-disabled="true"]')) return; // WCAG exempts inactive controls
    const isSvg = el.namespaceURI === SVG_NS;
    let fg = parseColor(fgValue);
    if (!fg) return;
    const svg = isSvg ? (el as SVGElement).ownerSVGElement : null;
    fg = withAlpha(fg, (isSvg ? Number(cs.fillOpacity || '1') : 1) * opacityChain(el, isSvg ? svg : null) * (svg ? opacityChain(svg) : 1));
    const bg = isSvg ? svgBackground(el as SVGGraphicsElement) : htmlBackground(el);
    if (!bg) {
      undetermined.push(`${describe(el)} “${sample}”`);
      return;
    }
    const ratio = contrast(over(fg, bg), bg);
    const px = parseFloat(cs.fontSize);
    const bold = Number(cs.fontWeight) >= 700;
    const need = px >= 24 || (bold && px >= 18.66) ? 3 : 4.5;
    textsChecked++;
    if (!lowest || ratio < lowest.ratio) lowest = { ratio, target: `${describe(el)} “${sample}”` };
    if (ratio < need - 0.005) {
      fail('color-contrast', 'serious', el, `“${sample}” ${ratio.toFixed(2)}:1 (${hex(over(fg, bg))} on ${hex(bg)}, ${px}px${bold ? ' bold' : ''}; needs ${need}:1)`);
    }
  };

  const seen = new Set<Element>();
  const tw = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = tw.nextNode(); t; t = tw.nextNode()) {
    const s = (t.nodeValue ?? '').trim();
    const el = t.parentElement;
    if (!s || !el || seen.has(el) || !visible(el)) continue;
    // text glyphs that carry no information on their own are still text: checked like any other
    seen.add(el);
    const isSvg = el.namespaceURI === SVG_NS;
    checkText(el, isSvg ? getComputedStyle(el).fill : getComputedStyle(el).color, s.slice(0, 40));
  }
  for (const f of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select')) {
    if (f instanceof HTMLInputElement && ['hidden', 'checkbox', 'radio', 'range', 'color', 'file', 'image'].includes(f.type)) continue;
    const v = f instanceof HTMLSelectElement ? (f.selectedOptions[0]?.textContent ?? '') : f.value;
    if (v.trim() && visible(f)) checkText(f, getComputedStyle(f).color, v.trim().slice(0, 40));
  }

  // ---------- names ----------
  const textOf = (el: Element): string => {
    let s = '';
    for (const n of el.childNodes) {
      if (n.nodeType === Node.TEXT_NODE) s += n.nodeValue ?? '';
      else if (n instanceof Element) {
        if (n.getAttribute('aria-hidden') === 'true' || getComputedStyle(n).display === 'none') continue;
        s += n.getAttribute('aria-label') ?? (n.tagName === 'IMG' ? (n.getAttribute('alt') ?? '') : textOf(n));
      }
    }
    return s;
  };
  const byIds = (ids: string) =>
    ids
      .split(/\s+/)
      .map((id) => document.getElementById(id))
      .filter((e): e is HTMLElement => Boolean(e));
  const labelledText = (el: Element): string => {
    const lb = el.getAttribute('aria-labelledby');
    if (lb) return byIds(lb).map(textOf).join(' ');
    return '';
  };
  const nameOf = (el: Element, fromContent: boolean): string => {
    const parts = [labelledText(el), el.getAttribute('aria-label') ?? ''];
    if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) {
      for (const l of el.labels ?? []) parts.push(textOf(l));
      if (el instanceof HTMLInputElement) {
        if (['button', 'submit', 'reset'].includes(el.type)) parts.push(el.value || (el.type === 'submit' ? 'Submit' : el.type === 'reset' ? 'Reset' : ''));
        if (el.type === 'image') parts.push(el.alt);
      }
      if (!(el instanceof HTMLSelectElement)) parts.push(el.getAttribute('placeholder') ?? '');
    }
    if (el.namespaceURI === SVG_NS) {
      const title = [...el.children].find((c) => c.tagName === 'title');
      if (title) parts.push(title.textContent ?? '');
    }
    if (el.tagName === 'IMG') parts.push(el.getAttribute('alt') ?? '');
    if (fromContent) parts.push(textOf(el));
    parts.push(el.getAttribute('title') ?? '');
    return parts.join(' ').replace(/\s+/g, ' ').trim();
  };

  // implicit roles of the elements the designer uses
  const implicitRole = (el: Element): string | null => {
    const t = el.tagName.toLowerCase();
    switch (t) {
      case 'button':
        return 'button';
      case 'a':
        return el.hasAttribute('href') ? 'link' : 'generic';
      case 'select':
        return (el as HTMLSelectElement).multiple || (el as HTMLSelectElement).size > 1 ? 'listbox' : 'combobox';
      case 'textarea':
        return 'textbox';
      case 'input': {
        const type = (el as HTMLInputElement).type;
        return (
          { button: 'button', submit: 'button', reset: 'button', image: 'button', checkbox: 'checkbox', radio: 'radio', range: 'slider', number: 'spinbutton', search: 'searchbox', hidden: null, file: null, color: null }[
            type
          ] ?? 'textbox'
        );
      }
      case 'ul':
      case 'ol':
      case 'menu':
        return 'list';
      case 'li':
        return 'listitem';
      case 'table':
        return 'table';
      case 'tr':
        return 'row';
      case 'td':
        return 'cell';
      case 'th':
        return (el as HTMLTableCellElement).scope === 'row' ? 'rowheader' : 'columnheader';
      case 'thead':
      case 'tbody':
      case 'tfoot':
        return 'rowgroup';
      case 'dialog':
        return 'dialog';
      case 'img':
        return el.getAttribute('alt') === '' ? 'presentation' : 'img';
      case 'nav':
        return 'navigation';
      case 'main':
        return 'main';
      case 'aside':
        return 'complementary';
      case 'header':
        return el.closest('main,aside,section,article,nav') ? 'generic' : 'banner';
      case 'footer':
        return 'contentinfo';
      case 'section':
        return el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby') ? 'region' : 'generic';
      case 'form':
        return 'form';
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        return 'heading';
      case 'p':
        return 'paragraph';
      case 'pre':
      case 'div':
      case 'span':
      case 'b':
      case 'i':
      case 'small':
      case 'label':
      case 'summary':
      case 'details':
        return t === 'details' ? 'group' : t === 'summary' ? 'button' : 'generic';
      case 'code':
        return 'code';
      case 'strong':
        return 'strong';
      case 'em':
        return 'emphasis';
      case 'output':
        return 'status';
      case 'progress':
        return 'progressbar';
      case 'meter':
        return 'meter';
      case 'svg':
        return 'graphics-document';
      case 'fieldset':
        return 'group';
      case 'dl':
      case 'dt':
      case 'dd':
        return null;
      default:
        return null;
    }
  };
  const roleOf = (el: Element): string | null => el.getAttribute('role')?.trim().split(/\s+/)[0] ?? implicitRole(el);

  const NAME_FROM_CONTENT = new Set(['button', 'link', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'checkbox', 'radio', 'switch', 'treeitem', 'cell', 'row', 'columnheader', 'rowheader', 'heading', 'tooltip']);
  const NEEDS_NAME: Record<string, ['critical' | 'serious', string]> = {
    button: ['critical', 'button-name'],
    link: ['serious', 'link-name'],
    tab: ['serious', 'aria-command-name'],
    menuitem: ['serious', 'aria-command-name'],
    checkbox: ['critical', 'label'],
    radio: ['critical', 'label'],
    switch: ['serious', 'aria-toggle-field-name'],
    textbox: ['critical', 'label'],
    searchbox: ['critical', 'label'],
    spinbutton: ['critical', 'label'],
    slider: ['critical', 'label'],
    combobox: ['critical', 'select-name'],
    listbox: ['critical', 'select-name'],
    img: ['serious', 'svg-img-alt'],
    dialog: ['serious', 'aria-dialog-name'],
    alertdialog: ['serious', 'aria-dialog-name'],
    progressbar: ['serious', 'aria-progressbar-name'],
    meter: ['serious', 'aria-meter-name'],
    tooltip: ['serious', 'aria-tooltip-name'],
    treeitem: ['serious', 'aria-treeitem-name'],
  };

  const VALID_ROLES = new Set(
    'alert alertdialog application article banner blockquote button caption cell checkbox code columnheader combobox complementary contentinfo definition deletion dialog directory document emphasis feed figure form generic grid gridcell group heading img insertion link list listbox listitem log main mark marquee math menu menubar menuitem menuitemcheckbox menuitemradio meter navigation none note option paragraph presentation progressbar radio radiogroup region row rowgroup rowheader scrollbar search searchbox separator slider spinbutton status strong subscript superscript switch tab table tablist tabpanel term textbox time timer toolbar tooltip tree treegrid treeitem graphics-document graphics-object graphics-symbol'.split(
      ' ',
    ),
  );
  const GLOBAL_ARIA = new Set(
    'atomic busy controls current describedby description details disabled dropeffect errormessage flowto grabbed haspopup hidden invalid keyshortcuts label labelledby live owns relevant roledescription'.split(' '),
  );
  const ROLE_ARIA: Record<string, string[]> = {
    autocomplete: ['combobox', 'searchbox', 'textbox'],
    checked: ['checkbox', 'menuitemcheckbox', 'menuitemradio', 'option', 'radio', 'switch', 'treeitem'],
    colcount: ['table', 'grid', 'treegrid'],
    colindex: ['cell', 'row', 'columnheader', 'gridcell', 'rowheader'],
    colspan: ['cell', 'columnheader', 'gridcell', 'rowheader'],
    expanded: ['application', 'button', 'checkbox', 'combobox', 'gridcell', 'link', 'listbox', 'menuitem', 'row', 'rowheader', 'tab', 'treeitem', 'columnheader', 'menuitemcheckbox', 'menuitemradio', 'switch'],
    level: ['heading', 'listitem', 'row', 'treeitem', 'tablist', 'grid', 'tree', 'treegrid'],
    modal: ['dialog', 'alertdialog'],
    multiline: ['textbox', 'searchbox'],
    multiselectable: ['grid', 'listbox', 'tablist', 'tree', 'treegrid'],
    orientation: ['scrollbar', 'select', 'separator', 'slider', 'tablist', 'toolbar', 'listbox', 'menu', 'menubar', 'radiogroup', 'tree', 'treegrid'],
    placeholder: ['searchbox', 'textbox'],
    posinset: ['article', 'listitem', 'menuitem', 'option', 'radio', 'row', 'tab', 'treeitem', 'menuitemcheckbox', 'menuitemradio'],
    pressed: ['button'],
    readonly: ['checkbox', 'combobox', 'grid', 'gridcell', 'listbox', 'radiogroup', 'slider', 'spinbutton', 'textbox', 'searchbox', 'columnheader', 'rowheader', 'treegrid', 'menuitemcheckbox', 'menuitemradio', 'switch'],
    required: ['checkbox', 'combobox', 'gridcell', 'listbox', 'radiogroup', 'spinbutton', 'textbox', 'searchbox', 'tree', 'treegrid', 'columnheader', 'rowheader', 'switch', 'radio'],
    rowcount: ['table', 'grid', 'treegrid'],
    rowindex: ['cell', 'row', 'columnheader', 'gridcell', 'rowheader'],
    rowspan: ['cell', 'columnheader', 'gridcell', 'rowheader'],
    selected: ['gridcell', 'option', 'row', 'tab', 'columnheader', 'rowheader', 'treeitem'],
    setsize: ['article', 'listitem', 'menuitem', 'option', 'radio', 'row', 'tab', 'treeitem', 'menuitemcheckbox', 'menuitemradio'],
    sort: ['columnheader', 'rowheader'],
    valuemax: ['meter', 'progressbar', 'scrollbar', 'separator', 'slider', 'spinbutton'],
    valuemin: ['meter', 'progressbar', 'scrollbar', 'separator', 'slider', 'spinbutton'],
    valuenow: ['meter', 'progressbar', 'scrollbar', 'separator', 'slider', 'spinbutton'],
    valuetext: ['meter', 'progressbar', 'scrollbar', 'separator', 'slider', 'spinbutton'],
    activedescendant: ['application', 'combobox', 'grid', 'group', 'listbox', 'menu', 'menubar', 'radiogroup', 'row', 'searchbox', 'textbox', 'tree', 'treegrid', 'tablist', 'toolbar', 'spinbutton', 'composite'],
  };
  const TRISTATE = new Set(['true', 'false', 'mixed']);
  const BOOL = new Set(['true', 'false']);
  const VALUES: Record<string, (v: string) => boolean> = {
    atomic: (v) => BOOL.has(v),
    busy: (v) => BOOL.has(v),
    disabled: (v) => BOOL.has(v),
    hidden: (v) => BOOL.has(v) || v === 'undefined',
    modal: (v) => BOOL.has(v),
    multiline: (v) => BOOL.has(v),
    multiselectable: (v) => BOOL.has(v),
    readonly: (v) => BOOL.has(v),
    required: (v) => BOOL.has(v),
    selected: (v) => BOOL.has(v) || v === 'undefined',
    expanded: (v) => BOOL.has(v) || v === 'undefined',
    checked: (v) => TRISTATE.has(v) || v === 'undefined',
    pressed: (v) => TRISTATE.has(v) || v === 'undefined',
    invalid: (v) => ['true', 'false', 'grammar', 'spelling'].includes(v),
    live: (v) => ['off', 'polite', 'assertive'].includes(v),
    current: (v) => ['page', 'step', 'location', 'date', 'time', 'true', 'false'].includes(v),
    haspopup: (v) => ['true', 'false', 'menu', 'listbox', 'tree', 'grid', 'dialog'].includes(v),
    orientation: (v) => ['horizontal', 'vertical', 'undefined'].includes(v),
    sort: (v) => ['ascending', 'descending', 'none', 'other'].includes(v),
    autocomplete: (v) => ['inline', 'list', 'both', 'none'].includes(v),
    relevant: (v) => v.split(/\s+/).every((x) => ['additions', 'removals', 'text', 'all'].includes(x)),
    level: (v) => /^[1-9]\d*$/.test(v),
    posinset: (v) => /^[1-9]\d*$/.test(v),
    setsize: (v) => /^-?\d+$/.test(v),
    colcount: (v) => /^-?\d+$/.test(v),
    rowcount: (v) => /^-?\d+$/.test(v),
    colindex: (v) => /^[1-9]\d*$/.test(v),
    rowindex: (v) => /^[1-9]\d*$/.test(v),
    colspan: (v) => /^[1-9]\d*$/.test(v),
    rowspan: (v) => /^\d+$/.test(v),
    valuemax: (v) => v.trim() !== '' && Number.isFinite(Number(v)),
    valuemin: (v) => v.trim() !== '' && Number.isFinite(Number(v)),
    valuenow: (v) => v.trim() !== '' && Number.isFinite(Number(v)),
  };
  const IDREFS = new Set(['controls', 'describedby', 'labelledby', 'owns', 'flowto', 'details', 'errormessage', 'activedescendant']);
  const REQUIRED: Record<string, string[]> = {
    checkbox: ['checked'],
    switch: ['checked'],
    menuitemcheckbox: ['checked'],
    menuitemradio: ['checked'],
    radio: ['checked'],
    slider: ['valuenow'],
    scrollbar: ['controls', 'valuenow'],
    heading: ['level'],
  };
  const NATIVE_SATISFIES: Record<string, (el: Element) => boolean> = {
    checkbox: (el) => el instanceof HTMLInputElement,
    radio: (el) => el instanceof HTMLInputElement,
    slider: (el) => el instanceof HTMLInputElement,
    heading: (el) => /^H[1-6]$/.test(el.tagName),
    combobox: (el) => el instanceof HTMLSelectElement,
  };
  const PARENTS: Record<string, string[]> = {
    tab: ['tablist'],
    option: ['listbox', 'group'],
    listitem: ['list', 'directory'],
    row: ['table', 'grid', 'treegrid', 'rowgroup'],
    cell: ['row'],
    gridcell: ['row'],
    columnheader: ['row'],
    rowheader: ['row'],
    menuitem: ['menu', 'menubar', 'group'],
    treeitem: ['tree', 'group'],
  };
  const NO_NAME_ROLES = new Set(['caption', 'code', 'deletion', 'emphasis', 'generic', 'insertion', 'paragraph', 'presentation', 'none', 'strong', 'subscript', 'superscript']);
  const INTERACTIVE = new Set(['button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'textbox', 'searchbox', 'combobox', 'listbox', 'slider', 'spinbutton', 'menuitem', 'option', 'treeitem']);
  const focusable = (el: Element): boolean => {
    if ((el as HTMLElement).tabIndex >= 0 && !(el as HTMLButtonElement).disabled) {
      return el.matches('a[href],button,input,select,textarea,summary,[tabindex],[contenteditable="true"]');
    }
    return false;
  };

  const ownerRole = (el: Element): string | null => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const r = roleOf(p);
      if (r && r !== 'generic' && r !== 'none' && r !== 'presentation') return r;
    }
    return null;
  };

  const all = [root, ...root.querySelectorAll('*')];
  for (const el of all) {
    if (!(el instanceof HTMLElement || el instanceof SVGElement)) continue;
    const role = roleOf(el);
    const explicit = el.getAttribute('role');
    const hiddenFromAt = Boolean(el.closest('[aria-hidden="true"]')) || !el.getClientRects().length;
    if (explicit !== null) {
      for (const r of explicit.trim().split(/\s+/)) if (r && !VALID_ROLES.has(r)) fail('aria-roles', 'critical', el, `role="${r}" is not an ARIA role`);
    }
    // aria-* attributes: known, right type, allowed for the role, ids that exist
    for (const a of el.getAttributeNames()) {
      if (!a.startsWith('aria-')) continue;
      const name = a.slice(5);
      const value = el.getAttribute(a) ?? '';
      if (!GLOBAL_ARIA.has(name) && !ROLE_ARIA[name]) {
        fail('aria-valid-attr', 'critical', el, `${a} is not an ARIA attribute`);
        continue;
      }
      const check = VALUES[name];
      if (check && !check(value.trim())) fail('aria-valid-attr-value', 'critical', el, `${a}="${value}" is not a valid value`);
      if (IDREFS.has(name) && value.trim()) {
        const ids = value.trim().split(/\s+/);
        const missing = ids.filter((id) => !document.getElementById(id));
        // aria-controls may name what a collapsed control or an unselected tab would show
        const latent = name === 'controls' && (el.getAttribute('aria-expanded') === 'false' || el.getAttribute('aria-selected') === 'false');
        if (missing.length === ids.length && !latent) {
          fail('aria-valid-attr-value', 'critical', el, `${a} names ${missing.map((m) => `#${m}`).join(' ')}, which ${missing.length > 1 ? 'do' : 'does'} not exist`);
        }
      }
      const roles = ROLE_ARIA[name];
      if (roles && !GLOBAL_ARIA.has(name) && !(role && roles.includes(role))) {
        fail('aria-allowed-attr', 'critical', el, `${a} is not allowed on role ${role ?? 'none'}`);
      }
      if ((name === 'label' || name === 'labelledby') && role && NO_NAME_ROLES.has(role) && !explicit) {
        fail('aria-prohibited-attr', 'serious', el, `${a} on a ${el.tagName.toLowerCase()} (role ${role}, which cannot be named)`);
      }
    }
    if (role && REQUIRED[role] && !(NATIVE_SATISFIES[role]?.(el) ?? false)) {
      for (const r of REQUIRED[role]!) if (!el.hasAttribute(`aria-${r}`)) fail('aria-required-attr', 'critical', el, `role ${role} needs aria-${r}`);
    }
    if (role && PARENTS[role] && (explicit !== null || role === 'tab')) {
      const owner = ownerRole(el);
      if (!owner || !PARENTS[role]!.includes(owner)) fail('aria-required-parent', 'critical', el, `role ${role} must be inside ${PARENTS[role]!.join(' or ')} (is in ${owner ?? 'nothing'})`);
    }
    if (explicit === 'tablist') {
      for (const c of el.querySelectorAll(':scope > *')) if (roleOf(c) !== 'tab' && !c.closest('[aria-hidden="true"]')) fail('aria-required-children', 'critical', el, `a tablist holds ${describe(c)}, not a tab`);
    }
    // names
    const need = role ? NEEDS_NAME[role] : undefined;
    if (need && !hiddenFromAt && !(el instanceof HTMLInputElement && el.type === 'hidden')) {
      const svgNoRole = el.namespaceURI === SVG_NS && explicit === null;
      if (!svgNoRole && !nameOf(el, NAME_FROM_CONTENT.has(role!))) fail(need[1], need[0], el, `a ${role} without an accessible name`);
    }
    if (el.tagName === 'IMG' && !el.hasAttribute('alt') && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby')) fail('image-alt', 'critical', el, 'an image without alt');
    // nothing focusable hidden from assistive technology
    if (el.closest('[aria-hidden="true"]') && focusable(el) && el.getClientRects().length) fail('aria-hidden-focus', 'serious', el, 'focusable inside aria-hidden="true"');
    // interactive inside interactive
    if (role && INTERACTIVE.has(role) && role !== 'option' && focusable(el)) {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const pr = roleOf(p);
        if (pr && ['button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'option', 'menuitem'].includes(pr) && !(p instanceof HTMLLabelElement)) {
          fail('nested-interactive', 'serious', p, `holds the interactive ${describe(el)}`);
          break;
        }
      }
    }
    // lists
    if ((el.tagName === 'UL' || el.tagName === 'OL') && explicit === null) {
      for (const c of el.children) if (!['LI', 'SCRIPT', 'TEMPLATE'].includes(c.tagName) && c.getAttribute('role') !== 'listitem') fail('list', 'serious', el, `holds ${describe(c)}, not li`);
    }
    if (el.tagName === 'LI' && explicit === null && !['UL', 'OL', 'MENU'].includes(el.parentElement?.tagName ?? '') && el.parentElement?.getAttribute('role') !== 'list') {
      fail('listitem', 'serious', el, 'an li outside a list');
    }
    if (el.tagName === 'DL') {
      for (const c of el.children) if (!['DT', 'DD', 'DIV', 'SCRIPT', 'TEMPLATE'].includes(c.tagName)) fail('definition-list', 'serious', el, `holds ${describe(c)}`);
    }
    if ((el.tagName === 'DT' || el.tagName === 'DD') && !el.closest('dl')) fail('dlitem', 'serious', el, `a ${el.tagName.toLowerCase()} outside a dl`);
    // a scrolling region the keyboard can reach
    if (el instanceof HTMLElement && !hiddenFromAt) {
      const cs = getComputedStyle(el);
      const scrolls = (/(auto|scroll)/.test(cs.overflowY) && el.scrollHeight > el.clientHeight + 1) || (/(auto|scroll)/.test(cs.overflowX) && el.scrollWidth > el.clientWidth + 1);
      if (scrolls && el.tagName !== 'TEXTAREA' && el.tagName !== 'SELECT' && el !== document.body && !focusable(el) && ![...el.querySelectorAll('*')].some(focusable)) {
        fail('scrollable-region-focusable', 'serious', el, 'scrolls, and the keyboard cannot reach it');
      }
    }
  }

  // the document
  const ids = new Map<string, Element[]>();
  for (const el of document.querySelectorAll('[id]')) {
    const list = ids.get(el.id) ?? [];
    list.push(el);
    ids.set(el.id, list);
  }
  for (const [id, list] of ids) if (list.length > 1) fail('duplicate-id', 'critical', list[1]!, `id "${id}" is used ${list.length} times`);
  if (!document.documentElement.getAttribute('lang')) fail('html-has-lang', 'serious', document.documentElement, 'no lang attribute');
  if (!document.title.trim()) fail('document-title', 'serious', document.documentElement, 'no title');

  return { violations, textsChecked, lowest, undetermined };
}
