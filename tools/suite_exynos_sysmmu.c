// SPDX-License-Identifier: GPL-2.0
/*
 * suite_exynos_sysmmu.c - "dmabuf-test exynos_sysmmu": a device behind the
 * SYSMMU model, driven through /dev/dmabuf-test.
 *
 * Needs exynos_sysmmu loaded with model=3 model_version=3.3,5.0,5.0 (the
 * guest's /init does that): every check runs on the first two instances;
 * the third is a second port of a master on the second.
 *
 *  a. scattered pages mapped contiguously: the device writes a pattern,
 *     the CPU reads each page back, the device reads it back;
 *  b. remap an IOVA to other pages: the device's bytes land in the new
 *     ones (a stale TLB entry would send them to the old);
 *  c. a transfer to an unmapped IOVA and a write to a read-only page reach
 *     the fault handler with the right address and direction, and the
 *     device works afterwards;
 *  d. runtime PM of the master: suspended, its SYSMMU is off (transfers
 *     refused, state lost in the model); resumed, the driver has
 *     programmed it again and the device's bytes land where they should;
 *     with the skip_restore knob, a resume leaves it unprogrammed and
 *     the transfer fails (the proof that the model loses its state);
 *  e. a master behind two SYSMMUs (v5.0 instances 1 and 2): one domain
 *     in both, bytes written through one port read through the other,
 *     and a remap seen through the second port (its TLB flushed too; with
 *     its flushes skipped it serves the stale page);
 *  f. the device-tree path through the IOMMU core (DTEST_IOC_SYSMMU_DT,
 *     kernels with DT overlays: the debug kernel): SYSMMU nodes backed
 *     by the model and masters with "iommus", probed by the core; a
 *     paging domain from iommu_paging_domain_alloc(), attached with
 *     iommu_attach_device(), scattered pages mapped with iommu_map(),
 *     bytes moved through every SYSMMU of the master, unmapped (the
 *     device faults), detached, the overlay removed.
 *
 * With --skip-flush (or DMASHARE_SYSMMU_SKIP_FLUSH=1) b runs with the
 * driver's TLB invalidations turned off through the debugfs test knob,
 * and must fail: that is the proof the model catches a missing flush.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define MODEL_INSTANCES	2
#define SECOND_PORT	2	/* the model instance that is a second port */
#define PAGE		4096u
#define POOL		16u
#define NO_PM		"# SKIP the kernel has no runtime PM (CONFIG_PM)"
#define KNOB_DIR	"/sys/kernel/debug/exynos_sysmmu/exynos-sysmmu-model.%u/"

static const char * const instance_name[MODEL_INSTANCES] = { "v3.3", "v5.0" };

int sysmmu_skip_flush;

static void pattern(unsigned char *buf, size_t len, unsigned int seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (unsigned char)(seed + i * 13 + (i >> 12));
}

static int set_knob_named(unsigned int model, const char *knob, int on)
{
	char path[128];
	int fd, ok;

	snprintf(path, sizeof(path), KNOB_DIR "%s", model, knob);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return 0;
	ok = write(fd, on ? "1" : "0", 1) == 1;
	close(fd);
	return ok;
}

static int sysmmu_map(int fd, __u32 h, __u64 iova, __u32 first, __u32 count,
		      __u32 flags)
{
	struct dtest_sysmmu_map m = {
		.flags = flags, .handle = h, .iova = iova, .first = first,
		.count = count,
	};

	return xioctl(fd, DTEST_IOC_SYSMMU_MAP, &m);
}

static __u64 sysmmu_unmap(int fd, __u32 h, __u64 iova, __u64 size)
{
	struct dtest_sysmmu_unmap u = { .handle = h, .iova = iova, .size = size };

	return xioctl(fd, DTEST_IOC_SYSMMU_UNMAP, &u) ? 0 : u.unmapped;
}

