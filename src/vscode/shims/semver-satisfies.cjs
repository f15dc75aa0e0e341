// A stand-in for `semver/functions/satisfies` in the extension bundle (see README.md): caret
// (`^1.91.0`) and exact ranges, which is what vscode-languageclient checks.
'use strict';
const parse = require('./semver-parse.cjs');

module.exports = function satisfies(version, range) {
  const v = typeof version === 'string' ? parse(version) : version;
  const caret = /^\^(.*)$/.exec(String(range).trim());
  const r = parse(caret ? caret[1] : range);
  if (!v || !r) throw new Error(`unsupported version range ${range}`);
  const cmp = v.major - r.major || v.minor - r.minor || v.patch - r.patch;
  if (!caret) return cmp === 0;
  if (cmp < 0) return false;
  if (r.major > 0) return v.major === r.major;
  if (r.minor > 0) return v.major === 0 && v.minor === r.minor;
  return v.major === 0 && v.minor === 0 && v.patch === r.patch;
};
