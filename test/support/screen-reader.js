// A real screen reader for the tests: Orca (Debian's, 43) reading a headful Chromium on a private
// X display, with everything it says captured as text. Unattended, as root, no audio, no TTY:
//   Xvfb → a private D-Bus session bus → the AT-SPI accessibility bus → speech-dispatcher, whose
//   one output module appends "language<TAB>voice<TAB>text" to a file instead of speaking →
//   Orca, with a debug log (test/support/orca/orca-customizations.py makes it line-buffered and
//   stops Orca reading the whole page on load).
// Orca 43 does not switch voices by language: every utterance reaches speech-dispatcher in the
// default voice. It does log, before each object it speaks, the language it found for it
// ("SPEECH GENERATOR: default voice requested with language='cy'"), which is read here. Live
// region messages carry none: for them, ask the accessibility bus (atspiLanguages()).
// One Orca per user per machine: screen-reader tests must run one at a time.
// How this was found to work: the Orca spike's REPORT.md (issue 14).
import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

const here = new URL('./orca/', import.meta.url).pathname;
const run = promisify(execFile);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The Debian packages the screen-reader test needs (.ci/run installs them). */
export const SCREEN_READER_PACKAGES = ['orca', 'speech-dispatcher', 'at-spi2-core', 'dbus-daemon', 'dbus-bin', 'xvfb', 'python3-pyatspi'];

/** Why the screen reader cannot run here, or '' if it can. */
export async function screenReaderMissing() {
  const needed = ['/usr/bin/orca', '/usr/bin/speech-dispatcher', '/usr/libexec/at-spi-bus-launcher', '/usr/bin/dbus-daemon', '/usr/bin/dbus-send', '/usr/bin/Xvfb'];
  const missing = [];
  for (const file of needed) {
    try {
      await stat(file);
    } catch {
      missing.push(file);
    }
  }
  return missing.length ? `missing ${missing.join(', ')} (apt-get install ${SCREEN_READER_PACKAGES.join(' ')})` : '';
}

/** @typedef {{ text: string, lang: string | null }} Utterance */

/**
 * Starts Xvfb, the buses, speech-dispatcher and Orca, and waits until Orca has spoken.
 * @returns {Promise<ScreenReader>}
 */