static int set_knob(unsigned int model, int on)
{
	return set_knob_named(model, "skip_flush", on);
}

/* A device transfer through port @port; returns the ioctl's errno. */
static int sysmmu_dma_port(int fd, __u32 h, __u32 port, __u64 iova, void *buf,
			   __u64 len, int write, struct dtest_sysmmu_dma *d)
{
	memset(d, 0, sizeof(*d));
	d->port = port;
	d->flags = write ? DTEST_SYSMMU_DMA_WRITE : 0;
	d->handle = h;
	d->iova = iova;
	d->len = len;
	d->buf = (__u64)(unsigned long)buf;
	return xioctl(fd, DTEST_IOC_SYSMMU_DMA, d);
}

/* A device transfer (first port); returns the ioctl's errno, fills *@d. */
static int sysmmu_dma(int fd, __u32 h, __u64 iova, void *buf, __u64 len,
		      int write, struct dtest_sysmmu_dma *d)
{
	return sysmmu_dma_port(fd, h, 0, iova, buf, len, write, d);
}

static int sysmmu_pm(int fd, __u32 h, __u32 flags)
{
	struct dtest_sysmmu_pm p = { .flags = flags, .handle = h };

	return xioctl(fd, DTEST_IOC_SYSMMU_PM, &p);
}

static int sysmmu_page(int fd, __u32 h, __u32 page, __u32 off, void *buf,
		       __u64 len, __u32 flags)
{
	struct dtest_sysmmu_page p = {
		.flags = flags, .handle = h, .page = page, .offset = off,
		.len = len, .buf = (__u64)(unsigned long)buf,
	};

	return xioctl(fd, DTEST_IOC_SYSMMU_PAGE, &p);
}

/* a: scattered pages, written by the device, read by the CPU and device. */
static void check_scatter(int fd, __u32 h, const char *name)
{
	const size_t off = 100, len = 8 * PAGE - 2 * off;
	const __u64 iova = 0x10000000;
	unsigned char *src = malloc(len), *back = malloc(len), page[PAGE];
	struct dtest_sysmmu_dma d;
	unsigned int i;
	int ok;

	if (!src || !back) {
		tap(0, "exynos_sysmmu: %s: memory", name);
		goto out;
	}
	pattern(src, len, 0x5a);
	ok = sysmmu_map(fd, h, iova, 0, 8, 0) == 0;
	ok = ok && sysmmu_dma(fd, h, iova + off, src, len, 1, &d) == 0 && !d.result;
	tap(ok, "exynos_sysmmu: %s: device writes %zu bytes across 8 scattered pages",
	    name, len);
	for (i = 0; ok && i < 8; i++) {
		size_t from = i ? 0 : off, to = i == 7 ? PAGE - off : PAGE;

		ok = sysmmu_page(fd, h, i, 0, page, PAGE, 0) == 0 &&
		     !memcmp(page + from, src + i * PAGE + from - off, to - from);
		if (!ok)
			diag("page %u differs", i);
	}
	tap(ok, "exynos_sysmmu: %s: the CPU reads the pattern back from each page", name);
	memset(back, 0, len);
	ok = sysmmu_dma(fd, h, iova + off, back, len, 0, &d) == 0 && !d.result &&
	     !memcmp(back, src, len);
	tap(ok, "exynos_sysmmu: %s: the device reads it back equal", name);
	tap(sysmmu_unmap(fd, h, iova, 8 * PAGE) == 8 * PAGE,
	    "exynos_sysmmu: %s: unmap of the 8 pages reports 32 KiB", name);
out:
	free(src);
	free(back);
}

/*
 * b (and e, with @port 1): remap one IOVA from page 8 to page 9 after the
 * device read it through ports 0..@port, then write through @port.
 * Returns whether the bytes landed in the new page only.
 */
