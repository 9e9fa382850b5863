// SPDX-License-Identifier: GPL-2.0
/*
 * DMASHARE_HAVE_BUS_IOMMU_OPS: struct bus_type has iommu_ops, the one set
 * of IOMMU ops per bus that the IOMMU core uses (up to 6.7).  From 6.8 the
 * core finds each device's ops through the IOMMU instance it belongs to,
 * and this fails to compile.
 */
#include <linux/device/bus.h>
#include <linux/module.h>

static const void *__maybe_unused dmashare_probe(const struct bus_type *bus)
{
	return bus->iommu_ops;
}

MODULE_LICENSE("GPL");
