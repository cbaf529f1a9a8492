// A receiver as it runs in production, for the load test: `node receiver/dist/main.js` in a child
// process, on a free port of 127.0.0.1, with the environment given (its database among it).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(import.meta.resolve('welcomed-receiver/main'));

/**
 * Starts a receiver (PORT=0: the address is read from what it prints) and resolves once it listens.
 * @param {Record<string, string>} env added to PATH, PORT and HOST
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, url: string, exited: Promise<{ code: number | null, signal: string | null }>, output: () => string }>}
 */
export async function startReceiverProcess(env) {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  /** @type {Promise<{ code: number | null, signal: string | null }>} */
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + 15_000;
  let url;
  while (!(url = /listening on (http:\/\/\S+) /.exec(output)?.[1])) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the receiver did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { child, url, exited, output: () => output };
}