static int remap_lands_new(int fd, __u32 h, __u64 iova, __u32 port)
{
	unsigned char buf[256], a[256], b[256];
	struct dtest_sysmmu_dma d;
	__u32 p;
	int ok;

	ok = sysmmu_page(fd, h, 8, 0, NULL, PAGE, DTEST_SYSMMU_PAGE_CLEAR) == 0 &&
	     sysmmu_page(fd, h, 9, 0, NULL, PAGE, DTEST_SYSMMU_PAGE_CLEAR) == 0;
	ok = ok && sysmmu_map(fd, h, iova, 8, 1, 0) == 0;
	/* The device reads: the translation is now in each port's TLB. */
	for (p = 0; p <= port; p++)
		ok = ok && sysmmu_dma_port(fd, h, p, iova, buf, sizeof(buf), 0, &d) == 0 &&
		     !d.result;
	ok = ok && sysmmu_unmap(fd, h, iova, PAGE) == PAGE;
	ok = ok && sysmmu_map(fd, h, iova, 9, 1, 0) == 0;
	pattern(buf, sizeof(buf), port ? 0x77 : 0xc3);
	ok = ok && sysmmu_dma_port(fd, h, port, iova, buf, sizeof(buf), 1, &d) == 0 &&
	     !d.result;
	ok = ok && sysmmu_page(fd, h, 8, 0, a, sizeof(a), 0) == 0 &&
	     sysmmu_page(fd, h, 9, 0, b, sizeof(b), 0) == 0;
	sysmmu_unmap(fd, h, iova, PAGE);
	if (!ok) {
		diag("a step of the remap through port %u failed", port);
		return 0;
	}
	if (!memcmp(a, buf, sizeof(buf)))
		diag("port %u wrote into the old page: stale TLB entry", port);
	return !memcmp(b, buf, sizeof(buf)) && memcmp(a, buf, sizeof(buf));
}

static void check_stale_tlb(int fd, __u32 h, unsigned int model, const char *name)
{
	int ok;

	if (sysmmu_skip_flush) {
		tap(set_knob(model, 1), "exynos_sysmmu: %s: skip_flush knob set", name);
		tap(remap_lands_new(fd, h, 0x20000000, 0),
		    "exynos_sysmmu: %s: after a remap (flush SKIPPED) the device writes the new page",
		    name);
		set_knob(model, 0);
		return;
	}
	tap(remap_lands_new(fd, h, 0x20000000, 0),
	    "exynos_sysmmu: %s: after a remap the device writes the new page, not the old",
	    name);
	/* The knob itself: with it the model must serve the stale page. */
	ok = set_knob(model, 1);
	ok = ok && !remap_lands_new(fd, h, 0x20100000, 0);
	set_knob(model, 0);
	tap(ok, "exynos_sysmmu: %s: with the flush skipped the model serves the stale page",
	    name);
}

