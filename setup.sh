#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Install the Debian packages mmsim builds and tests with.  Idempotent:
# does nothing when everything is already there.  Needs root (or sudo) the
# first time on a fresh Debian 12 machine.
set -e
# linux-libc-dev: the kernel headers tests/kernel-diff/hostrun.c is built with;
# clang, libclang-rt-14-dev: `make fuzz` (clang with libFuzzer, tests/fuzz/).
PKGS="make gcc libc6-dev linux-libc-dev pkg-config libedit-dev libcmocka-dev libjemalloc-dev libmimalloc-dev procps util-linux clang libclang-rt-14-dev"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "setup: installing$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
