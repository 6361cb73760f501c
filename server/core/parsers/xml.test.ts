import { describe, expect, it } from 'vitest';
import { child, childrenNamed, decodeEntities, parseXml } from './xml';

describe('parseXml', () => {
  it('reads elements, both quote styles, self-closing tags and text; skips comments and the prolog', () => {
    const { root, error } = parseXml(
      `<?xml version="1.0"?>\n<!-- made by hand -->\n<domain type='kvm' id="3">\n  <name>web &amp; db</name>\n  <devices><interface type='bridge'><mac address='52:54:00:AA:00:01'/></interface><interface type="network"/></devices>\n</domain>\n`,
    );
    expect(error).toBeUndefined();
    expect(root?.attrs).toEqual({ type: 'kvm', id: '3' });
    expect(child(root, 'name')?.text).toBe('web & db');
    const nics = childrenNamed(child(root, 'devices'), 'interface');
    expect(nics.map((n) => n.attrs.type)).toEqual(['bridge', 'network']);
    expect(child(nics[0], 'mac')?.attrs.address).toBe('52:54:00:AA:00:01');
  });

  it('keeps namespace prefixes in names and reads CDATA as text', () => {
    const { root } = parseXml(
      '<domain><metadata><nova:instance xmlns:nova="http://openstack.org/xmlns/libvirt/nova/1.1"><nova:name><![CDATA[a <b>]]></nova:name></nova:instance></metadata></domain>',
    );
    expect(child(child(child(root, 'metadata'), 'nova:instance'), 'nova:name')?.text).toBe('a <b>');
  });

  it('accepts a root that is a single self-closing element', () => {
    expect(parseXml("<node a='1'/>").root).toMatchObject({ name: 'node', attrs: { a: '1' }, children: [] });
  });

  it('says what is not well formed instead of guessing', () => {
    expect(parseXml('<a><b></a>').error).toBe('unexpected </a>');
    expect(parseXml('<a><b>').error).toBe('<b> is not closed');
    expect(parseXml('<a/><b/>').error).toBe('a second root element <b>');
    expect(parseXml('error: failed to get domain').error).toBe('no element');
  });
});

describe('decodeEntities', () => {
  it('decodes the five named entities and numeric references, and leaves unknown ones', () => {
    expect(decodeEntities('&lt;&gt;&amp;&quot;&apos; &#65;&#x42; &nbsp;')).toBe(`<>&"' AB &nbsp;`);
  });
});
