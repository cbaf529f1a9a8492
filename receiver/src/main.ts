#!/usr/bin/env node
// The command line: `welcomed-receiver` (or `node receiver/dist/main.js`). Reads settings from
// the environment (settings.ts), starts the receiver on HOST:PORT (default 127.0.0.1:8080),
// prints its address and, when no WELCOMED_ADMIN_TOKEN was set, the generated admin token once.
// Ctrl+C / SIGTERM close it cleanly. Any start-up error is one line on stderr and exit code 1.
//
// `welcomed-receiver migrate-store --from … --to …` copies the stored responses from one
// database to another instead (migrate-store.ts); `welcomed-receiver token create|list|revoke`
// manages access tokens (token-command.ts).
import { checkContractBuilt } from './contract-check.js';
import { readSettings } from './settings.js';

const [command, ...args] = process.argv.slice(2);
try {
  if (command === 'migrate-store') {
    checkContractBuilt();
    const { migrateStore } = await import('./migrate-store.js');
    process.exitCode = await migrateStore(args);
  } else if (command === 'token') {
    checkContractBuilt();
    const { tokenCommand } = await import('./token-command.js');
    process.exitCode = await tokenCommand(args);
  } else if (command !== undefined) {
    throw new Error(`unknown command "${command}": run it with no command to start the receiver, or with migrate-store or token.`);
  } else {
    const settings = readSettings();
    checkContractBuilt();
    // Imported only now: the receiver imports the contract, whose absence was just checked.
    const { startReceiver } = await import('./start.js');
    await startReceiver(settings);
  }
} catch (error) {
  console.error(`welcomed receiver: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