export async function startScreenReader() {
  const folder = await mkdtemp(join(tmpdir(), 'welcomed-orca-'));
  /** @type {import('node:child_process').ChildProcess[]} */
  const children = [];
  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    if (!process.env.KEEP_SCREEN_READER_FILES) await rm(folder, { recursive: true, force: true });
  };
  try {
    const home = join(folder, 'home');
    const runtime = join(folder, 'runtime');
    for (const dir of ['.config', '.local/share', '.cache']) await mkdir(join(home, dir), { recursive: true });
    await mkdir(runtime, { mode: 0o700 });
    // speech-dispatcher opens an audio device at start: give it ALSA's null sink.
    await writeFile(join(home, '.asoundrc'), 'pcm.!default { type null }\nctl.!default { type hw card 0 }\n');
    /** @type {NodeJS.ProcessEnv} */
    const env = {
      ...process.env,
      HOME: home,
      XDG_RUNTIME_DIR: runtime,
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_DATA_HOME: join(home, '.local', 'share'),
      XDG_CACHE_HOME: join(home, '.cache'),
      LANG: 'C.UTF-8',
    };
    for (const name of ['SESSION_MANAGER', 'DBUS_SESSION_BUS_ADDRESS', 'AT_SPI_BUS_ADDRESS', 'SPEECHD_ADDRESS', 'WAYLAND_DISPLAY', 'DISPLAY']) delete env[name];
    // What makes toolkits, Chromium among them, put their accessibility tree on AT-SPI.
    Object.assign(env, { ACCESSIBILITY_ENABLED: '1', GTK_MODULES: 'gail:atk-bridge', QT_ACCESSIBILITY: '1', NO_AT_BRIDGE: '0' });

    const start = (command, args, log) => {
      const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
      children.push(child);
      child.stdio[2]?.on('data', (chunk) => (log.text += chunk));
      return child;
    };
    const logs = { xvfb: { text: '' }, dbus: { text: '' }, atspi: { text: '' }, speechd: { text: '' }, orca: { text: '' } };
    const waitUntil = async (what, check, seconds = 15) => {
      for (let tries = seconds * 10; tries > 0; tries -= 1) {
        try {
          if (await check()) return;
        } catch {
          // not yet
        }
        await sleep(100);
      }
      throw new Error(`the screen reader did not start: timed out waiting for ${what}\n${JSON.stringify(logs, null, 1)}`);
    };

    // 1. A display of its own (Xvfb picks a free number and prints it on fd 3).
    const xvfb = start('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], logs.xvfb);
    let display = '';
    xvfb.stdio[3]?.on('data', (chunk) => (display += chunk));
    await waitUntil('Xvfb', () => display.includes('\n'));
    env.DISPLAY = `:${display.trim()}`;

    // 2. A private D-Bus session bus, and 3. the AT-SPI bus on it.
    const bus = join(folder, 'session-bus');
    start('dbus-daemon', ['--session', `--address=unix:path=${bus}`, '--nofork', '--nopidfile'], logs.dbus);
    env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${bus}`;
    const dbusSend = (...args) => run('dbus-send', ['--session', '--print-reply', ...args], { env });
    await waitUntil('the session bus', () => dbusSend('--dest=org.freedesktop.DBus', '/', 'org.freedesktop.DBus.GetId'));
    start('/usr/libexec/at-spi-bus-launcher', ['--launch-immediately'], logs.atspi);
    await waitUntil('the AT-SPI bus', () => dbusSend('--dest=org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Bus.GetAddress'));

    // 4. speech-dispatcher, whose only output module writes what it is given to a file.
    const capture = join(folder, 'speech.tsv');
    await writeFile(capture, '');
    const speechd = join(folder, 'speechd');
    await mkdir(join(speechd, 'modules'), { recursive: true });
    await writeFile(
      join(speechd, 'speechd.conf'),
      [
        'LogLevel 3',
        `LogDir "${join(folder, 'speechd-log')}"`,
        'AudioOutputMethod "alsa"',
        'AddModule "capture" "sd_generic" "capture.conf"',
        'DefaultModule capture',
        'DefaultLanguage "en"',
        '',
      ].join('\n'),
    );
    await mkdir(join(folder, 'speechd-log'));
    const module = (await readFile(join(here, 'capture.conf'), 'utf8')).replaceAll('@CAPTURE@', capture);
    await writeFile(join(speechd, 'modules', 'capture.conf'), module);
    start('speech-dispatcher', ['--run-single', '--timeout', '0', '--config-dir', speechd], logs.speechd);
    await waitUntil('the speech-dispatcher socket', () => stat(join(runtime, 'speech-dispatcher', 'speechd.sock')));

    // 5. Orca, which says "Screen reader on." once it is ready.
    const prefs = join(folder, 'orca-prefs');
    await mkdir(prefs);
    await copyFile(join(here, 'orca-customizations.py'), join(prefs, 'orca-customizations.py'));
    const orcaLog = join(folder, 'orca-debug.log');
    start('orca', ['--user-prefs', prefs, '--debug-file', orcaLog], logs.orca);
    await waitUntil('Orca to speak', async () => (await readFile(capture, 'utf8')).includes('Screen reader on'), 30);

    return new ScreenReader(env, capture, orcaLog, stop);
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A running Orca: what it said, and a headful Chromium it reads. */
export class ScreenReader {
  /**
   * @param {NodeJS.ProcessEnv} env the session's environment (display, buses)
   * @param {string} capture speech-dispatcher's capture file
   * @param {string} orcaLog Orca's debug log
   * @param {() => Promise<void>} stop
   */
  constructor(env, capture, orcaLog, stop) {
    this.env = env;
    this.capture = capture;
    this.orcaLog = orcaLog;
    this.stop = stop;
  }

  /** Where Orca's output has got to: pass it to `spokenSince`. */
  async mark() {
    return { orca: (await stat(this.orcaLog)).size };
  }

  /**
   * What Orca said since `mark`, once it has been quiet for `quietMs` (or said nothing for
   * `minWaitMs`): each utterance, with the content language Orca found for it (null for live
   * region messages, which carry none).
   * @param {{ orca: number }} since
   * @returns {Promise<Utterance[]>}
   */
  async spokenSince(since, { minWaitMs = 1500, quietMs = 1000, maxWaitMs = 10_000 } = {}) {
    const begin = Date.now();
    let size = since.orca;
    let changedAt = Date.now();
    for (;;) {
      await sleep(25);
      const now = (await stat(this.orcaLog)).size;
      if (now !== size) {
        size = now;
        changedAt = Date.now();
      }
      const waited = Date.now() - begin;
      if (waited >= maxWaitMs || (waited >= minWaitMs && Date.now() - changedAt >= quietMs)) break;
    }
    const log = (await readFile(this.orcaLog)).subarray(since.orca).toString('utf8');
    /** @type {Utterance[]} */
    const spoken = [];
    // Just before Orca's speech generator generates some content ("---->  displayedText=[…]"),
    // it reads the object's text attributes ("Attributes at 0: [… 'language:cy' …]") or asks
    // for the content's voice ("default voice requested with language='cy'"); an utterance is in
    // the language of the content it includes.
    /** @type {{ text: string, lang: string }[]} */
    const fragments = [];
    let language = '';
    for (const line of log.split('\n')) {
      const voice =
        /SPEECH GENERATOR: default voice requested with language='([^']*)'/.exec(line) ??
        /INFO: Attributes at \d+: \[.*'language:([^']*)'/.exec(line);
      if (voice) {
        language = voice[1] && voice[1] !== 'None' ? voice[1] : '';
        continue;
      }
      const generated = /---->\s+\w+=\[(.+)\]$/.exec(line);
      if (generated && language) {
        fragments.unshift({ text: generated[1].trim(), lang: language });
        language = '';
        continue;
      }
      const output = /^\S+ - SPEECH OUTPUT: '(.*?)'( voice=\w+)? ?((?:\{|\[\{).*)?$/.exec(line);
      if (output) {
        const text = output[1].replace(/\s+/g, ' ').trim();
        spoken.push({ text, lang: fragments.find((fragment) => text.includes(fragment.text))?.lang ?? null });
      }
    }
    return spoken.filter((utterance) => utterance.text);
  }

  /**
   * Opens `url` in a headful Chromium (its own window, no address bar, so focus starts in the
   * page) that puts its accessibility tree on the AT-SPI bus.
   * @param {string} url
   */
  async openChromium(url) {
    const profile = await mkdtemp(join(tmpdir(), 'welcomed-orca-profile-'));
    // Chromium offers to translate a page in Welsh, and Orca would read the offer.
    await mkdir(join(profile, 'Default'));
    await writeFile(join(profile, 'Default', 'Preferences'), JSON.stringify({ translate: { enabled: false } }));
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM_PATH,
      headless: false,
      userDataDir: profile,
      defaultViewport: null,
      env: this.env,
      // Without it, no "Chrome is being controlled by automated test software" bar to be read.
      ignoreDefaultArgs: ['--enable-automation'],
      // --test-type: no bar warning of --no-sandbox, which Orca would read.
      args: [...CHROMIUM_ARGS, '--test-type', '--force-renderer-accessibility', '--window-position=0,0', '--window-size=1024,768', `--app=${url}`],
    });
    /** @type {import('puppeteer-core').Page | undefined} */
    let page;
    for (let tries = 0; tries < 100 && !page; tries += 1) {
      page = (await browser.pages()).find((candidate) => candidate.url().startsWith(url));
      if (!page) await sleep(100);
    }
    if (!page) throw new Error(`Chromium did not open ${url}`);
    return {
      page,
      async close() {
        await browser.close();
        await rm(profile, { recursive: true, force: true });
      },
    };
  }

  /**
   * What the accessibility bus says about Chromium's document: for each heading, status bar,
   * alert and paragraph, its role, text and the `language` text attribute a screen reader reads.
   * @returns {Promise<{ role: string, text: string, language: string }[]>}
   */
  async atspiLanguages() {
    const { stdout } = await run('/usr/bin/python3', [join(here, 'atspi-languages.py')], { env: this.env });
    return JSON.parse(stdout);
  }
}
