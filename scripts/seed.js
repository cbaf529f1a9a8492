// @ts-check
// `npm run demo:seed`: fills the receiver's database (WELCOMED_DATABASE_URL if set, else
// WELCOMED_DB, default data/welcomed.db) with plausible generated responses, so the dashboard
// (/dashboard) has something to show at once: four changes over about ten weeks, answers
// drifting week by week, optional equality answers with realistic small groups, some comments
// (already redacted, as the receiver stores them) and a few responses flagged as spam; and the
// prompt's views (impressions) per day, at a response rate of a few per cent, so that the
// dashboard shows the response rate too.
// `npm start` seeds nothing.
//
// Deterministic: the same seed gives the same responses with the same ids, so running it again
// adds nothing (responses already stored are left as they are).
//
//   node scripts/seed.js [--until=YYYY-MM-DD]   (default: today; the last day answered)
import { pathToFileURL } from 'node:url';
import { mulberry32 } from './seeded-random.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * @typedef {object} DemoChange
 * @property {string} change
 * @property {string} page
 * @property {number} responses
 * @property {number} weeks answered over this many weeks, ending on `until`
 * @property {[number, number]} yes chance of "yes" at the start and at the end
 * @property {number} seed
 */

/** @type {DemoChange[]} */
export const DEMO_CHANGES = [
  {
    change: 'garden-waste-online-2026',
    page: 'https://www.example.gov.uk/bins/garden-waste',
    responses: 260,
    weeks: 10,
    yes: [0.46, 0.7],
    seed: 1,
  },
  {
    change: 'parking-permits-digital-2026',
    page: 'https://www.example.gov.uk/parking/permits',
    responses: 170,
    weeks: 9,
    yes: [0.45, 0.36],
    seed: 2,
  },
  {
    change: 'library-opening-hours-2026',
    page: 'https://www.example.gov.uk/libraries/opening-hours',
    responses: 95,
    weeks: 8,
    yes: [0.62, 0.66],
    seed: 3,
  },
  {
    // Too few responses yet: the dashboard shows it as suppressed.
    change: 'council-tax-direct-debit-2026',
    page: 'https://www.example.gov.uk/council-tax/direct-debit',
    responses: 7,
    weeks: 2,
    yes: [0.5, 0.5],
    seed: 4,
  },
];

/** Comments as the receiver stores them: already redacted. */
const COMMENTS = {
  yes: [
    'Much quicker than phoning. Call me on [phone] if you want to know more.',
    'Easy to do on my phone in the evening.',
    'Paid in two minutes. Thank you.',
    'Good that I got a confirmation e-mail straight away.',
    'Better than queuing at the office.',
    'Found it straight away from the bins page.',
  ],
  partly: [
    'Fine once I found the page, but the link was hard to find.',
    'Worked, but I had to enter my address twice ([postcode]).',
    'OK for me, but my mum could not do it without help.',
    'Good idea, but the page timed out the first time.',
  ],
  no: [
    'I do not have a computer and the phone line is now always busy.',
    'It would not accept my card ending [card].',
    'Too many steps. Just let me pay at the library like before.',
    'My neighbour has no internet. This leaves people out.',
    'Could not read the text on my phone.',
  ],
  unsure: ['Have not used it yet.', 'Not sure what changed, to be honest.', 'Depends if it works next year too.'],
};

const SPAM_COMMENTS = ['Best prices on watches, visit our shop', 'Great post!!! Earn money from home'];

/** Choices with weights. @template T @param {[T, number][]} table */
const weighted = (table) => table;

const AGE = weighted([
  ['under-18', 0.01],
  ['18-24', 0.07],
  ['25-34', 0.16],
  ['35-44', 0.19],
  ['45-54', 0.18],
  ['55-64', 0.16],
  ['65-74', 0.13],
  ['75-plus', 0.06],
  ['prefer-not-to-say', 0.04],
]);
const DISABLED = weighted([
  ['yes', 0.2],
  ['no', 0.72],
  ['prefer-not-to-say', 0.08],
]);
const IMPACT = weighted([
  ['a-lot', 0.3],
  ['a-little', 0.5],
  ['not-at-all', 0.15],
  ['prefer-not-to-say', 0.05],
]);
const ETHNIC = weighted([
  ['white', 0.8],
  ['asian', 0.08],
  ['black', 0.04],
  ['mixed', 0.03],
  ['other', 0.015],
  ['prefer-not-to-say', 0.035],
]);


