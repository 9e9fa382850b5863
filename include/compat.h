/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat.h - kernel API differences between the kernels dmashare supports.
 *
 * Force-included (Kbuild: -include) into every dmashare object.  Each
 * decision below is taken from a compile probe run against the target
 * kernel by scripts/compat-probe (one C file per probe in compat/probes/),
 * whose results land in generated/dmashare_probes.h.  No version tests.
 */
#ifndef DMASHARE_COMPAT_H
#define DMASHARE_COMPAT_H

#if !__has_include("generated/dmashare_probes.h")
#error "compat probes missing: build with the top-level Makefile (make KDIR=...)"
#endif
#include "generated/dmashare_probes.h"

/*
 * Nothing is included here: this header comes before the source's own
 * pr_fmt, and the macros below only need their headers where used.
 */

/*
 * Symbol namespaces are bare identifiers up to 6.12 and string literals
 * from 6.13 (probe: ns_ident).  Write DMASHARE_NS(FOO) wherever the kernel
 * takes a namespace.
 */
#ifdef DMASHARE_HAVE_NS_IDENT
#define DMASHARE_NS(ns)		ns
#else
#define DMASHARE_NS(ns)		#ns
#endif

#define DMASHARE_EXPORT_NS_GPL(sym, ns)	EXPORT_SYMBOL_NS_GPL(sym, DMASHARE_NS(ns))
#define DMASHARE_IMPORT_NS(ns)		MODULE_IMPORT_NS(DMASHARE_NS(ns))

#endif /* DMASHARE_COMPAT_H */