/* c: faults reach the handler with address and direction; DMA goes on. */
static void check_faults(int fd, __u32 h, const char *name)
{
	const __u64 hole = 0x30000123, ro = 0x30100000;
	unsigned char buf[64];
	struct dtest_sysmmu_dma d;
	__u32 before;
	int ok;

	ok = sysmmu_dma(fd, h, hole, buf, sizeof(buf), 0, &d) == 0;
	before = d.faults;
	tap(ok && d.result == EFAULT && d.faults >= 1 && d.fault_iova == hole &&
	    d.fault_flags == 0,
	    "exynos_sysmmu: %s: read of unmapped %#llx faults: result %u, handler saw %#llx %s",
	    name, (unsigned long long)hole, d.result,
	    (unsigned long long)d.fault_iova, d.fault_flags ? "write" : "read");

	ok = sysmmu_map(fd, h, ro, 10, 1, DTEST_SYSMMU_MAP_READONLY) == 0;
	ok = ok && sysmmu_dma(fd, h, ro + 8, buf, sizeof(buf), 0, &d) == 0 && !d.result;
	tap(ok, "exynos_sysmmu: %s: the device reads a read-only page", name);
	memset(buf, 0xee, sizeof(buf));
	ok = sysmmu_dma(fd, h, ro + 8, buf, sizeof(buf), 1, &d) == 0;
	tap(ok && d.result == EFAULT && d.faults == before + 1 &&
	    d.fault_iova == ro + 8 && d.fault_flags == 1,
	    "exynos_sysmmu: %s: a write to it faults as a write at %#llx (handler saw %#llx %s)",
	    name, (unsigned long long)(ro + 8), (unsigned long long)d.fault_iova,
	    d.fault_flags ? "write" : "read");
	ok = sysmmu_page(fd, h, 10, 0, buf, sizeof(buf), 0) == 0 && buf[8] == 0;
	tap(ok, "exynos_sysmmu: %s: the refused write left the page alone", name);

	pattern(buf, sizeof(buf), 9);
	ok = sysmmu_map(fd, h, ro + PAGE, 11, 1, 0) == 0 &&
	     sysmmu_dma(fd, h, ro + PAGE, buf, sizeof(buf), 1, &d) == 0 && !d.result;
	tap(ok, "exynos_sysmmu: %s: after the faults the device transfers again", name);
	sysmmu_unmap(fd, h, ro, 2 * PAGE);
}

/*
 * d: the master suspends and resumes.  Page 12 mapped at @iova; returns
 * whether the device's bytes, written after a suspend and resume, landed
 * in it.
 */
static int pm_cycle_lands(int fd, __u32 h, __u64 iova, unsigned int seed,
			  int *refused)
{
	unsigned char buf[128], back[128];
	struct dtest_sysmmu_dma d;

	*refused = 0;
	if (sysmmu_pm(fd, h, DTEST_SYSMMU_PM_SUSPEND))
		return 0;
	/* Off: no translation at all, not even a stale one. */
	*refused = sysmmu_dma(fd, h, iova, buf, sizeof(buf), 0, &d) == 0 &&
		   d.result == ENODEV;
	if (sysmmu_pm(fd, h, DTEST_SYSMMU_PM_RESUME))
		return 0;
	pattern(buf, sizeof(buf), seed);
	if (sysmmu_dma(fd, h, iova, buf, sizeof(buf), 1, &d) || d.result) {
		diag("after the resume the transfer ended with %u", d.result);
		return 0;
	}
	return sysmmu_page(fd, h, 12, 0, back, sizeof(back), 0) == 0 &&
	       !memcmp(back, buf, sizeof(buf));
}

static void check_pm(int fd, __u32 h, unsigned int model, const char *name)
{
	const __u64 iova = 0x40000000;
	int ok, refused;

	expect_errno(sysmmu_pm(fd, h, 0), EINVAL,
		     "exynos_sysmmu: %s: PM without a flag", name);
	expect_errno(sysmmu_pm(fd, h, DTEST_SYSMMU_PM_SUSPEND | DTEST_SYSMMU_PM_RESUME),
		     EINVAL, "exynos_sysmmu: %s: PM with both flags", name);
	if (sysmmu_pm(fd, h, DTEST_SYSMMU_PM_RESUME) == EOPNOTSUPP) {
		tap(1, "exynos_sysmmu: %s: runtime PM of the master " NO_PM, name);
		return;
	}
	ok = sysmmu_map(fd, h, iova, 12, 1, 0) == 0;
	ok = ok && pm_cycle_lands(fd, h, iova, 0x21, &refused);
	tap(ok && refused,
	    "exynos_sysmmu: %s: master suspended: transfers refused (ENODEV); resumed: the SYSMMU is programmed again and the bytes land",
	    name);
	ok = set_knob_named(model, "skip_restore", 1);
	ok = ok && !pm_cycle_lands(fd, h, iova, 0x22, &refused);
	set_knob_named(model, "skip_restore", 0);
	tap(ok, "exynos_sysmmu: %s: restore skipped: the SYSMMU lost its state, DMA fails",
	    name);
	/* The knob off again: the next resume programs it. */
	ok = pm_cycle_lands(fd, h, iova, 0x24, &refused);
	tap(ok, "exynos_sysmmu: %s: and after another suspend and resume it works again", name);
	expect_errno(sysmmu_pm(fd, h, DTEST_SYSMMU_PM_RESUME), EALREADY,
		     "exynos_sysmmu: %s: PM resume of a resumed master", name);
	sysmmu_unmap(fd, h, iova, PAGE);
}

