# SPDX-License-Identifier: GPL-2.0-only
# expect-exit: 2
# mem=abc is not a size: a script error naming the parameter.
boot mem=abc
echo not reached
