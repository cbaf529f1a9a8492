#!/usr/bin/env node
// @ts-check
/**
 * Entry point: `node receiver/main.js`. Reads settings from the environment (see settings.js),
 * starts the receiver on HOST:PORT (default 127.0.0.1:8080), prints its address and, when no
 * WELCOMED_ADMIN_TOKEN was set, the generated admin token once. Ctrl+C / SIGTERM close it cleanly.
 */
import { readSettings } from './settings.js';
import { startReceiver } from './server.js';

try {
  await startReceiver(readSettings());
} catch (error) {
  console.error(`welcomed receiver: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
