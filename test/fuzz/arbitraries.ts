// Hostile input generators: texts built from the tokens that matter to each parser (so that the
// generator reaches deep paths quickly), mixed with arbitrary Unicode and control characters.
import fc from 'fast-check';
import { stringify } from 'yaml';

const anyText = fc.string({ unit: 'binary', maxLength: 6 });

const YAML_TOKENS = [
  'name: ', 'id: ', 'born: ', 'died: ', 'from: ', 'until: ', 'date: ', 'aliases: ', 'kind: ', 'relations: ', 'image: ',
  'calendar: ', 'eras: ', 'before: ', 'offset: ', 'title: ', 'entries:', 'lore: ', '- ', '  ', '    ', '\n', '\r\n', '\r',
  '&a ', '&b ', '*a', '*b', '<<: ', '<<: *a', '{', '}', '[', ']', ', ', ': ', ':', '"', "'", '# c', '|', '|2', '>', '>-',
  '!!js/function ', '!!binary ', '!!str ', '!x ', '~', 'null', 'true', '2399', '-44', '19 BBY', 'BBY 19', '2399-13-45',
  '2399-02-29', '1e999', '0x1F', 'Data', 'Picard', '---\n', '...\n', '%YAML 1.2\n', '\t', 'é', '😀', '\ufeff', '?', '@',
  '`', '\u0000', '\u001b[2J', '\u2028', 'Data\n  born: 2338\n', '- name: X\n  id: x\n', '  - { name: BBY, before: true }\n',
];

/** Text that looks like YAML, broken in every way the tokens allow. */
export const yamlish = fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...YAML_TOKENS) }, { weight: 1, arbitrary: anyText }), { maxLength: 80 }).map((parts) => parts.join(''));

const dateValue = fc.oneof(
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.constantFrom('2399', '2399-03', '2399-03-14', '-44', '19 BBY', 'BBY 19', 'TA 3019', '3019-03-15 TA', '2399-13-45', 'soon', '', ' '),
  fc.double(),
  fc.string({ maxLength: 12 }),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);

const nameValue = fc.oneof(fc.string({ maxLength: 16 }), fc.constantFrom('', ' ', 'Data', 'Jean-Luc Picard', 'Padmé', '---'), fc.constant(null), fc.integer(), fc.array(fc.string(), { maxLength: 2 }));

const alias = fc.oneof(fc.string({ maxLength: 12 }), fc.record({ name: nameValue, from: dateValue, until: dateValue }, { requiredKeys: [] }), fc.integer(), fc.constant(null));

/** A lore entry with every field of SPEC §1 possibly present, possibly of the wrong type. */
export const loreEntry = fc.record(
  {
    name: nameValue,
    id: fc.oneof(fc.string({ maxLength: 8 }), fc.constant(''), fc.constant(null), fc.integer()),
    kind: fc.oneof(fc.constantFrom('character', 'place', 'ship', 'event', 'organization', 'item'), fc.string({ maxLength: 6 }), fc.integer()),
    aliases: fc.oneof(fc.array(alias, { maxLength: 4 }), alias),
    born: dateValue,
    died: dateValue,
    from: dateValue,
    until: dateValue,
    date: dateValue,
    summary: fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.constant(null)),
    image: fc.oneof(fc.constantFrom('p.png', '../../../etc/passwd', 'https://tracker.example/p.png', 'data:image/png;base64,AA', ''), fc.string({ maxLength: 8 })),
    relations: fc.oneof(fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 6 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }), fc.integer())), fc.string(), fc.constant(null)),
    rank: fc.oneof(fc.string({ maxLength: 8 }), fc.array(fc.record({ value: fc.string({ maxLength: 8 }), from: dateValue, until: dateValue }, { requiredKeys: [] }), { maxLength: 3 })),
    extra: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: [] },
);

