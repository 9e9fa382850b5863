// SPDX-License-Identifier: GPL-2.0
/*
 * suite_edu.c - "dmabuf-test edu": DMA by QEMU's edu PCI device through
 * its default DMA path (the rigs put it behind an IOMMU), bytes checked
 * after the device moved them, and DTEST_IOC_EDU_DMA's validation.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

/* The device's DMA mask: no device address may reach past it. */
#define EDU_DMA_LIMIT	0x10000000ull

static int edu_dma(int fd, struct dtest_edu_dma *req, unsigned int flags,
		   unsigned int len, unsigned int seed)
{
	memset(req, 0, sizeof(*req));
	req->flags = flags;
	req->len = len;
	req->seed = seed;
	return xioctl(fd, DTEST_IOC_EDU_DMA, req);
}

int suite_edu(void)
{
	static const unsigned int lens[] = { 1, 64, 1000, DTEST_EDU_MAX_LEN };
	struct dtest_edu_dma req;
	int fd = open_dev();
	unsigned int i, mode;
	int err;

	for (mode = 0; mode < 2; mode++) {
		unsigned int flags = mode ? DTEST_EDU_COHERENT : 0;
		const char *how = mode ? "dma_alloc_coherent" : "dma_map_page";

		for (i = 0; i < ARRAY_SIZE(lens); i++) {
			err = edu_dma(fd, &req, flags, lens[i], 0x5eed + i);
			tap(!err && req.verified == lens[i],
			    "test_exporter: edu DMA round trip of %u bytes (%s) verified",
			    lens[i], how);
			if (err)
				diag("DTEST_IOC_EDU_DMA: %s", strerror(err));
		}
		tap(!err && req.dma_to_dev + DTEST_EDU_MAX_LEN <= EDU_DMA_LIMIT &&
		    req.dma_from_dev + DTEST_EDU_MAX_LEN <= EDU_DMA_LIMIT,
		    "test_exporter: edu %s addresses %#llx, %#llx are inside its 28-bit mask",
		    how, (unsigned long long)req.dma_to_dev,
		    (unsigned long long)req.dma_from_dev);
		diag("edu DMA went through %s", req.translated ?
		     "an IOMMU translation domain" : "direct (untranslated) DMA");
	}

	/* A list of two separate pages, merged into one device segment. */
	err = edu_dma(fd, &req, DTEST_EDU_SG, DTEST_EDU_MAX_LEN, 0x5e);
	tap(!err && req.verified == DTEST_EDU_MAX_LEN && req.segments == 1,
	    "test_exporter: edu DMA straddling two separate pages of a dma_map_sg list verified (%u segment)",
	    req.segments);
	if (err)
		diag("DTEST_IOC_EDU_DMA: %s", strerror(err));

	/*
	 * Negative control: skip the copy into the device, so what comes back
	 * is the device buffer left by the previous (other seed) transfer.
	 * The kernel's comparison must catch it, or "verified" proves nothing.
	 */
	err = edu_dma(fd, &req, 0, 64, 1);
	tap(!err && edu_dma(fd, &req, DTEST_EDU_SKIP_TO_DEVICE, 64, 2) == EIO,
	    "test_exporter: edu DMA verification catches stale bytes (EIO)");

	expect_errno(edu_dma(fd, &req, 0, 0, 1), EINVAL,
		     "test_exporter: EDU_DMA of 0 bytes");
	expect_errno(edu_dma(fd, &req, 0, DTEST_EDU_MAX_LEN + 1, 1), EINVAL,
		     "test_exporter: EDU_DMA of %u bytes", DTEST_EDU_MAX_LEN + 1);
	expect_errno(edu_dma(fd, &req, ~DTEST_EDU_FLAGS, 16, 1), EINVAL,
		     "test_exporter: EDU_DMA with unknown flags");
	expect_errno(edu_dma(fd, &req, DTEST_EDU_SG, 1, 1), EINVAL,
		     "test_exporter: EDU_DMA of 1 byte as a two-page list");

	memset(&req, 0, sizeof(req));
	req.len = 16;
	req.__pad = 1;
	expect_refused(fd, DTEST_IOC_EDU_DMA, &req, sizeof(req), EINVAL,
		       "test_exporter: EDU_DMA with non-zero __pad");

	memset(&req, 0, sizeof(req));
	req.len = 16;
	req.verified = 16;
	expect_errno(xioctl(fd, DTEST_IOC_EDU_DMA, &req), EINVAL,
		     "test_exporter: EDU_DMA with an output field set on input");

	close(fd);
	return tap_done();
}