static void check_two_ports(int fd)
{
	const unsigned int model = 1;
	const char *name = "v5.0 x2";
	const __u64 iova = 0x50000000;
	unsigned char src[3 * PAGE], back[3 * PAGE];
	struct dtest_sysmmu_create c = { .model = model, .pages = POOL };
	struct dtest_sysmmu_destroy x = { 0 };
	struct dtest_sysmmu_add a = { 0 };
	struct dtest_sysmmu_dma d;
	int ok;

	if (!tap(xioctl(fd, DTEST_IOC_SYSMMU_CREATE, &c) == 0,
		 "exynos_sysmmu: %s: a master on model instance %u, attached", name, model))
		return;
	a.handle = c.handle;
	a.model = SECOND_PORT;
	ok = xioctl(fd, DTEST_IOC_SYSMMU_ADD, &a) == 0;
	tap(ok && a.port == 1, "exynos_sysmmu: %s: behind model instance %u too, as port %u",
	    name, SECOND_PORT, a.port);
	pattern(src, sizeof(src), 0x3c);
	ok = sysmmu_map(fd, c.handle, iova, 0, 3, 0) == 0 &&
	     sysmmu_dma_port(fd, c.handle, 0, iova, src, sizeof(src), 1, &d) == 0 &&
	     !d.result;
	memset(back, 0, sizeof(back));
	ok = ok && sysmmu_dma_port(fd, c.handle, 1, iova, back, sizeof(back), 0, &d) == 0 &&
	     !d.result && !memcmp(back, src, sizeof(src));
	tap(ok, "exynos_sysmmu: %s: bytes written through port 0 read back equal through port 1",
	    name);
	sysmmu_unmap(fd, c.handle, iova, 3 * PAGE);
	tap(remap_lands_new(fd, c.handle, iova, 1),
	    "exynos_sysmmu: %s: after a remap port 1 writes the new page (its TLB was flushed too)",
	    name);
	ok = set_knob(SECOND_PORT, 1);
	ok = ok && !remap_lands_new(fd, c.handle, iova + 0x100000, 1);
	set_knob(SECOND_PORT, 0);
	tap(ok, "exynos_sysmmu: %s: with port 1's flushes skipped it serves the stale page", name);
	ok = sysmmu_pm(fd, c.handle, DTEST_SYSMMU_PM_SUSPEND);
	if (ok == EOPNOTSUPP) {
		tap(1, "exynos_sysmmu: %s: port 1 follows the master's runtime PM " NO_PM, name);
	} else {
		ok = !ok && sysmmu_map(fd, c.handle, iova, 0, 1, 0) == 0 &&
		     sysmmu_dma_port(fd, c.handle, 1, iova, src, 64, 1, &d) == 0 &&
		     d.result == ENODEV;
		ok = ok && sysmmu_pm(fd, c.handle, DTEST_SYSMMU_PM_RESUME) == 0 &&
		     sysmmu_dma_port(fd, c.handle, 1, iova, src, 64, 1, &d) == 0 &&
		     !d.result;
		sysmmu_unmap(fd, c.handle, iova, PAGE);
		tap(ok, "exynos_sysmmu: %s: port 1 follows runtime PM, programmed again",
		    name);
	}

	a.port = 0;
	expect_errno(xioctl(fd, DTEST_IOC_SYSMMU_ADD, &a), EEXIST,
		     "exynos_sysmmu: ADD of a SYSMMU the master is behind already");
	a.model = 0;
	expect_errno(xioctl(fd, DTEST_IOC_SYSMMU_ADD, &a), EINVAL,
		     "exynos_sysmmu: ADD of a SYSMMU of another table format (v3.3)");
	a.model = 7;
	expect_errno(xioctl(fd, DTEST_IOC_SYSMMU_ADD, &a), ENODEV,
		     "exynos_sysmmu: ADD of a model instance that does not exist");
	a.model = SECOND_PORT;
	a.flags = 1;
	expect_errno(xioctl(fd, DTEST_IOC_SYSMMU_ADD, &a), EINVAL,
		     "exynos_sysmmu: ADD with an unknown flag");
	a.flags = 0;
	a.port = 5;
	expect_errno(xioctl(fd, DTEST_IOC_SYSMMU_ADD, &a), EINVAL,
		     "exynos_sysmmu: ADD with a non-zero output field");
	expect_errno(sysmmu_dma_port(fd, c.handle, 2, iova, src, 16, 0, &d), EINVAL,
		     "exynos_sysmmu: DMA through a port the master does not have");
	x.handle = c.handle;
	tap(xioctl(fd, DTEST_IOC_SYSMMU_DESTROY, &x) == 0, "exynos_sysmmu: %s: destroyed", name);
}

