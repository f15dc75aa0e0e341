// A stand-in for `minimatch` in the extension bundle (see README.md): glob → RegExp, as
// src/core/glob.ts does.
'use strict';

function globToRegExp(glob, nocase) {
  let source = '';
  let inBraces = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        source += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
        continue;
      }
      source += '[^/]*';
    } else if (c === '?') source += '[^/]';
    else if (c === '{') {
      inBraces = true;
      source += '(?:';
    } else if (c === '}' && inBraces) {
      inBraces = false;
      source += ')';
    } else if (c === ',' && inBraces) source += '|';
    else source += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, nocase ? 'i' : '');
}

class Minimatch {
  constructor(pattern, options = {}) {
    try {
      this.re = globToRegExp(pattern, options.nocase === true);
    } catch {
      this.re = false;
    }
  }
  makeRe() {
    return this.re;
  }
  match(path) {
    return this.re !== false && this.re.test(path);
  }
}

function minimatch(path, pattern, options) {
  return new Minimatch(pattern, options).match(path);
}

module.exports = { Minimatch, minimatch, default: minimatch };
