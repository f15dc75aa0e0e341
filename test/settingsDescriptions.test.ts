// Every check code has a description in the Settings UI, and the walkthrough's import step runs the
// import command (issue 11's audit).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CODES } from '../src/core/codes';

interface Property { markdownDescription?: string; description?: string; enumDescriptions?: string[]; enum?: string[]; properties?: Record<string, Property> }
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Property> } | Array<{ properties: Record<string, Property> }>; walkthroughs: Array<{ steps: Array<{ id: string; description: string; completionEvents?: string[] }> }> };
};
const configurations = Array.isArray(manifest.contributes.configuration) ? manifest.contributes.configuration : [manifest.contributes.configuration];
const settings: Record<string, Property> = Object.assign({}, ...configurations.map((c) => c.properties));

test('settings: every manuscript check code, and lore-*, has a description and a description of each severity', () => {
  const checks = settings['lorekeeper.checks'].properties ?? {};
  const wanted = [...CODES.filter((c) => !c.code.startsWith('lore-')).map((c) => c.code), 'lore-*'];
  for (const code of wanted) {
    const property = checks[code];
    assert.ok(property, `lorekeeper.checks has ${code}`);
    assert.ok((property.markdownDescription ?? property.description ?? '').length > 20, `${code} is described`);
    assert.equal(property.enumDescriptions?.length, property.enum?.length, `each severity of ${code} is described`);
  }
  // Near miss: no setting for a code that does not exist.
  for (const code of Object.keys(checks)) assert.ok(code === 'lore-*' || CODES.some((c) => c.code === code), `${code} is a check code`);
});

test('walkthrough: the import step runs Import Canon from Wiki Export', () => {
  const step = manifest.contributes.walkthroughs[0].steps.find((s) => s.id === 'importWiki')!;
  assert.match(step.description, /\(command:lorekeeper\.importCanon\)/);
  assert.deepEqual(step.completionEvents, ['onCommand:lorekeeper.importCanon']);
});
