// SPDX-License-Identifier: GPL-2.0
/*
 * DMASHARE_HAVE_NS_IDENT: MODULE_IMPORT_NS() takes a bare identifier
 * (up to 6.12).  From 6.13 it takes a string literal and this fails to
 * compile (the identifier is pasted into a string concatenation).
 */
#include <linux/module.h>

MODULE_IMPORT_NS(DMASHARE_PROBE_NS);
MODULE_LICENSE("GPL");
