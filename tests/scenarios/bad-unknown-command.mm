# SPDX-License-Identifier: GPL-2.0-only
# expect-exit: 2
# An unknown command is a script error: it stops the script.
echo before
frobnicate the memory
echo not reached