/* f. the device-tree path: one master of the overlay, through the core. */
static void check_dt_master(int fd, __u32 master, __u32 ports, __u64 iova, __u32 pages)
{
	struct dtest_sysmmu_dt t = { .master = master, .iova = iova, .pages = pages };
	__u64 len = (__u64)pages * PAGE;
	int ret = xioctl(fd, DTEST_IOC_SYSMMU_DT, &t);

	if (!tap(ret == 0,
		 "exynos_sysmmu: DT master %u: overlay applied, master probed by the IOMMU core, run, overlay removed",
		 master)) {
		diag("DTEST_IOC_SYSMMU_DT: %s", strerror(ret));
		return;
	}
	diag("DT master %u: group %u, default domain type %u, ports %u, moved %llu bytes",
	     master, t.group, t.default_type, t.ports, (unsigned long long)t.moved);
	tap(t.default_type == DTEST_SYSMMU_DT_DOMAIN_IDENTITY,
	    "exynos_sysmmu: DT master %u: the core attached the identity default domain at probe",
	    master);
	tap(t.before_attach == ENODEV,
	    "exynos_sysmmu: DT master %u: no transfer before the paging domain is attached (%s)",
	    master, strerror(t.before_attach));
	tap(t.ports == ports,
	    "exynos_sysmmu: DT master %u: behind %u SYSMMUs from its iommus (of_xlate): %u",
	    master, ports, t.ports);
	tap(t.translated == len,
	    "exynos_sysmmu: DT master %u: iommu_iova_to_phys() finds each of %u scattered pages (%llu of %llu bytes)",
	    master, pages, (unsigned long long)t.translated, (unsigned long long)len);
	tap(t.moved == len * (1 + ports) && t.mismatches == 0,
	    "exynos_sysmmu: DT master %u: device wrote %llu bytes, CPU and every port read them back: %llu bytes differ",
	    master, (unsigned long long)len, (unsigned long long)t.mismatches);
	tap(t.unmapped == len, "exynos_sysmmu: DT master %u: iommu_unmap() unmapped %llu bytes",
	    master, (unsigned long long)t.unmapped);
	tap(t.fault_result == EFAULT && t.faults == 1 && t.fault_iova == iova,
	    "exynos_sysmmu: DT master %u: after the unmap the device faults at %#llx (%s, %u faults, at %#llx)",
	    master, (unsigned long long)iova, strerror(t.fault_result), t.faults,
	    (unsigned long long)t.fault_iova);
	tap(t.restored_type == DTEST_SYSMMU_DT_DOMAIN_IDENTITY,
	    "exynos_sysmmu: DT master %u: iommu_detach_device() puts the default domain back",
	    master);
}

