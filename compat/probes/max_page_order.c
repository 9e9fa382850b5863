// SPDX-License-Identifier: GPL-2.0
/*
 * DMASHARE_HAVE_MAX_PAGE_ORDER: the largest buddy order is MAX_PAGE_ORDER
 * (6.8+, inclusive).  Before, MAX_ORDER (exclusive up to 6.3).
 */
#include <linux/mmzone.h>
#include <linux/module.h>

static int __used probe_order = MAX_PAGE_ORDER;
MODULE_LICENSE("GPL");
