"use strict";
// Installs the pinned client libraries (package-lock.json) for the interop tests; run by the
// exec-maven-plugin in herald-server's generate-test-resources phase:
//
//   node install-deps.js --skip-tests=${skipTests} --maven-test-skip=${maven.test.skip}
//
// Does nothing when either flag is "true" (an undefined Maven property arrives as the literal "${...}"),
// or when node_modules was already installed from the current package-lock.json.
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const skipped = process.argv.slice(2).some((arg) => /^--[a-z-]+=true$/.test(arg));
if (skipped) {
  console.log("[interop] tests skipped: not installing Node client libraries");
  process.exit(0);
}

const here = __dirname;
const mtime = (file) => fs.statSync(path.join(here, file)).mtimeMs;
const installedLock = path.join("node_modules", ".package-lock.json");
if (fs.existsSync(path.join(here, installedLock))
    && mtime(installedLock) >= mtime("package-lock.json")
    && mtime(installedLock) >= mtime("package.json")) {
  console.log("[interop] Node client libraries are up to date");
  process.exit(0);
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const result = spawnSync(npm, ["ci", "--no-audit", "--no-fund", "--prefer-offline"], {
  cwd: here,
  stdio: "inherit",
  shell: process.platform === "win32",
});
if (result.error) {
  console.error("[interop] could not run npm: " + result.error.message);
  process.exit(1);
}
process.exit(result.status === null ? 1 : result.status);
