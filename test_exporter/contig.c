// SPDX-License-Identifier: GPL-2.0
/*
 * contig.c - a software test device that needs physically contiguous
 * memory and has no IOMMU.
 *
 * "dmabuf-test-contig" is a platform device on dma-direct (no IOMMU sits
 * in front of it on either rig) with a 32-bit DMA mask.  It is not
 * hardware: its "DMA engine" is the CPU copying through the device
 * addresses the DMA API gave it (dma_to_phys()), so it moves bytes
 * exactly where a device with that mask and no scatter-gather would.
 * Because the CPU does the copy, it is cache-coherent by construction
 * and says so where the architecture keeps that per device.  It takes a
 * buffer only as one DMA segment, and tells dmabuf_core so
 * (DMABUF_CORE_DEV_CONTIGUOUS).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dma-direct.h>
#include <linux/dma-mapping.h>
#include <linux/highmem.h>
#include <linux/platform_device.h>
#include <linux/sizes.h>

#include <dmabuf_core.h>

#include "test_exporter.h"

#define CONTIG_DMA_BITS		32

static struct platform_device *dtest_contig;

/**
 * dtest_contig_dev() - the software contiguous-only device
 *
 * Context: any; valid while test_exporter is loaded.
 * Return: its struct device, or NULL when it failed to register.
 */
struct device *dtest_contig_dev(void)
{
	return dtest_contig ? &dtest_contig->dev : NULL;
}

/**
 * dtest_contig_xfer() - the device's "DMA": a CPU copy at a device address
 * @bus: device address (inside one DMA segment the device was given)
 * @buf: kernel buffer on the other side
 * @len: bytes
 * @to_bus: true: @buf to memory at @bus; false: memory at @bus to @buf
 *
 * Context: process.
 * Return: 0, or -EFAULT for an address with no memory behind it.
 */
int dtest_contig_xfer(dma_addr_t bus, void *buf, u32 len, bool to_bus)
{
	phys_addr_t phys = dma_to_phys(&dtest_contig->dev, bus);

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

/**
 * dtest_contig_init() - register the device
 *
 * Context: module init.
 * Return: 0 or a negative errno.
 */
int dtest_contig_init(void)
{
	struct platform_device *pdev;
	struct device *dev;
	int ret;

	pdev = platform_device_register_simple("dmabuf-test-contig", PLATFORM_DEVID_NONE,
					       NULL, 0);
	if (IS_ERR(pdev))
		return PTR_ERR(pdev);
	dev = &pdev->dev;
	dev->dma_mask = &dev->coherent_dma_mask;
	ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(CONTIG_DMA_BITS));
	if (ret)
		goto unregister;
	/*
	 * One segment of any length: whole buffers are one range.  Platform
	 * devices have dma_parms, so this cannot fail (it returns int on
	 * 6.1, void on 6.12).
	 */
	dma_set_max_seg_size(dev, UINT_MAX);
#if defined(CONFIG_ARCH_HAS_SYNC_DMA_FOR_DEVICE) || \
	defined(CONFIG_ARCH_HAS_SYNC_DMA_FOR_CPU) || \
	defined(CONFIG_ARCH_HAS_SYNC_DMA_FOR_CPU_ALL)
	/* The engine is the CPU: coherent with its caches. */
	dev->dma_coherent = true;
#endif
	ret = dmabuf_core_set_dev_flags(dev, DMABUF_CORE_DEV_CONTIGUOUS);
	if (ret)
		goto unregister;
	dtest_contig = pdev;
	dev_info(dev, "software DMA test device: dma-direct, %d-bit mask, one segment\n",
		 CONTIG_DMA_BITS);
	return 0;

unregister:
	platform_device_unregister(pdev);
	return ret;
}

/**
 * dtest_contig_exit() - unregister the device
 *
 * Context: module exit.
 */
void dtest_contig_exit(void)
{
	if (!dtest_contig)
		return;
	dmabuf_core_set_dev_flags(&dtest_contig->dev, 0);
	platform_device_unregister(dtest_contig);
	dtest_contig = NULL;
}