/**
 * @template T
 * @param {() => number} random
 * @param {[T, number][]} table
 * @returns {T}
 */
function pick(random, table) {
  const total = table.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of table) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return table[table.length - 1][0];
}

/** A UUID v4 made from the generator. @param {() => number} random */
function uuid(random) {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The demo responses, each with the flags and the time the receiver would have got it.
 * @param {{ until: Date }} options the last day answered
 * @returns {{ response: import('welcomed/contract').WelcomedResponse, receivedAt: Date, spam: boolean, pii: boolean }[]}
 */
export function demoResponses({ until }) {
  const end = Date.UTC(until.getUTCFullYear(), until.getUTCMonth(), until.getUTCDate()) + DAY_MS;
  const out = [];
  for (const spec of DEMO_CHANGES) {
    const random = mulberry32(spec.seed * 7919);
    const start = end - spec.weeks * 7 * DAY_MS;
    for (let index = 0; index < spec.responses; index++) {
      const id = uuid(random);
      // Answers cluster in the day; more in the first weeks after the change.
      const progress = Math.pow(random(), 1.15);
      const day = start + Math.floor(progress * spec.weeks * 7) * DAY_MS;
      const answered = Math.min(end - 60_000, day + Math.floor((7 + random() * 14) * 60 * 60 * 1000));
      const when = (answered - start) / (end - start);

      /** @type {Record<string, string> | undefined} */
      let about;
      if (random() < 0.65) {
        about = {};
        if (random() < 0.92) about.ageBand = pick(random, AGE);
        if (random() < 0.9) {
          about.disabled = pick(random, DISABLED);
          if (about.disabled === 'yes' && random() < 0.9) about.disabilityImpact = pick(random, IMPACT);
        }
        if (random() < 0.9) about.ethnicGroup = pick(random, ETHNIC);
      }
      let yes = spec.yes[0] + (spec.yes[1] - spec.yes[0]) * when;
      if (about?.ageBand === '75-plus') yes -= 0.2;
      else if (about?.ageBand === '65-74') yes -= 0.1;
      if (about?.disabled === 'yes') yes -= 0.1;
      yes = Math.min(0.95, Math.max(0.05, yes));
      /** @type {'yes' | 'partly' | 'no' | 'unsure'} */
      const answer =
        random() < yes
          ? 'yes'
          : pick(random, weighted(/** @type {['partly' | 'no' | 'unsure', number][]} */ ([['partly', 0.35], ['no', 0.45], ['unsure', 0.2]])));

      const spam = random() < 0.03;
      /** @type {string | undefined} */
      let comment;
      if (spam) comment = SPAM_COMMENTS[Math.floor(random() * SPAM_COMMENTS.length)];
      else if (random() < 0.2) {
        const pool = COMMENTS[/** @type {keyof typeof COMMENTS} */ (answer)];
        comment = pool[Math.floor(random() * pool.length)];
      }
      const welsh = random() < 0.04;
      // Most arrive at once; a few waited on the device (offline) for some hours.
      const delay = random() < 0.05 ? Math.floor(random() * 20 * 60 * 60 * 1000) : 1500 + Math.floor(random() * 3000);

      /** @type {import('welcomed/contract').WelcomedResponse} */
      const response = {
        schema: 'welcomed/1',
        id,
        change: spec.change,
        answer,
        ...(comment === undefined ? {} : { comment }),
        ...(about === undefined ? {} : { about }),
        locale: welsh ? 'cy' : 'en',
        page: spec.page,
        answeredAt: new Date(answered).toISOString(),
        widget: '0.1.0',
      };
      out.push({
        response,
        receivedAt: new Date(answered + delay),
        spam,
        pii: comment !== undefined && /\[(phone|postcode|card|email)\]/.test(comment),
      });
    }
  }
  return out;
}

/** Each demo change's share of views answered, roughly (GOV.UK-like prompts see a few per cent). */
const DEMO_RESPONSE_RATES = [0.06, 0.045, 0.09, 0.05];

/**
 * The demo views: per change and UTC day, the day's answers divided by the change's response
 * rate, give or take a fifth, in English and Welsh as the answers were.
 * @param {ReturnType<typeof demoResponses>} responses
 * @returns {{ change: string, day: string, locale: string, count: number }[]}
 */
export function demoImpressions(responses) {
  /** @type {Map<string, { change: string, day: string, locale: string, count: number }>} */
  const answered = new Map();
  for (const { response, spam } of responses) {
    if (spam) continue;
    const day = response.answeredAt.slice(0, 10);
    const key = `${response.change}|${day}|${response.locale}`;
    const cell = answered.get(key) ?? { change: response.change, day, locale: response.locale, count: 0 };
    cell.count += 1;
    answered.set(key, cell);
  }
  const random = mulberry32(4242);
  return [...answered.values()].map((cell) => {
    const rate = DEMO_RESPONSE_RATES[DEMO_CHANGES.findIndex((spec) => spec.change === cell.change)] ?? 0.05;
    return { ...cell, count: Math.max(cell.count, Math.round((cell.count / rate) * (0.8 + random() * 0.4))) };
  });
}

/**
 * Stores the demo responses that are not stored yet, and the demo views of each change that has
 * none yet (views are counts, so they are added once).
 * @param {import('welcomed-receiver').Store} store
 * @param {{ until: Date }} options
 */
export async function seedDemo(store, { until }) {
  let added = 0;
  let kept = 0;
  /** @type {Map<string, { responses: number, spam: number }>} */
  const perChange = new Map();
  let first = Infinity;
  let last = -Infinity;
  for (const { response, receivedAt, spam, pii } of demoResponses({ until })) {
    const tally = perChange.get(response.change) ?? { responses: 0, spam: 0 };
    tally.responses += 1;
    if (spam) tally.spam += 1;
    perChange.set(response.change, tally);
    const time = Date.parse(response.answeredAt);
    first = Math.min(first, time);
    last = Math.max(last, time);
    if (await store.getResponse(response.id)) {
      kept += 1;
      continue;
    }
    await store.upsertResponse(response, receivedAt, { spam, pii });
    added += 1;
  }
  const views = demoImpressions(demoResponses({ until }));
  let impressions = 0;
  for (const change of perChange.keys()) {
    if ((await store.countImpressions(change)).length) continue;
    const ofChange = views.filter((view) => view.change === change);
    await store.addImpressions(ofChange);
    impressions += ofChange.reduce((sum, view) => sum + view.count, 0);
  }
  return {
    impressions,
    added,
    kept,
    changes: [...perChange].map(([change, tally]) => ({ change, ...tally })),
    from: new Date(first).toISOString().slice(0, 10),
    to: new Date(last).toISOString().slice(0, 10),
  };
}

/** @param {string[]} args */
function readUntil(args) {
  const option = args.find((arg) => arg.startsWith('--until='));
  if (option === undefined) return new Date();
  const value = option.slice('--until='.length);
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d\d-\d\d$/.test(value) || Number.isNaN(date.getTime())) {
    throw new Error(`--until must be a date such as 2026-11-26, not "${value}".`);
  }
  return date;
}

