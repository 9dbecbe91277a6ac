#!/usr/bin/env node
// `npm start`: the whole flow on the local sandbox. Wired up by the sandbox issue.
console.error(
  'npm start will: build the reader, start the sandbox, deploy target-infra then source-infra for the local stage, seed items, and print curl commands.',
);
console.error('It is not wired up yet (see the sandbox issue).');
process.exit(1);
