// Minimal globs for `manuscripts` and `exclude`: `**`, `*`, `?`, `{a,b}` (nested too), `\` before
// a character to take it literally; paths use `/`.
// A glob is compiled to a small automaton and run over the path once, keeping the set of states
// it can be in (Thompson's construction): time is path length × glob length, whatever the
// number of `**` — a backtracking regular expression took seconds on deep paths.

/** A glob that cannot be read, e.g. an unbalanced `{`; the message is one line. */
export class GlobSyntaxError extends Error {}

const enum Op {
  Char,
  NotSlash,
  Any,
  Split,
  Jump,
  Match,
}

type Instruction = { op: Op.Char; char: string } | { op: Op.NotSlash | Op.Any | Op.Match } | { op: Op.Split; a: number; b: number } | { op: Op.Jump; to: number };

type Node = { kind: 'char'; char: string } | { kind: 'one' } | { kind: 'star' } | { kind: 'globstar' } | { kind: 'folders' } | { kind: 'alternatives'; options: Node[][] };

function parse(glob: string): Node[] {
  let i = 0;
  const sequence = (inBraces: boolean): Node[] => {
    const nodes: Node[] = [];
    while (i < glob.length) {
      const c = glob[i];
      if (inBraces && (c === ',' || c === '}')) return nodes;
      i++;
      if (c === '\\' && i < glob.length) nodes.push({ kind: 'char', char: glob[i++] });
      else if (c === '?') nodes.push({ kind: 'one' });
      else if (c === '*') {
        if (glob[i] !== '*') nodes.push({ kind: 'star' });
        else {
          while (glob[i] === '*') i++;
          // `**/` is any number of whole folders; `**` anywhere else is anything at all.
          if (glob[i] === '/') {
            i++;
            nodes.push({ kind: 'folders' });
          } else nodes.push({ kind: 'globstar' });
        }
      } else if (c === '{') {
        const start = i - 1;
        const options: Node[][] = [sequence(true)];
        while (glob[i] === ',') {
          i++;
          options.push(sequence(true));
        }
        if (glob[i] !== '}') throw new GlobSyntaxError(`"${glob}": the \`{\` at character ${start + 1} is never closed (write \\{ for a literal brace)`);
        i++;
        nodes.push({ kind: 'alternatives', options });
      } else nodes.push({ kind: 'char', char: c });
    }
    return nodes;
  };
  return sequence(false);
}

function compile(nodes: Node[]): Instruction[] {
  const program: Instruction[] = [];
  const emit = (instruction: Instruction): number => program.push(instruction) - 1;
  const loop = (op: Op.NotSlash | Op.Any): void => {
    const split = emit({ op: Op.Split, a: 0, b: 0 });
    emit({ op });
    emit({ op: Op.Jump, to: split });
    program[split] = { op: Op.Split, a: split + 1, b: program.length };
  };
  const sequence = (items: Node[]): void => {
    for (const node of items) {
      if (node.kind === 'char') emit({ op: Op.Char, char: node.char });
      else if (node.kind === 'one') emit({ op: Op.NotSlash });
      else if (node.kind === 'star') loop(Op.NotSlash);
      else if (node.kind === 'globstar') loop(Op.Any);
      else if (node.kind === 'folders') {
        // (anything ending in `/`), or nothing.
        const skip = emit({ op: Op.Split, a: 0, b: 0 });
        loop(Op.Any);
        emit({ op: Op.Char, char: '/' });
        program[skip] = { op: Op.Split, a: skip + 1, b: program.length };
      } else {
        const jumps: number[] = [];
        node.options.forEach((option, index) => {
          const last = index === node.options.length - 1;
          const split = last ? -1 : emit({ op: Op.Split, a: 0, b: 0 });
          sequence(option);
          if (!last) {
            jumps.push(emit({ op: Op.Jump, to: 0 }));
            program[split] = { op: Op.Split, a: split + 1, b: program.length };
          }
        });
        for (const jump of jumps) program[jump] = { op: Op.Jump, to: program.length };
      }
    }
  };
  sequence(nodes);
  emit({ op: Op.Match });
  return program;
}

/** A compiled glob: `test` matches a whole text; `prefixes` also says which `/`-ended prefixes match. */
class GlobMatcher {
  private readonly seen: Int32Array;
  private generation = 0;

  constructor(private readonly program: Instruction[]) {
    this.seen = new Int32Array(program.length);
  }

