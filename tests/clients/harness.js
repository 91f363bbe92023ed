// What every scenario shares: its settings come from the environment the pytest side sets, its observations go to
// stdout as one JSON object, and any failure ends the process non-zero with the error on stderr.
'use strict';

function env(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run this scenario through pytest (tests/clients)`);
  }
  return value;
}

function report(observations) {
  process.stdout.write(JSON.stringify(observations) + '\n');
  process.exit(0);
}

function fail(err) {
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
  if (err && err.content) {
    process.stderr.write(`${JSON.stringify(err.content)}\n`);
  }
  process.exit(1);
}

function deadline(ms, what) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms));
}

module.exports = { env, report, fail, deadline };