export const calendarValue = fc.oneof(
  fc.record(
    {
      eras: fc.oneof(
        fc.array(
          fc.oneof(
            fc.record({ name: nameValue, aliases: fc.oneof(fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }), fc.string({ maxLength: 6 })), offset: fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), fc.double()), before: fc.oneof(fc.boolean(), fc.string({ maxLength: 4 })), colour: fc.string({ maxLength: 3 }) }, { requiredKeys: [] }),
            fc.constantFrom('BBY', 'ABY', 'TA', '', 'B.B.Y.', '(*+?', '\\'),
          ),
          { maxLength: 4 },
        ),
        fc.string({ maxLength: 5 }),
      ),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A lore file's text: entries written as YAML by a library (valid), or the same text mutated. */
export const loreFileText = fc.oneof(
  fc.array(loreEntry, { maxLength: 5 }).map((entries) => stringify(entries, { lineWidth: 0 })),
  fc.record({ entries: fc.array(loreEntry, { maxLength: 4 }) }).map((file) => stringify(file, { lineWidth: 0 })),
  loreEntry.map((entry) => stringify(entry, { lineWidth: 0 })),
  fc.record({ title: fc.oneof(fc.string({ maxLength: 10 }), fc.integer()), calendar: calendarValue }, { requiredKeys: [] }).map((s) => stringify(s, { lineWidth: 0 })),
  fc.tuple(fc.array(loreEntry, { maxLength: 3 }).map((entries) => stringify(entries, { lineWidth: 0 })), fc.nat(), yamlish).map(([text, at, noise]) => {
    const cut = text.length === 0 ? 0 : at % text.length;
    return text.slice(0, cut) + noise + text.slice(cut);
  }),
  yamlish,
);

const PROSE_TOKENS = [
  '<!-- ', ' -->', '<!--', '-->', 'when: ', 'mode: ', 'date: ', 'dream', 'memory', 'daydream', ', ', 'pov: Data',
  'lorekeeper-disable ', 'lorekeeper-enable ', 'lorekeeper-disable-next-line ', 'lorekeeper-disable-line ', 'dead-character', 'wrong-age',
  '](', ')', '[', ']', '(', '`', '``', '```\n', '~~~\n', '---\n', '...\n', '# ', '## ', '===\n', '\n', '\n\n', '\r\n', '\r', ' ', '  ',
  'Data', 'Picard', "Picard's", 'Picard’s', 'Jean-Luc Picard', 'Admiral Picard', 'Captain Picard', 'Jurrati', 'Hugh', 'Rios', 'Romulus',
  'the Enterprise-D', 'the attack on Mars', 'The attack on Mars', 'in 2387', 'the 2385 attack on Mars', '(2387)', 'the 80-year-old ',
  'eighty-year-old ', ', 80,', ' was 80 years old', ' (94)', '"', '“', '”', "'", '«', '»', '— ', 'said', 'walked in', 'smiled.', ' had ',
  '2399', '2399-03-14', '19 BBY', '2399-13-45', '<b>', '</b>', '<https://x>', '{a: 1}', 'twenty years after ', ', five years ago',
  'DATA', 'data', 'Padme', '\t', 'é', '\u0301', '😀', '\ufeff', '\u2028', '\u0000', '\u001b[2J', '.', '!', '?',
];

/** Manuscript text: markup, markers, suppressions, canon names and ages, in any order. */
export const manuscriptText = fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PROSE_TOKENS) }, { weight: 1, arbitrary: anyText }), { maxLength: 120 }).map((parts) => parts.join(''));

/**
 * Lore files whose entries share values: the YAML library writes a shared value once with an
 * anchor (`&a1`) and then as aliases (`*a1`), so the parser's alias handling is exercised at scale.
 */
export const sharedValues = fc.array(fc.oneof(fc.array(alias, { minLength: 1, maxLength: 3 }), fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.string({ maxLength: 5 }), { minKeys: 1, maxKeys: 3 })), { minLength: 1, maxLength: 4 });

export function withShared(entries: Array<Record<string, unknown>>, shared: unknown[]): Array<Record<string, unknown>> {
  return entries.map((entry, i) => ({ ...entry, [i % 2 === 0 ? 'aliases' : 'relations']: shared[i % shared.length], extra: shared[(i * 7) % shared.length] }));
}