static void check_dt(int fd)
{
	struct dtest_sysmmu_dt t = { .master = 0, .iova = 0x100000, .pages = 1 };
	int ret = xioctl(fd, DTEST_IOC_SYSMMU_DT, &t);

	if (ret == EOPNOTSUPP) {
		tap(1, "%s",
		    "exynos_sysmmu: DT masters through the IOMMU core # SKIP the kernel has no device-tree overlays (or keeps IOMMU ops per bus)");
		return;
	}
	/* Across a section boundary, so two lv2 tables are linked. */
	check_dt_master(fd, 0, 2, 0x2ff000, 37);
	check_dt_master(fd, 1, 1, 0x7f0000, 64);
	/* Each run removes what it applied: again, and the same result. */
	check_dt_master(fd, 0, 2, 0xfff00000, 256);
	memset(&t, 0, sizeof(t));
	t.master = 2;
	t.pages = 1;
	expect_errno(xioctl(fd, DTEST_IOC_SYSMMU_DT, &t), EINVAL,
		     "exynos_sysmmu: DT with a master the overlay does not have");
	t.master = 0;
	t.iova = 0xfffff000;
	t.pages = 2;
	expect_errno(xioctl(fd, DTEST_IOC_SYSMMU_DT, &t), EINVAL,
		     "exynos_sysmmu: DT past the end of the 4 GiB space");
	t.iova = 0xfffffffffffff000ull;
	t.pages = 1;
	expect_errno(xioctl(fd, DTEST_IOC_SYSMMU_DT, &t), EINVAL,
		     "exynos_sysmmu: DT at an IOVA that wraps around");
	t.iova = 0x1234;
	expect_errno(xioctl(fd, DTEST_IOC_SYSMMU_DT, &t), EINVAL,
		     "exynos_sysmmu: DT at an unaligned IOVA");
	t.iova = 0;
	t.pages = 0;
	expect_errno(xioctl(fd, DTEST_IOC_SYSMMU_DT, &t), EINVAL,
		     "exynos_sysmmu: DT without pages");
	t.pages = 257;
	expect_errno(xioctl(fd, DTEST_IOC_SYSMMU_DT, &t), EINVAL,
		     "exynos_sysmmu: DT with too many pages");
	t.pages = 1;
	t.flags = 1;
	expect_errno(xioctl(fd, DTEST_IOC_SYSMMU_DT, &t), EINVAL,
		     "exynos_sysmmu: DT with an unknown flag");
	t.flags = 0;
	t.__pad = 1;
	expect_errno(xioctl(fd, DTEST_IOC_SYSMMU_DT, &t), EINVAL,
		     "exynos_sysmmu: DT with non-zero padding");
	t.__pad = 0;
	t.moved = 1;
	expect_errno(xioctl(fd, DTEST_IOC_SYSMMU_DT, &t), EINVAL,
		     "exynos_sysmmu: DT with a non-zero output field");
}

/*
 * A SYSMMU translates for one master: a second context on the same
 * instance, from another file, is refused while @h is attached, and @h's
 * DMA keeps going through its own table.
 */
static void check_one_master(int fd, __u32 h)
{
	struct dtest_sysmmu_create c2 = { .model = 0, .pages = 1 };
	struct dtest_sysmmu_dma d;
	unsigned char out[64], in[64];
	int other = open_dev(), ok;

	expect_errno(xioctl(other, DTEST_IOC_SYSMMU_CREATE, &c2), EBUSY,
		     "exynos_sysmmu: a second master on a SYSMMU in use (another file)");
	memset(out, 0xa5, sizeof(out));
	memset(in, 0, sizeof(in));
	ok = !sysmmu_map(fd, h, 0x10000, 0, 1, 0) &&
	     !sysmmu_dma(fd, h, 0x10000, out, sizeof(out), 1, &d) && !d.result &&
	     !sysmmu_dma(fd, h, 0x10000, in, sizeof(in), 0, &d) && !d.result &&
	     !memcmp(in, out, sizeof(in));
	tap(ok, "exynos_sysmmu: the first master's DMA still goes through its own table");
	close(other);
}

