// Helpers shared by the end-to-end tests that drive Chromium with puppeteer-core.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * Waits for an element inside the prompt's shadow root and returns its handle. Polls: changes
 * inside a shadow root do not wake puppeteer's own waitForSelector.
 * @param {import('puppeteer-core').Page} page
 * @param {string} selector
 */
export async function inPrompt(page, selector) {
  await page.waitForFunction(
    (inner) => document.querySelector('welcomed-prompt')?.shadowRoot?.querySelector(inner),
    { polling: 50, timeout: 10_000 },
    selector,
  );
  return page.$(`welcomed-prompt >>> ${selector}`);
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Runs a Node script (from the project root) with `env`, and resolves with the child process once
 * its standard output contains `ready`; rejects with what it printed if it exits first.
 * @param {string} script
 * @param {NodeJS.ProcessEnv} env
 * @param {string} ready
 * @returns {Promise<import('node:child_process').ChildProcess>}
 */
export function startScript(script, env, ready) {
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes(ready)) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${output}`)));
  });
}

/**
 * Stops a child process started by startScript (SIGTERM) and waits for it to exit.
 * @param {import('node:child_process').ChildProcess | undefined} child
 */
export async function stopScript(child) {
  if (!child) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.on('exit', resolve)));
}

/**
 * Polls `check` every `intervalMs` until it returns something truthy (a check that throws, say
 * while a page is between documents, counts as not yet); fails after `timeoutMs`.
 * @template T
 * @param {() => T | Promise<T>} check
 * @param {string} what
 */
export async function waitFor(check, what, timeoutMs = 10_000, intervalMs = 50) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let value;
    try {
      value = await check();
    } catch {
      // not yet
    }
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
