// Debian's Chromium, launched the same way by every test, benchmark and soak that drives it:
// headless, as root (no sandbox), with the background networking this closed machine refuses
// turned off. CHROME_PATH points at another binary.
export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Options for puppeteer-core's `launch`. */
export const launchOptions = { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS };
