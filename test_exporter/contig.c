// SPDX-License-Identifier: GPL-2.0
/*
 * contig.c - software test devices on dma-direct, without an IOMMU.
 *
 * "dmabuf-test-contig" needs physically contiguous memory: a 32-bit DMA
 * mask, one segment of any length, and it tells dmabuf_core so
 * (DMABUF_CORE_DEV_CONTIGUOUS).  "dmabuf-test-sg" takes scatter-gather
 * lists: a 64-bit mask, segments of any length, no flags.  Neither is
 * hardware: their "DMA engine" is the CPU copying through the device
 * addresses the DMA API gave them (dma_to_phys()), so they move bytes
 * exactly where such devices would.  Because the CPU does the copy, they
 * are cache-coherent by construction and say so where the architecture
 * keeps that per device.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dma-direct.h>
#include <linux/dma-mapping.h>
#include <linux/highmem.h>
#include <linux/platform_device.h>
#include <linux/sizes.h>

#include <dmabuf_core.h>

#include "test_exporter.h"

static const struct {
	const char *name;
	unsigned int dma_bits;
	unsigned int flags;
} soft_devs[DTEST_SOFT_DEVS] = {
	[DTEST_SOFT_CONTIG] = { "dmabuf-test-contig", 32, DMABUF_CORE_DEV_CONTIGUOUS },
	[DTEST_SOFT_SG] = { "dmabuf-test-sg", 64, 0 },
};

static struct platform_device *dtest_soft[DTEST_SOFT_DEVS];

/**
 * dtest_contig_dev() - one of the software devices
 * @which: DTEST_SOFT_CONTIG or DTEST_SOFT_SG
 *
 * Context: any; valid while test_exporter is loaded.
 * Return: its struct device, or NULL when it failed to register.
 */
struct device *dtest_contig_dev(unsigned int which)
{
	return which < DTEST_SOFT_DEVS && dtest_soft[which] ? &dtest_soft[which]->dev : NULL;
}

/**
 * dtest_contig_xfer() - a software device's "DMA": a CPU copy at a device address
 * @dev: the device
 * @bus: device address (inside one DMA segment the device was given)
 * @buf: kernel buffer on the other side
 * @len: bytes
 * @to_bus: true: @buf to memory at @bus; false: memory at @bus to @buf
 *
 * Context: process.
 * Return: 0, or -EFAULT for an address with no memory behind it.
 */
int dtest_contig_xfer(struct device *dev, dma_addr_t bus, void *buf, u32 len, bool to_bus)
{
	phys_addr_t phys = dma_to_phys(dev, bus);

	while (len) {
		unsigned long pfn = PHYS_PFN(phys);
		u32 off = offset_in_page(phys);
		u32 n = min_t(u32, len, PAGE_SIZE - off);
		void *va;

		if (!pfn_valid(pfn))
			return -EFAULT;
		va = kmap_local_page(pfn_to_page(pfn));
		if (to_bus)
			memcpy(va + off, buf, n);
		else
			memcpy(buf, va + off, n);
		kunmap_local(va);
		phys += n;
		buf += n;
		len -= n;
	}
	return 0;
}

static int soft_register(unsigned int which)
{
	struct platform_device *pdev;
	struct device *dev;
	int ret;

	pdev = platform_device_register_simple(soft_devs[which].name, PLATFORM_DEVID_NONE,
					       NULL, 0);
	if (IS_ERR(pdev))
		return PTR_ERR(pdev);
	dev = &pdev->dev;
	dev->dma_mask = &dev->coherent_dma_mask;
	ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(soft_devs[which].dma_bits));
	if (ret)
		goto unregister;
	/*
	 * Segments of any length.  Platform devices have dma_parms, so this
	 * cannot fail (it returns int on 6.1, void on 6.12).
	 */
	dma_set_max_seg_size(dev, UINT_MAX);
#if defined(CONFIG_ARCH_HAS_SYNC_DMA_FOR_DEVICE) || \
	defined(CONFIG_ARCH_HAS_SYNC_DMA_FOR_CPU) || \
	defined(CONFIG_ARCH_HAS_SYNC_DMA_FOR_CPU_ALL)
	/* The engine is the CPU: coherent with its caches. */
	dev->dma_coherent = true;
#endif
	if (soft_devs[which].flags) {
		ret = dmabuf_core_set_dev_flags(dev, soft_devs[which].flags);
		if (ret)
			goto unregister;
	}
	dtest_soft[which] = pdev;
	dev_info(dev, "software DMA test device: dma-direct, %u-bit mask%s\n",
		 soft_devs[which].dma_bits,
		 soft_devs[which].flags ? ", one contiguous segment" : ", scatter-gather");
	return 0;

unregister:
	platform_device_unregister(pdev);
	return ret;
}

/**
 * dtest_contig_init() - register the software devices
 *
 * Context: module init.
 * Return: 0 or a negative errno.
 */
int dtest_contig_init(void)
{
	unsigned int i;
	int ret;

	for (i = 0; i < DTEST_SOFT_DEVS; i++) {
		ret = soft_register(i);
		if (ret) {
			dtest_contig_exit();
			return ret;
		}
	}
	return 0;
}

/**
 * dtest_contig_exit() - unregister the software devices
 *
 * Context: module exit, or init unwinding.
 */
void dtest_contig_exit(void)
{
	unsigned int i;

	for (i = 0; i < DTEST_SOFT_DEVS; i++) {
		if (!dtest_soft[i])
			continue;
		if (soft_devs[i].flags)
			dmabuf_core_set_dev_flags(&dtest_soft[i]->dev, 0);
		platform_device_unregister(dtest_soft[i]);
		dtest_soft[i] = NULL;
	}
}
