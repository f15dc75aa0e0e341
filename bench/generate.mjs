// Deterministic synthetic corpus for the benchmark: a lore base of invented entries and a
// manuscript of Markdown chapters that mention them in every form SPEC §2 describes, with
// contradictions planted on purpose (and near-misses that must stay silent).
//
//   node bench/generate.mjs --entries 10000 --words 1000000 --chapters 200 --seed 1 --out DIR
//
// The same seed and entry count always give the same lore, whatever the number of words, so
// corpora of different sizes share their lore. Chapters are seeded by their index.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const GENERATOR_VERSION = 3;

/** mulberry32: a small, fast, seeded PRNG. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = (s) => s.trim().split(/\s+/);

// Filler vocabulary: ordinary English, none of it a name.
const NOUNS = words(`
  window door table garden river field road wall stair corridor lantern letter map chair bench
  harbour bridge tower gate hill valley forest orchard vineyard kitchen courtyard archive library
  console screen hull deck bulkhead engine cargo crate basket shelf mirror candle fire storm rain
  wind snow light shadow evening morning night dawn dusk silence voice question answer promise
  memory journey council meeting message signal report ledger coat cloak blade rope lamp stone
`);
const ADJECTIVES = words(`
  old quiet narrow broken distant cold warm bright dark heavy empty silent long small wide grey
  golden pale careful patient restless weary gentle sharp faint strange familiar ancient new low
  high open closed dusty worn bitter sweet green blue red brown hollow steady uneven
`);
const VERBS = words(`
  walked turned waited stopped paused smiled nodded frowned listened looked stepped moved climbed
  crossed leaned knelt stood sat lingered hurried returned wandered
`);
const OBJECT_VERBS = words(`mourned remembered watched followed thanked ignored greeted studied admired envied`);
const PARTICIPLES = words(`tended guarded studied kept mapped repaired carried served hidden built`);
const THING_VERBS = words(`lay rested hung stood waited shone flickered gleamed faded leaned`);
const PREPOSITIONS = words(`to toward across along beside near behind past through into`);
const ADVERBS = words(`slowly quietly again carefully briefly gently still suddenly`);
const OPENERS = words(`The The The A Beyond Outside Somewhere Later Above Below`);
const PRONOUNS = words(`She He They She He`);
const LINES = [
  'we should not stay here', 'the road will be closed by morning', 'nobody asked for this',
  'there is still time', 'I told you it would rain', 'the council will not listen',
  'you are late again', 'bring the lantern', 'it is colder than it looks', 'we have done this before',
];
const TITLES = words(`Captain Admiral Commander Doctor Lady Lord Master Elder Ambassador Professor Sergeant Councillor`);
const EVENT_NOUNS = words(`Siege Fall Battle Burning Treaty Sack Exodus Uprising Massacre Accord Rebellion Flood Plague Schism`);
const SPECIES = words(`Human Taleri Vossan Ketharan Mireli Human Human Oru`);
const RANKS = words(`captain admiral ensign pilot scholar envoy smuggler healer engineer archivist`);

const ONSETS = words(`b br c d dr f g gr h j k kr l m n p r s sh t th tr v vr z zh st ch q`);
const VOWELS = words(`a e i o u a e o ae ai ei ia ou y`);
const CODAS = ['', '', '', '', 'n', 'r', 'l', 's', 'th', 'k', 'x', 'm', 'nd', 'rn', 'ss', 'v', 'sh', 'rd', 'lt'];
const FILLER_WORDS = new Set(
  [...NOUNS, ...ADJECTIVES, ...VERBS, ...OBJECT_VERBS, ...PARTICIPLES, ...THING_VERBS, ...PREPOSITIONS, ...ADVERBS, ...TITLES, ...EVENT_NOUNS]
    .map((w) => w.toLowerCase()),
);

const pick = (rng, list) => list[Math.floor(rng() * list.length)];
const int = (rng, lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
const capital = (s) => s[0].toUpperCase() + s.slice(1);

const UNITS = words('zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen');
const TENS = words('_ _ twenty thirty forty fifty sixty seventy eighty ninety');
function numberWords(n) {
  if (n < 20) return UNITS[n];
  if (n < 100) return TENS[Math.floor(n / 10)] + (n % 10 ? `-${UNITS[n % 10]}` : '');
  return String(n);
}

/** SPEC §1 default id: accents folded, lower-cased, runs of non-alphanumerics one `-`. */
export function defaultId(name) {
  return name.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
}