  test(text: string): boolean {
    return this.run(text, false);
  }

  /** Whether the text, or any prefix of it that ends just before a `/`, matches. */
  testWithFolders(text: string): boolean {
    return this.run(text, true);
  }

  /** Whether some path below this folder could match (or the folder, or a folder above it, does). */
  mayMatchBelow(folder: string): boolean {
    const text = `${folder}/`;
    let current = this.closure([0]);
    for (let i = 0; i < text.length && current.length > 0; i++) {
      if (text[i] === '/' && i > 0 && this.matches(current)) return true;
      current = this.step(current, text[i]);
    }
    return current.length > 0;
  }

  private step(current: number[], c: string): number[] {
    const next: number[] = [];
    for (const pc of current) {
      const instruction = this.program[pc];
      if ((instruction.op === Op.Char && instruction.char === c) || (instruction.op === Op.NotSlash && c !== '/') || instruction.op === Op.Any) next.push(pc + 1);
    }
    return this.closure(next);
  }

  private run(text: string, folders: boolean): boolean {
    let current = this.closure([0]);
    for (let i = 0; i < text.length && current.length > 0; i++) {
      const c = text[i];
      if (folders && c === '/' && i > 0 && this.matches(current)) return true;
      current = this.step(current, c);
    }
    return this.matches(current);
  }

  private matches(states: number[]): boolean {
    return states.some((pc) => this.program[pc].op === Op.Match);
  }

  /** The states reachable without reading a character, each once. */
  private closure(start: number[]): number[] {
    const generation = ++this.generation;
    const out: number[] = [];
    const stack = start.slice().reverse();
    while (stack.length > 0) {
      const pc = stack.pop()!;
      if (this.seen[pc] === generation) continue;
      this.seen[pc] = generation;
      const instruction = this.program[pc];
      if (instruction.op === Op.Split) stack.push(instruction.b, instruction.a);
      else if (instruction.op === Op.Jump) stack.push(instruction.to);
      else out.push(pc);
    }
    return out;
  }
}

const compiled = new Map<string, GlobMatcher | GlobSyntaxError>();

function matcherFor(glob: string): GlobMatcher | GlobSyntaxError {
  let hit = compiled.get(glob);
  if (!hit) {
    try {
      hit = new GlobMatcher(compile(parse(glob)));
    } catch (error) {
      if (!(error instanceof GlobSyntaxError)) throw error;
      hit = error;
    }
    if (compiled.size >= 1000) compiled.clear();
    compiled.set(glob, hit);
  }
  return hit;
}

/** Why a glob cannot be read (one line), or undefined when it can. */
export function globSyntaxError(glob: string): string | undefined {
  const matcher = matcherFor(clean(glob));
  return matcher instanceof GlobSyntaxError ? matcher.message : undefined;
}

/** A glob that matches exactly this path (a folder whose name holds `{`, `*`…). */
export function literalGlob(path: string): string {
  return path.replace(/[\\*?{},]/g, '\\$&');
}

function clean(glob: string): string {
  return glob.replace(/^\.\//, '').replace(/\/+$/, '');
}

function usableMatcher(pattern: string): GlobMatcher {
  const matcher = matcherFor(pattern);
  return matcher instanceof GlobSyntaxError ? (matcherFor(literalGlob(pattern)) as GlobMatcher) : matcher;
}

/** Whether a file below this relative folder could match the glob (so that the folder matters to it). */
export function globMayMatchBelow(folder: string, glob: string): boolean {
  const pattern = clean(glob);
  // A glob without `/` matches a file name anywhere.
  return !pattern.includes('/') || usableMatcher(pattern).mayMatchBelow(folder);
}

/**
 * Whether a relative path matches a glob; a glob without `/` also matches a file name anywhere.
 * Never throws: a glob that cannot be read (see `globSyntaxError`) is taken literally.
 */
export function matchesGlob(path: string, glob: string): boolean {
  const pattern = clean(glob);
  const matcher = usableMatcher(pattern);
  // A folder (or a glob of folders) covers everything below it: `drafts`, `chapters/old*`.
  if (matcher.testWithFolders(path)) return true;
  if (pattern.includes('/')) return false;
  let start = 0;
  while (start <= path.length) {
    const slash = path.indexOf('/', start);
    const end = slash < 0 ? path.length : slash;
    if (matcher.test(path.slice(start, end))) return true;
    start = end + 1;
  }
  return false;
}
