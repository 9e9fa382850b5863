// SPDX-License-Identifier: GPL-2.0
/*
 * DMASHARE_HAVE_DEVNODE_CONST: struct device_type's devnode() takes a
 * const struct device (6.2 on); before, a plain one.
 */
#include <linux/device.h>
#include <linux/module.h>

static char *probe_devnode(const struct device *dev, umode_t *mode, kuid_t *uid,
			   kgid_t *gid)
{
	return NULL;
}

static const struct device_type probe_type __used = {
	.devnode = probe_devnode,
};
MODULE_LICENSE("GPL");