/** The built receiver, or an Error saying to build it. */
async function importReceiver() {
  try {
    return await import('welcomed-receiver');
  } catch (error) {
    if (/** @type {{ code?: string }} */ (error).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error('the receiver is not built: run npm run build first.', { cause: error });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const until = readUntil(process.argv.slice(2));
    const { checkDatabaseUrl, describeDatabase, openStore, readDbPath } = await importReceiver();
    const url = process.env.WELCOMED_DATABASE_URL?.trim();
    const database = url ? { databaseUrl: checkDatabaseUrl(url, 'WELCOMED_DATABASE_URL') } : { dbPath: readDbPath() };
    const store = await openStore(database);
    let result;
    try {
      result = await seedDemo(store, { until });
    } finally {
      await store.close();
    }
    const width = Math.max(...result.changes.map(({ change }) => change.length));
    console.log(`Demo responses in ${describeDatabase(database)}, answered ${result.from} to ${result.to}:`);
    for (const { change, responses, spam } of result.changes) {
      console.log(`  ${change.padEnd(width)}  ${String(responses).padStart(4)} responses (${spam} flagged as spam)`);
    }
    console.log(`${result.added} added, ${result.kept} already there; ${result.impressions} views added.`);
    console.log('Start the receiver (npm start) and open /dashboard on it, e.g. http://localhost:8080/dashboard');
  } catch (error) {
    console.error(`demo:seed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
