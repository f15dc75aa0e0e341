// The lore cache's key for a file's bytes: the same bytes always give the same key, wherever they
// sit in memory, and any change of the bytes changes it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bytesHash } from '../src/core/lore/load';

test('bytesHash: the same bytes give the same key at any offset, a Buffer or not, ASCII or UTF-8', () => {
  const text = '- name: Château Picard\n  aliases: [La Barre vineyard, 葡萄园]\n  summary: The family vineyard 🍷.\n';
  const bytes = new TextEncoder().encode(text);
  const key = bytesHash(bytes);
  for (let offset = 0; offset < 4; offset++) {
    const padded = Buffer.alloc(bytes.length + offset);
    padded.set(bytes, offset);
    assert.equal(bytesHash(padded.subarray(offset)), key, `a Buffer at offset ${offset}`);
    const plain = new Uint8Array(bytes.length + offset);
    plain.set(bytes, offset);
    assert.equal(bytesHash(plain.subarray(offset)), key, `a Uint8Array at offset ${offset}`);
  }
  // Pinned: the values of the build before words were read signed, which was to change no key.
  assert.equal(key, 'b1e4a94e4f56441f');
  assert.equal(bytesHash(new TextEncoder().encode('- name: Data\n')), 'e1f4461ffcf292f4');
});

test('bytesHash: one byte changed anywhere, or one more byte, changes the key', () => {
  const bytes = new TextEncoder().encode('- name: Data\n  born: 2338\n  died: 2379\n');
  const key = bytesHash(bytes);
  for (let i = 0; i < bytes.length; i++) {
    const changed = bytes.slice();
    changed[i] ^= 0x80;
    assert.notEqual(bytesHash(changed), key, `byte ${i}`);
  }
  const longer = new Uint8Array(bytes.length + 1);
  longer.set(bytes);
  assert.notEqual(bytesHash(longer), key);
});
