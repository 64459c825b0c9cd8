#!/usr/bin/env bash
# The test command. On a fresh Debian machine with only the .NET SDK, it installs what the tests
# need and is missing, then runs every test:
#   - Chromium (the HTML report is rendered headless), Postfix (the probe tests run a private
#     instance on loopback), dnsmasq (the MX probe tests answer DNS on a loopback port), GNU time (peak memory of the 100 MB input test), setpriv (the
#     unreadable-files test drops root's read-anything capabilities), clang and zlib1g-dev (the
#     Native AOT publish of the release tests): apt-get, as root or through `sudo -n`;
#   - the pinned SARIF multitool and action-validator (GitHub workflow schemas): npm, into
#     .tools/ in this checkout (never globally).
# Extra arguments go to `dotnet test` (e.g. ./test.sh --filter FullyQualifiedName~Sarif).
# PIXLINT_TEST_NO_INSTALL=1 only checks, and fails naming what is missing.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DEBIAN_FRONTEND=noninteractive

# Keep in step with tests/PixLint.Cli.Tests/ExternalTools.cs.
SARIF_MULTITOOL_VERSION=5.7.0
ACTION_VALIDATOR_VERSION=0.6.0

missing=()
need() { # need COMMAND-OR-PATH DEBIAN-PACKAGE
  if [[ "$1" == /* ]]; then [ -e "$1" ] && return 0; else command -v "$1" > /dev/null 2>&1 && return 0; fi
  missing+=("$2")
}

need chromium chromium
need postfix postfix
need dnsmasq dnsmasq-base
need /usr/bin/time time
need /usr/bin/setpriv util-linux
if ! command -v clang > /dev/null 2>&1 && ! command -v gcc > /dev/null 2>&1; then missing+=(clang); fi
need /usr/include/zlib.h zlib1g-dev
need npm npm

if [ "${#missing[@]}" -gt 0 ]; then
  if [ -n "${PIXLINT_TEST_NO_INSTALL:-}" ]; then
    echo "test.sh: missing: ${missing[*]} (apt-get install ${missing[*]})" >&2
    exit 1
  fi
  if [ "$(id -u)" = 0 ]; then
    sudo=()
  elif command -v sudo > /dev/null 2>&1 && sudo -n true 2> /dev/null; then
    sudo=(sudo -n)
  else
    echo "test.sh: missing: ${missing[*]}; not root and no password-less sudo: run as root, or apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "== installing (Debian): ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi

# The probe tests run their own Postfix master; a system instance started by the package's
# install would hold its queue lock (the image's policy-rc.d usually keeps it from starting).
if [ "$(id -u)" = 0 ] && postfix status > /dev/null 2>&1; then postfix stop; fi

# npm packages, pinned, into .tools/ (ignored by git).
npm_version() { # npm_version PACKAGE: the version installed in .tools, or nothing
  local manifest=".tools/node_modules/$1/package.json"
  [ -f "$manifest" ] && node -p 'require(process.argv[1]).version' "$PWD/$manifest"
}
npm_wanted=()
[ "$(npm_version @microsoft/sarif-multitool)" = "$SARIF_MULTITOOL_VERSION" ] || npm_wanted+=("@microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION")
[ "$(npm_version @action-validator/cli)" = "$ACTION_VALIDATOR_VERSION" ] || npm_wanted+=("@action-validator/cli@$ACTION_VALIDATOR_VERSION")
if [ "${#npm_wanted[@]}" -gt 0 ]; then
  if [ -n "${PIXLINT_TEST_NO_INSTALL:-}" ]; then
    echo "test.sh: not in .tools/: ${npm_wanted[*]}" >&2
    exit 1
  fi
  echo "== installing into .tools: ${npm_wanted[*]}"
  npm install --prefix .tools --no-audit --no-fund --no-save --loglevel=error "${npm_wanted[@]}"
fi

echo "== dotnet $(dotnet --version); $(chromium --version 2> /dev/null | head -n 1); postfix $(postconf -d -h mail_version)"
exec dotnet test PixLint.sln "$@"