int suite_exynos_sysmmu(void)
{
	struct dtest_sysmmu_create c;
	struct dtest_sysmmu_destroy x;
	const char *env = getenv("DMASHARE_SYSMMU_SKIP_FLUSH");
	unsigned int model;
	int fd = open_dev();

	if (env && !strcmp(env, "1"))
		sysmmu_skip_flush = 1;
	for (model = 0; model < MODEL_INSTANCES; model++) {
		const char *name = instance_name[model];
		char path[96];

		snprintf(path, sizeof(path), "/sys/class/iommu/exynos-sysmmu-model.%u",
			 model);
		tap(access(path, F_OK) == 0, "exynos_sysmmu: %s: %s exists", name, path);
		memset(&c, 0, sizeof(c));
		c.model = model;
		c.pages = POOL;
		if (!tap(xioctl(fd, DTEST_IOC_SYSMMU_CREATE, &c) == 0,
			 "exynos_sysmmu: %s: a master on model instance %u, attached",
			 name, model))
			continue;
		check_scatter(fd, c.handle, name);
		check_stale_tlb(fd, c.handle, model, name);
		check_faults(fd, c.handle, name);
		check_pm(fd, c.handle, model, name);
		memset(&x, 0, sizeof(x));
		x.handle = c.handle;
		tap(xioctl(fd, DTEST_IOC_SYSMMU_DESTROY, &x) == 0,
		    "exynos_sysmmu: %s: destroyed", name);
	}

	check_two_ports(fd);
	check_dt(fd);

	/* Argument checks of the new commands. */
	memset(&c, 0, sizeof(c));
	c.model = 0;
	c.pages = POOL;
	c.flags = 1;
	expect_errno(xioctl(fd, DTEST_IOC_SYSMMU_CREATE, &c), EINVAL,
		     "exynos_sysmmu: CREATE with an unknown flag");
	c.flags = 0;
	c.model = 7;
	expect_errno(xioctl(fd, DTEST_IOC_SYSMMU_CREATE, &c), ENODEV,
		     "exynos_sysmmu: CREATE on a model instance that does not exist");
	memset(&c, 0, sizeof(c));
	c.pages = 1;
	if (xioctl(fd, DTEST_IOC_SYSMMU_CREATE, &c) == 0) {
		struct dtest_sysmmu_dma d;
		unsigned char b[16];

		expect_errno(sysmmu_map(fd, c.handle, 0xfffffffffffff000ull, 0, 1, 0),
			     EINVAL, "exynos_sysmmu: MAP at an IOVA that wraps around");
		expect_errno(sysmmu_dma(fd, c.handle, 0xfffffffffffffff0ull, b, sizeof(b),
					0, &d),
			     EINVAL, "exynos_sysmmu: DMA at an IOVA that wraps around");
		expect_errno(sysmmu_map(fd, c.handle, 0xfffff000, 0, 2, 0), EINVAL,
			     "exynos_sysmmu: MAP past the end of the 4 GiB space");
		check_one_master(fd, c.handle);
		x.flags = 0;
		x.handle = c.handle;
		xioctl(fd, DTEST_IOC_SYSMMU_DESTROY, &x);
	}
	memset(&x, 0, sizeof(x));
	x.handle = 12345;
	expect_errno(xioctl(fd, DTEST_IOC_SYSMMU_DESTROY, &x), ENOENT,
		     "exynos_sysmmu: DESTROY of an unknown handle");
	close(fd);
	return tap_done();
}
