// Where, in a lore YAML file, the cursor stands on a `relations` target (`sister: so|`,
// `friend: [data, wi|]`, `- ri|` under a relation), so that entry ids can be offered there.

export interface RelationTarget {
  /** Offset where the id being typed starts. */
  start: number;
  /** What has been typed of it. */
  prefix: string;
}

export function relationTargetAt(text: string, offset: number): RelationTarget | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const id = /[\p{L}\p{N}_.-]*$/u.exec(before)!;
  const start = lineStart + id.index;
  const head = before.slice(0, id.index);

  // `relations: { sister: so|` or `relations: {sister: [a, b|` on one line.
  if (/^\s*(?:-\s+)?relations\s*:\s*\{[^}]*:\s*(?:\[[^\]]*?(?:,\s*)?|)$/.test(head)) return { start, prefix: id[0] };

  const lines = text.slice(0, lineStart).split('\n');
  lines.pop(); // the empty remainder after the last newline
  const item = /^(\s*)-\s+$/.exec(head) ?? /^(\s*)-\s+\[(?:[^\]]*,\s*)?$/.exec(head);
  if (item) {
    // `- ri|` in a block list: its parent is a relation key, whose parent is `relations:`.
    const relation = parentOf(lines, item[1].length, true);
    if (!relation || relation.value !== '') return undefined;
    const relations = parentOf(lines.slice(0, relation.index), relation.indent, false);
    return relations?.key === 'relations' ? { start, prefix: id[0] } : undefined;
  }
  const pair = /^(\s*(?:-\s+)?)([^\s:#][^:#]*?)\s*:\s+(?:\[(?:[^\]]*,)?\s*)?$/.exec(head);
  if (pair) {
    const relations = parentOf(lines, pair[1].length, false);
    return relations?.key === 'relations' ? { start, prefix: id[0] } : undefined;
  }
  return undefined;
}

interface KeyLine {
  index: number;
  indent: number;
  key: string;
  value: string;
}

/** The nearest line above holding a key less indented than `indent` (or as indented, for `- ` items). */
function parentOf(lines: string[], indent: number, sameIndentCounts: boolean): KeyLine | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].replace(/\r$/, '');
    if (/^\s*(#.*)?$/.test(line)) continue;
    const match = /^(\s*(?:-\s+)?)([^\s:#][^:#]*?)\s*:(?:\s+(.*?))?\s*$/.exec(line);
    const lineIndent = match ? match[1].length : /^\s*/.exec(line)![0].length;
    const isItem = /^\s*-\s/.test(line);
    if (lineIndent < indent || (sameIndentCounts && lineIndent === indent && !isItem)) {
      return match ? { index: i, indent: lineIndent, key: match[2].trim(), value: (match[3] ?? '').replace(/\s+#.*$/, '') } : undefined;
    }
  }
  return undefined;
}