function nameFactory(rng) {
  const used = new Set();
  const syllable = (withCoda) => pick(rng, ONSETS) + pick(rng, VOWELS) + (withCoda ? pick(rng, CODAS) : '');
  return function fresh(min = 4) {
    for (;;) {
      const n = rng() < 0.6 ? 2 : 3;
      let w = '';
      for (let i = 0; i < n; i++) w += syllable(i === n - 1 || rng() < 0.25);
      if (w.length < min || w.length > 11 || /(.)\1\1/.test(w)) continue;
      w = capital(w);
      const key = w.toLowerCase();
      if (used.has(key) || FILLER_WORDS.has(key)) continue;
      used.add(key);
      return w;
    }
  };
}

function accent(rng, word) {
  if (rng() >= 0.03) return word;
  const i = word.slice(1).search(/[ae]/);
  if (i < 0) return word;
  const at = i + 1;
  return word.slice(0, at) + (word[at] === 'a' ? 'á' : 'é') + word.slice(at + 1);
}

function year(rng, lo, hi, fullDateShare = 0.1) {
  const y = int(rng, lo, hi);
  if (rng() >= fullDateShare) return { year: y, text: String(y) };
  const m = int(rng, 1, 12);
  const d = int(rng, 1, 28);
  return { year: y, text: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/** The lore: `entries` entries of five kinds, each with a canonical name and two aliases. */
export function makeLore(seed, entries) {
  const rng = mulberry32(seed);
  const fresh = nameFactory(rng);
  const firstNames = Array.from({ length: Math.max(50, Math.round(entries / 5)) }, () => fresh(3));
  const orgNames = [];
  const list = [];
  const characters = [];
  for (let k = 0; k < entries; k++) {
    const r = rng();
    const kind = r < 0.5 ? 'character' : r < 0.65 ? 'place' : r < 0.8 ? 'ship' : r < 0.92 ? 'event' : 'organization';
    const word = accent(rng, fresh(5));
    const e = { kind, word, fields: [] };
    if (kind === 'character') {
      if (rng() < 0.75) {
        e.name = `${pick(rng, firstNames)} ${word}`;
        e.aliases = [word, `${pick(rng, TITLES)} ${word}`];
      } else {
        e.name = word;
        e.aliases = [`${pick(rng, TITLES)} ${word}`, `${word} the ${rng() < 0.5 ? 'Younger' : 'Elder'}`];
      }
      e.born = year(rng, 2180, 2440);
      if (rng() < 0.55) {
        e.died = year(rng, e.born.year + 20, e.born.year + 110, 0.05);
        e.death = `Fell during the ${pick(rng, EVENT_NOUNS).toLowerCase()} at ${fresh(5)}`;
      }
      e.fields.push(['species', pick(rng, SPECIES)], ['rank', pick(rng, RANKS)]);
      if (orgNames.length > 0) e.fields.push(['affiliation', pick(rng, orgNames)]);
      if (characters.length > 0 && rng() < 0.2) e.relations = { sibling: defaultId(pick(rng, characters).name) };
      characters.push(e);
    } else if (kind === 'place') {
      e.name = word;
      e.aliases = [`${word} Prime`, `the ${word} Reach`];
      e.from = year(rng, 1800, 2350, 0);
      if (rng() < 0.25) e.until = year(rng, Math.max(e.from.year + 10, 2250), 2480, 0);
    } else if (kind === 'ship') {
      e.name = word;
      e.aliases = [`SS ${word}`, `${word}-A`];
      e.from = year(rng, 2200, 2440, 0.1);
      if (rng() < 0.4) e.until = year(rng, e.from.year + 5, e.from.year + 80, 0.1);
      if (orgNames.length > 0) e.fields.push(['affiliation', pick(rng, orgNames)]);
    } else if (kind === 'event') {
      const noun = pick(rng, EVENT_NOUNS);
      e.name = rng() < 0.15 ? `the attack on ${word}` : `the ${noun} of ${word}`;
      let other = pick(rng, EVENT_NOUNS);
      if (other === noun) other = EVENT_NOUNS[(EVENT_NOUNS.indexOf(noun) + 1) % EVENT_NOUNS.length];
      e.aliases = [`the ${word} ${noun}`, `the ${other} at ${word}`];
      if (rng() < 0.1) {
        e.from = year(rng, 2200, 2440, 0);
        const end = e.from.year + int(rng, 1, 9);
        e.until = { year: end, text: String(end) };
      } else e.date = year(rng, 2200, 2445, 0.15);
    } else {
      const form = rng();
      e.name = form < 0.4 ? `the Order of ${word}` : form < 0.7 ? `House ${word}` : `the ${word} Concord`;
      e.aliases = form < 0.4 ? [`${word} Order`, `the ${word} Brotherhood`] : form < 0.7 ? [`the House of ${word}`, `${word} Clan`] : [`${word} Concord`, `the ${word} Compact`];
      e.from = year(rng, 1900, 2400, 0);
      if (rng() < 0.2) e.until = year(rng, e.from.year + 10, 2490, 0);
      orgNames.push(e.name.replace(/^the /, 'The '));
    }
    e.id = defaultId(e.name);
    e.summary = `${capital(pick(rng, ADJECTIVES))} ${e.kind} of the ${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)}, remembered for the ${pick(rng, NOUNS)} and the ${pick(rng, NOUNS)}.`;
    e.source = `Chronicle, vol. ${int(rng, 1, 40)}`;
    e.forms = [e.name, ...e.aliases];
    list.push(e);
  }
  return { entries: list, nameWords: collectNameWords(list) };
}

function collectNameWords(list) {
  const set = new Set();
  for (const e of list) for (const form of e.forms) for (const w of form.match(/[\p{L}\p{N}]+/gu)) set.add(w);
  return set;
}

function entryYaml(e) {
  const lines = [`- name: ${e.name}`];
  if (e.kind !== 'character' || e.id.length % 3 === 0) lines.push(`  kind: ${e.kind}`);
  lines.push(`  aliases: [${e.aliases.join(', ')}]`);
  for (const key of ['born', 'died', 'from', 'until', 'date']) if (e[key]) lines.push(`  ${key}: ${e[key].text}`);
  if (e.death) lines.push(`  death: ${JSON.stringify(e.death)}`);
  for (const [key, value] of e.fields) lines.push(`  ${key}: ${value}`);
  if (e.relations) lines.push('  relations:', ...Object.entries(e.relations).map(([k, v]) => `    ${k}: ${v}`));
  lines.push(`  summary: ${JSON.stringify(e.summary)}`, `  source: ${JSON.stringify(e.source)}`);
  return lines.join('\n');
}

export function writeLore(lore, dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '_settings.yaml'), 'title: "The Synthetic Chronicle"\n');
  const files = [];
  for (let i = 0; i < lore.entries.length; i += 200) {
    const name = `book-${String(i / 200 + 1).padStart(3, '0')}.yaml`;
    const body = lore.entries.slice(i, i + 200).map(entryYaml).join('\n\n');
    writeFileSync(join(dir, name), `# Generated lore, entries ${i + 1}–${Math.min(i + 200, lore.entries.length)}\n${body}\n`);
    files.push(name);
  }
  return files;
}

