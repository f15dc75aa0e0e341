// A small YAML writer for imported entries: strings, lists of strings and one level of mappings.
// The `yaml` package's stringify is general but cost ~0.2 ms an entry (10 s for 50,000); this
// writes the same block style directly. Anything that could read back as another type or
// break the syntax is double-quoted (a JSON string is a valid YAML double-quoted scalar).
type Value = string | string[] | { [key: string]: Value } | undefined;

const PLAIN = /^[\p{L}][\p{L}\p{M}\p{N} .,'’()/&+\-–—]*$/u;
const KEYWORDS = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;

export function scalar(text: string): string {
  return PLAIN.test(text) && !KEYWORDS.test(text) && !text.endsWith(' ') && !text.endsWith(':') ? text : JSON.stringify(text);
}

function write(out: string[], value: Value, indent: string): void {
  if (value === undefined) return;
  if (typeof value === 'string') {
    out.push(` ${scalar(value)}\n`);
  } else if (Array.isArray(value)) {
    out.push('\n');
    for (const item of value) out.push(`${indent}  - ${scalar(item)}\n`);
  } else {
    out.push('\n');
    for (const [key, inner] of Object.entries(value)) {
      if (inner === undefined) continue;
      out.push(`${indent}  ${scalar(key)}:`);
      write(out, inner, `${indent}  `);
    }
  }
}

/** A list of entry mappings as a YAML document. */
export function entriesYaml(entries: Array<Record<string, Value>>): string {
  const out: string[] = [];
  for (const entry of entries) {
    let first = true;
    for (const [key, value] of Object.entries(entry)) {
      if (value === undefined) continue;
      out.push(first ? `- ${scalar(key)}:` : `  ${scalar(key)}:`);
      write(out, value, '  ');
      first = false;
    }
  }
  return out.join('');
}
