#!/usr/bin/env bash
# Installs code-server (the VS Code server + web workbench the editor tests and `npm start` use)
# from the npm registry, without reaching GitHub or Microsoft's CDNs. Idempotent: returns at once
# when the pinned version is already installed; concurrent callers wait for one another.
#
#   scripts/e2e/install-code-server.sh [DEST_DIR] [VERSION]
#     DEST_DIR  default: .vscode-test/code-server (git-ignored), or $CODE_SERVER_DIR
#     VERSION   default: 4.96.4 (VS Code 1.96.4; the last line that runs on Node 20)
#
# Needs (Debian): ripgrep, libkrb5-dev, a C/C++ tool chain, python3, and the headers of the Node that
# will run code-server ($NODE_DIR/include/node; NODE_DIR defaults to the prefix of `node` on PATH).
# What it works around — code-server's own postinstall would fail offline:
#   * lib/vscode/npm-shrinkwrap.json pins @vscode/proxy-agent to a GitHub commit: every entry not on
#     the registry is pointed at the registry tarball of the same version (same integrity for 4.96.4);
#   * @vscode/ripgrep's postinstall downloads rg from GitHub: Debian's rg is copied in instead;
#   * argon2/kerberos try GitHub prebuilds, node-gyp would fetch Node headers: they are built
#     from source against the local headers (npm_config_nodedir);
#   * code-server's postinstall refuses root without --unsafe-perm, which npm 11 dropped: scripts are
#     off and its remaining steps (symlinks, built-in extensions' dependencies) are done here.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
DEST=${1:-${CODE_SERVER_DIR:-$root/.vscode-test/code-server}}
VER=${2:-4.96.4}
marker="installed-$VER"

mkdir -p "$DEST"
DEST=$(cd "$DEST" && pwd)
[ -f "$DEST/$marker" ] && exit 0

# One installer at a time per folder (two test runs may start together).
if [ -z "${CODE_SERVER_INSTALL_LOCKED:-}" ] && command -v flock >/dev/null 2>&1; then
	export CODE_SERVER_INSTALL_LOCKED=1
	exec flock "$DEST/.install.lock" "$0" "$DEST" "$VER"
fi
[ -f "$DEST/$marker" ] && exit 0

NODE_DIR=${NODE_DIR:-$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")}
[ -f "$NODE_DIR/include/node/node.h" ] || { echo "install-code-server: no Node headers in $NODE_DIR/include/node (set NODE_DIR)" >&2; exit 1; }
export npm_config_nodedir=$NODE_DIR
RG=${RG:-$(command -v rg || true)}
[ -n "$RG" ] || { echo "install-code-server: ripgrep not found: apt-get install -y ripgrep" >&2; exit 1; }
[ -f /usr/include/gssapi/gssapi.h ] || [ -f /usr/include/gssapi.h ] || echo "install-code-server: warning: no Kerberos headers (apt-get install -y libkrb5-dev); the kerberos module may fail to build" >&2
export JOBS=${JOBS:-max} # node-gyp: compile with every core
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false npm_config_loglevel=${npm_config_loglevel:-warn}

started=$(date +%s)
step() { echo "[install-code-server $(( $(date +%s) - started ))s] $*"; }
step "installing code-server $VER into $DEST (node $(node -v); takes 1-2 minutes, once)"
rm -rf "$DEST/node_modules" "$DEST"/installed-*
echo '{ "private": true, "description": "code-server for the editor tests and npm start (scripts/e2e/install-code-server.sh)" }' > "$DEST/package.json"
cd "$DEST"
npm install --ignore-scripts --no-save --no-package-lock "code-server@$VER" >/dev/null
step "building argon2"
npm rebuild argon2 >/dev/null

cd node_modules/code-server/lib/vscode
step "pointing non-registry shrinkwrap entries at the registry"
node - <<'JS'
const fs = require('fs');
const { execFileSync } = require('child_process');
const file = 'npm-shrinkwrap.json';
const wrap = JSON.parse(fs.readFileSync(file, 'utf8'));
for (const [key, p] of Object.entries(wrap.packages || {})) {
	if (!key || !p.resolved || p.resolved.startsWith('https://registry.npmjs.org/')) continue;
	const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
	const dist = JSON.parse(execFileSync('npm', ['view', `${name}@${p.version}`, 'dist', '--json'], { encoding: 'utf8' }));
	console.log(`  ${name}@${p.version}: ${p.resolved} -> ${dist.tarball}${p.integrity && p.integrity !== dist.integrity ? ' (integrity replaced)' : ''}`);
	p.resolved = dist.tarball;
	p.integrity = dist.integrity;
}
fs.writeFileSync(file, JSON.stringify(wrap, null, 2) + '\n');
JS
step "installing VS Code's server dependencies"
npm install --omit=dev --ignore-scripts >/dev/null
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$RG" node_modules/@vscode/ripgrep/bin/rg
native=$(node -e '
const fs = require("fs");
const wrap = require("./npm-shrinkwrap.json");
const out = [];
for (const [key, p] of Object.entries(wrap.packages)) {
	const name = key.slice(key.lastIndexOf("node_modules/") + 13);
	if (key && p.hasInstallScript && !p.dev && !/ripgrep|windows/.test(name) && fs.existsSync(key)) out.push(name);
}
console.log(out.join(" "));')
step "building native modules: $native"
# shellcheck disable=SC2086
npm rebuild $native >/dev/null
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
step "installing the built-in extensions' dependencies"
(cd extensions && npm install --omit=dev >/dev/null)
cd "$DEST"
cfg=$(mktemp -d)
version=$(XDG_CONFIG_HOME=$cfg node node_modules/code-server/out/node/entry.js --version | tail -1)
rm -rf "$cfg"
touch "$DEST/$marker"
step "done: code-server $version, $(du -sh node_modules | cut -f1)"