const TOKEN = /[\p{L}\p{N}]+/gu;
function countTokens(s) {
  let n = 0;
  TOKEN.lastIndex = 0;
  while (TOKEN.exec(s) !== null) n++;
  return n;
}

/** One chapter of about `target` words. Returns the Markdown text and what was planted. */
export function makeChapter(lore, index, chapters, target, seed, stats) {
  const rng = mulberry32((seed * 1000003 + index * 7919) >>> 0);
  const curly = rng() < 0.5; // half the chapters are typographic, as a word processor writes them
  const [oq, cq, ap] = curly ? ['“', '”', '’'] : ['"', '"', "'"];
  const baseYear = 2300 + Math.floor((140 * index) / Math.max(1, chapters));
  const chars = lore.byKind.character;
  const out = [];
  let tokens = 0;
  let mentionTokens = 0;
  const emit = (text) => {
    out.push(text);
    tokens += countTokens(text);
  };
  const plant = (kind) => {
    stats.planted[kind] = (stats.planted[kind] ?? 0) + 1;
  };

  let scene = { year: baseYear, mode: undefined };
  const alive = (e, y) => e.born.year < y - 1 && y - e.born.year < 110 && (!e.died || e.died.year > y + 1);
  const exists = (e, y) => (!e.from || e.from.year < y - 1) && (!e.until || e.until.year > y + 1);
  const find = (list, ok) => {
    for (let t = 0; t < 200; t++) {
      const e = pick(rng, list);
      if (ok(e)) return e;
    }
    return undefined;
  };
  const form = (e, prefer) => {
    let f = prefer ?? (rng() < 0.4 ? e.name : pick(rng, e.aliases));
    if (e.word !== e.word.normalize('NFD').replace(/\p{M}+/gu, '') && rng() < 0.3) f = f.normalize('NFD').replace(/\p{M}+/gu, '');
    mentionTokens += countTokens(f.replace(/^the /, ''));
    return f;
  };
  const living = () => find(chars, (e) => alive(e, scene.year)) ?? chars[0];
  const filler = () => {
    const r = rng();
    if (r < 0.4) return `${pick(rng, OPENERS)} ${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)} ${pick(rng, THING_VERBS)} ${pick(rng, PREPOSITIONS)} the ${pick(rng, NOUNS)}, and the ${pick(rng, NOUNS)} ${pick(rng, THING_VERBS)} ${pick(rng, ADVERBS)}.`;
    if (r < 0.7) return `${pick(rng, PRONOUNS)} ${pick(rng, VERBS)} ${pick(rng, PREPOSITIONS)} the ${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)} and ${pick(rng, VERBS)} ${pick(rng, ADVERBS)} for a while.`;
    return `For a long time nobody spoke of the ${pick(rng, NOUNS)}, and the ${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)} ${pick(rng, THING_VERBS)} where it had always been.`;
  };
  const action = () => `${pick(rng, VERBS)} ${pick(rng, PREPOSITIONS)} the ${pick(rng, NOUNS)}`;
  const suspended = () => scene.mode !== undefined;

  /** A sentence that mentions canon names; sometimes a planted contradiction. */
  const mentionSentence = () => {
    const y = scene.year;
    const r = rng();
    if (r < 0.05 && !suspended()) {
      const dead = find(chars, (e) => e.died && e.died.year < y - 1);
      if (dead) {
        plant('dead-character');
        return `${form(dead)} ${action()}.`;
      }
    }
    if (r < 0.07 && suspended()) {
      const dead = find(chars, (e) => e.died && e.died.year < y - 1);
      if (dead) {
        plant('near-miss: dead character in a dream/memory');
        return `${form(dead)} ${action()}.`;
      }
    }
    if (r < 0.1) {
      const x = living();
      const z = find(chars, (e) => e !== x) ?? x;
      plant('near-miss: dead or alive, only in dialogue');
      return `${oq}${form(z)} would have loved this,${cq} ${form(x, x.aliases[0])} said.`;
    }
    if (r < 0.18) {
      const x = living();
      const line = capital(pick(rng, LINES));
      const a = rng();
      if (a < 0.33) return `${oq}${line},${cq} said ${form(x)}.`;
      if (a < 0.66) return `${form(x)} asked, ${oq}${line}?${cq}`;
      return `${oq}${line},${cq} ${form(x)} said ${pick(rng, ADVERBS)}.`;
    }
    if (r < 0.3) return `${form(living())} ${action()}.`;
    if (r < 0.36) {
      const x = living();
      const z = living();
      return `${form(x, x.aliases[0])} and ${form(z, z.aliases[0])} ${action()}.`;
    }
    if (r < 0.44) return `${pick(rng, PRONOUNS)} ${pick(rng, OBJECT_VERBS)} ${form(pick(rng, chars))} ${pick(rng, ADVERBS)}.`;
    if (r < 0.5) return `${form(pick(rng, chars))}${ap}s ${pick(rng, NOUNS)} ${pick(rng, THING_VERBS)} ${pick(rng, PREPOSITIONS)} the ${pick(rng, NOUNS)}.`;
    if (r < 0.55) return `${form(pick(rng, chars))} had ${pick(rng, PARTICIPLES)} the ${pick(rng, NOUNS)} for ${numberWords(int(rng, 2, 40))} years.`;
    if (r < 0.57) {
      const x = pick(rng, chars);
      plant('near-miss: plural of a name');
      return `The ${x.word}s had ${pick(rng, PARTICIPLES)} the ${pick(rng, NOUNS)} for generations.`;
    }
    if (r < 0.63) {
      const x = find(chars, (e) => alive(e, y) && y - e.born.year >= 12) ?? living();
      let age = y - x.born.year;
      if (rng() < 0.15) {
        age += pick(rng, [-12, -9, 8, 11]);
        plant('wrong-age');
      }
      if (age < 1) age = y - x.born.year;
      const a = rng();
      if (a < 0.4) return `The ${age}-year-old ${form(x)} ${action()}.`;
      if (a < 0.6) return `The ${numberWords(age)}-year-old ${form(x)} ${action()}.`;
      return `${form(x, x.aliases[0])}, ${age}, ${action()}.`;
    }
    if (r < 0.69) {
      const ev = find(lore.byKind.event, (e) => e.date);
      let stated = ev.date.year;
      if (rng() < 0.15) {
        stated += pick(rng, [-3, 2, 5]);
        plant('wrong-date');
      }
      const a = rng();
      if (a < 0.5) return `${pick(rng, PRONOUNS)} still remembered ${form(ev, ev.name)} in ${stated}.`;
      if (a < 0.8) return `Nobody spoke of the ${stated} ${form(ev, ev.name).replace(/^the /, '')} anymore.`;
      return `${capital(form(ev, ev.name))} (${stated}) was never mentioned at the ${pick(rng, NOUNS)}.`;
    }
    if (r < 0.74) {
      const ev = find(lore.byKind.event, (e) => e.date && e.date.year < y - 2);
      if (ev) {
        let n = y - ev.date.year;
        if (rng() < 0.15) {
          n += pick(rng, [-6, 5, 9]);
          plant('wrong-elapsed-time');
        }
        const a = rng();
        if (a < 0.5) return `It had been ${numberWords(n)} years since ${form(ev, ev.name)}.`;
        if (a < 0.8) return `Now, ${n} years after ${form(ev, ev.name)}, the ${pick(rng, NOUNS)} ${pick(rng, THING_VERBS)} ${pick(rng, ADVERBS)}.`;
        return `${pick(rng, PRONOUNS)} thought of ${form(ev, ev.name)}, ${numberWords(n)} years ago.`;
      }
    }
    if (r < 0.78) {
      const x = find(chars, (e) => e.died);
      let stated = x.died.year;
      if (rng() < 0.15) {
        stated += pick(rng, [-4, 3, 6]);
        plant('wrong-date');
      }
      return `${form(x, x.aliases[0])}, who died in ${stated}, had ${pick(rng, PARTICIPLES)} the ${pick(rng, NOUNS)}.`;
    }
    if (r < 0.84) {
      const place = find(lore.byKind.place, (e) => exists(e, y));
      if (place) return `${pick(rng, PRONOUNS)} landed on ${form(place)} at ${pick(rng, ['dawn', 'dusk', 'night'])}.`;
    }
    if (r < 0.88) {
      const lost = suspended() ? undefined : rng() < 0.1 ? find(lore.byKind.ship, (e) => e.until && e.until.year < y - 1) : undefined;
      const ship = lost ?? find(lore.byKind.ship, (e) => exists(e, y));
      if (ship) {
        if (lost) plant('nonexistent-entity');
        return `${form(living(), undefined)} beamed aboard the ${form(ship)}.`;
      }
    }
    if (r < 0.92) return `Refugees from ${form(pick(rng, lore.byKind.place))} crowded the ${pick(rng, NOUNS)}.`;
    if (r < 0.95) return `${pick(rng, PRONOUNS)} wrote to ${form(pick(rng, lore.byKind.organization))} about the ${pick(rng, NOUNS)}.`;
    if (r < 0.97 && !suspended()) {
      const x = find(chars, (e) => alive(e, y) && e.word.length >= 6 && /^[A-Za-z]+$/.test(e.word));
      const typo = x && misspell(rng, x.word, lore.nameWords);
      if (typo) {
        plant('unknown-name');
        return `${typo} ${action()}.`;
      }
    }
    return `${form(living())} ${action()}.`;
  };

  const sceneCount = Math.max(1, Math.round(target / 1200));
  const sceneLength = target / sceneCount;
  const chapterDate = baseYear;
  emit(`---\ntitle: Chapter ${index + 1}\ndate: ${chapterDate}\n---\n\n# Chapter ${index + 1}\n\n`);
  for (let s = 0; s < sceneCount; s++) {
    const r = rng();
    if (s > 0 && r < 0.08) {
      scene = { year: scene.year, mode: 'dream' };
      emit(`<!-- mode: dream -->\n\n`);
    } else if (s > 0 && r < 0.14) {
      scene = { year: baseYear - int(rng, 15, 40), mode: 'memory' };
      emit(`<!-- when: ${scene.year}, mode: memory -->\n\n`);
    } else {
      scene = { year: baseYear + int(rng, 0, 2), mode: undefined };
      emit(`<!-- when: ${scene.year} -->\n\n`);
    }
    const heading = pick(rng, chars);
    emit(`## THE ${pick(rng, NOUNS).toUpperCase()} OF ${form(heading, heading.word).toUpperCase()}\n\n`);
    const end = Math.min(target, Math.round((s + 1) * sceneLength));
    while (tokens < end) {
      const p = rng();
      const sentences = [];
      const n = int(rng, 3, 6);
      for (let k = 0; k < n; k++) sentences.push(mentionTokens < tokens * 0.02 ? mentionSentence() : filler());
      if (p < 0.03) {
        const x = pick(rng, chars);
        emit(`<!-- TODO: check ${form(x)}${ap}s dates against the chronicle -->\n\n`);
      } else if (p < 0.05) {
        emit(`The console printed \`query --name ${pick(rng, chars).word}\` and went dark. ${sentences.join(' ')}\n\n`);
        continue;
      } else if (p < 0.055) {
        const x = pick(rng, chars);
        emit(`\`\`\`text\nLOG ${scene.year}: ${x.name} signed the manifest.\nLOG ${scene.year}: ${x.word} left the ${pick(rng, NOUNS)}.\n\`\`\`\n\n`);
      }
      emit(`${sentences.join(' ')}\n\n`);
    }
  }
  stats.tokens += tokens;
  stats.mentionTokens += mentionTokens;
  return out.join('');
}

