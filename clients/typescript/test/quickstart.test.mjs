// The README's quick start, run as written against the real server, so it cannot rot. Only the
// collection's name is changed (to a unique `ts_` one), so that runs and other suites never collide.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { client, proximaUrl, uniqueName } from "./support.mjs";

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The first ```js block after "## Quick start". */
function quickStart() {
  const readme = readFileSync(join(PACKAGE, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Quick start"));
  const match = /```js\n([\s\S]*?)```/.exec(section);
  assert.ok(match, "README.md has a ```js block under ## Quick start");
  return match[1];
}

test("the README's quick start runs and prints the hit", async (t) => {
  const code = quickStart();
  assert.match(code, /from "proximadb"/, "it imports the package by its published name");
  const name = uniqueName("quickstart");
  const renamed = code.replaceAll('"docs"', JSON.stringify(name));
  assert.notEqual(renamed, code, 'the quick start names its collection "docs"');

  // Inside the package, so that `import ... from "proximadb"` resolves to this package (self-reference).
  const directory = join(PACKAGE, ".quickstart");
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${name}.mjs`);
  writeFileSync(file, renamed);
  t.after(async () => {
    rmSync(file, { force: true });
    await client().dropCollection(name).catch(() => {});
  });

  const { stdout, stderr } = await promisify(execFile)(process.execPath, [file], {
    env: { ...process.env, PROXIMA_URL: proximaUrl() }, timeout: 30_000,
  });
  console.log(`quick start output:\n${stdout}`);
  assert.equal(stderr, "");
  const lines = stdout.trim().split("\n");
  assert.equal(lines.length, 1, "one hit");
  assert.match(lines[0], /^a (1|0\.99999\d*) \{ lang: 'en' \}$/);
});
