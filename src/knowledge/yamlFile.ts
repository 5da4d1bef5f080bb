/**
 * A YAML file parsed with positions kept, so that every problem can be reported as
 * `file:line path: problem` (the `yaml` package is used for exactly this: line numbers).
 */
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';

export type PathSegment = string | number;

/** The `yaml` package's own default: the record uses no aliases at all, so this only stops abuse. */
export const MAX_ALIAS_COUNT = 100;

export interface KbProblem {
  file: string;
  line: number;
  /** `rounds[7].sources[1]`; empty for problems with the file as a whole. */
  path: string;
  message: string;
}

export function formatPath(path: readonly PathSegment[]): string {
  return path.map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : i === 0 ? seg : `.${seg}`)).join('');
}

export function formatProblem(p: KbProblem): string {
  return `${p.file}:${p.line}${p.path ? ` ${p.path}` : ''}: ${p.message}`;
}

export class YamlFile {
  readonly data: unknown;
  readonly problems: KbProblem[] = [];
  private readonly doc: Document;
  private readonly lines = new LineCounter();

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    for (const err of this.doc.errors) {
      const line = err.linePos?.[0]?.line ?? 1;
      this.problems.push({ file, line, path: '', message: `YAML syntax: ${firstLine(err.message)}` });
    }
    this.data = this.problems.length ? undefined : this.convert();
  }

  /**
   * The plain data. `yaml` refuses a document whose aliases would expand too far (an "alias bomb":
   * a few lines that become millions of nodes) by throwing; that is a problem of this file.
   */
  private convert(): unknown {
    try {
      return this.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const reason = /alias/i.test(message) ? `too many aliases (${MAX_ALIAS_COUNT} at most; aliases that expand into many nodes are refused)` : firstLine(message);
      this.problems.push({ file: this.file, line: 1, path: '', message: `YAML rejected: ${reason}` });
      return undefined;
    }
  }

  /** The line of the node at `path`, or of its nearest existing ancestor (for a missing key). */
  lineOf(path: readonly PathSegment[]): number {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return 1;
  }

  problem(path: readonly PathSegment[], message: string): KbProblem {
    return { file: this.file, line: this.lineOf(path), path: formatPath(path), message };
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