function misspell(rng, word, known) {
  for (let t = 0; t < 10; t++) {
    const i = int(rng, 1, word.length - 2);
    const r = rng();
    let typo;
    if (r < 0.4) typo = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    else if (r < 0.7) typo = word.slice(0, i) + word.slice(i + 1);
    else typo = word.slice(0, i) + word[i] + word.slice(i);
    if (typo !== word && !known.has(typo) && !FILLER_WORDS.has(typo.toLowerCase())) return typo;
  }
  return undefined;
}

export function generate({ entries = 10000, words: total = 1_000_000, chapters = 200, seed = 1, outDir }) {
  const lore = makeLore(seed, entries);
  lore.byKind = { character: [], place: [], ship: [], event: [], organization: [] };
  for (const e of lore.entries) lore.byKind[e.kind].push(e);
  rmSync(outDir, { recursive: true, force: true });
  const loreFiles = writeLore(lore, join(outDir, 'lore'));
  const manuscripts = join(outDir, 'manuscripts');
  mkdirSync(manuscripts, { recursive: true });
  mkdirSync(join(outDir, 'empty'), { recursive: true });
  const stats = { tokens: 0, mentionTokens: 0, planted: {} };
  const perChapter = Math.round(total / chapters);
  for (let c = 0; c < chapters; c++) {
    const text = makeChapter(lore, c, chapters, perChapter, seed, stats);
    writeFileSync(join(manuscripts, `ch${String(c + 1).padStart(3, '0')}.md`), text);
  }
  const names = lore.entries.reduce((n, e) => n + e.forms.length, 0);
  const manifest = {
    generator: GENERATOR_VERSION,
    seed,
    entries,
    names,
    nameWords: lore.nameWords.size,
    loreFiles: loreFiles.length,
    chapters,
    targetWords: total,
    words: stats.tokens,
    mentionTokens: stats.mentionTokens,
    mentionShare: stats.mentionTokens / stats.tokens,
    planted: stats.planted,
  };
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(outDir, 'names.txt'), `${[...lore.nameWords].sort().join('\n')}\n`);
  return manifest;
}

// Run as a script (not imported, nor bundled into a test, where import.meta is empty).
if (/(^|[\\/])generate\.mjs$/.test(process.argv[1] ?? '')) {
  const arg = (flag, fallback) => {
    const i = process.argv.indexOf(flag);
    return i >= 0 ? process.argv[i + 1] : fallback;
  };
  const manifest = generate({
    entries: Number(arg('--entries', 10000)),
    words: Number(arg('--words', 1_000_000)),
    chapters: Number(arg('--chapters', 200)),
    seed: Number(arg('--seed', 1)),
    outDir: arg('--out', 'bench/.work/corpus'),
  });
  console.log(JSON.stringify(manifest, null, 2));
}
