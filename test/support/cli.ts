/**
 * Runs the `sma` command line in-process, as `main(argv, io)`: the same dispatch, flag parsing,
 * output and exit codes as the process, without spawning one (a process costs about a second).
 * The environment is only what the test gives (no `.env`, no developer shell variables).
 */
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

function capture() {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

export async function sma(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  const stdout = capture();
  const stderr = capture();
  const code = await main(args, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin: Readable.from(options.input ? [options.input] : []),
    env: { KNOWLEDGE_DIR: './knowledge', ...options.env },
  });
  // PassThrough delivers 'data' on a later tick: let it drain before reading.
  await new Promise((resolve) => setImmediate(resolve));
  return { code, out: stdout.text(), err: stderr.text() };
}
