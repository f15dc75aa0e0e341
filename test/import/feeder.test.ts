// The export feeder hands <text> content past the XML parser: it must read exactly what the
// parser would, whatever the chunk boundaries, and leave everything unusual to the parser.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SaxesParser } from 'saxes';
import { ExportFeeder } from '../../src/cli/import/exportFeeder';

/** Each element's name and text, as read through the feeder in chunks of `size` (or by saxes alone). */
function read(xml: string, size: number | 'saxes'): string[] {
  const parser = new SaxesParser({ position: false });
  const out: string[] = [];
  let current: string[] = [];
  parser.on('opentag', () => {
    current = [];
  });
  parser.on('text', (t) => current.push(t));
  parser.on('cdata', (t) => current.push(t));
  parser.on('closetag', (tag) => {
    out.push(`${tag.name}=${current.join('')}`);
    current = [];
  });
  parser.on('error', (e) => {
    throw e;
  });
  if (size === 'saxes') parser.write(xml);
  else {
    const feeder = new ExportFeeder(parser, (t) => current.push(t));
    for (let i = 0; i < xml.length; i += size) feeder.write(xml.slice(i, i + size));
    feeder.end();
  }
  parser.close();
  return out;
}

test('feeder: the same elements and texts as the XML parser alone, at every chunk size', () => {
  for (const name of ['memory-alpha', 'wookieepedia', 'harry-potter']) {
    const xml = readFileSync(`test/fixtures/import/${name}.xml`, 'utf8');
    const expected = read(xml, 'saxes');
    for (const size of [1, 2, 5, 6, 7, 13, 64, 1000, xml.length]) assert.deepEqual(read(xml, size), expected, `${name} in chunks of ${size}`);
  }
});

test('feeder: entities, CRLF, empty and self-closed texts, CDATA and look-alike tags read as XML says', () => {
  const xml = '<mediawiki><page><text>a &amp;lt;b&amp;gt; &#233;&#x1F600; &quot;q&quot;\r\nline</text><text/><text></text><textual>x</textual><text><![CDATA[<raw> & stuff]]></text></page></mediawiki>';
  const expected = read(xml, 'saxes');
  assert.deepEqual(expected, ['text=a &lt;b&gt; é😀 "q"\nline', 'text=', 'text=', 'textual=x', 'text=<raw> & stuff', 'page=', 'mediawiki=']);
  for (const size of [1, 3, 8, xml.length]) assert.deepEqual(read(xml, size), expected, `chunks of ${size}`);
});

test('feeder: broken XML inside a text is still refused by the parser', () => {
  for (const bad of ['<mediawiki><text>a < b</text></mediawiki>', '<mediawiki><text>AT&T</text></mediawiki>', '<mediawiki><text>&bogus;</text></mediawiki>', '<mediawiki><text>cut off']) {
    assert.throws(() => read(bad, 4), Error, bad);
    assert.throws(() => read(bad, 'saxes'), Error, bad);
  }
});
