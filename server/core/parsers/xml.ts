/**
 * A small, tolerant XML reader for the documents the collection reads (libvirt's `virsh dumpxml`):
 * elements, attributes, text and entities. Comments, processing instructions and a DOCTYPE are
 * skipped; namespaces are kept as part of the name (`nova:name`). No DTDs, no external entities.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside this element (CDATA included), entities decoded. */
  text: string;
}

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<!\[CDATA\[([\s\S]*?)\]\]>|<\/([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return NAMED[ref] ?? whole;
  });
}

function attributes(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of text.matchAll(ATTR)) attrs[m[1] ?? ''] = decodeEntities(m[2] ?? m[3] ?? '');
  return attrs;
}

/** The root element, or an error naming the first thing that is not well formed. */
export function parseXml(text: string): { root: XmlElement | null; error?: string } {
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let last = 0;
  const addText = (t: string) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  };
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    addText(decodeEntities(text.slice(last, at)));
    last = at + m[0].length;
    const [, cdata, close, open, attrText = '', selfClose] = m;
    if (cdata !== undefined) addText(cdata);
    else if (close !== undefined) {
      const top = stack.pop();
      if (top?.name !== close) return { root: null, error: `unexpected </${close}>` };
      if (stack.length === 0) root = top;
    } else if (open !== undefined) {
      const el: XmlElement = { name: open, attrs: attributes(attrText), children: [], text: '' };
      const parent = stack.at(-1);
      if (parent) parent.children.push(el);
      else if (root) return { root: null, error: `a second root element <${open}>` };
      else if (selfClose) root = el;
      if (!selfClose) stack.push(el);
    }
  }
  if (stack.length > 0) return { root: null, error: `<${stack.at(-1)?.name}> is not closed` };
  if (!root) return { root: null, error: 'no element' };
  return { root };
}

/** Child elements named `name`. */
export const childrenNamed = (el: XmlElement | null | undefined, name: string): XmlElement[] =>
  el ? el.children.filter((c) => c.name === name) : [];

/** The first child element named `name`. */
export const child = (el: XmlElement | null | undefined, name: string): XmlElement | undefined =>
  el?.children.find((c) => c.name === name);
