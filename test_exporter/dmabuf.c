// SPDX-License-Identifier: GPL-2.0
/*
 * test_exporter dmabuf: the DTEST_IOC_DMABUF_* ioctls, driving dmabuf_core.
 *
 * Each open file is one dmabuf_core owner; the buffers it allocates are
 * charged to it and live as long as their fds and mappings do, wherever
 * those went.  Attachments of test devices (QEMU's edu, the software
 * contiguous and scatter-gather devices, a master behind the model SYSMMU,
 * dmabuf_sysmmu.c) to any dma-buf fd are the file's own, named by
 * per-file handles, and are unmapped and detached when it is closed.
 * The scatter-gather device can also attach as a dynamic importer, whose
 * move_notify drops its mapping.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/capability.h>
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/dma-resv.h>
#include <linux/err.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/iosys-map.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include <cma_pool.h>
#include <dmabuf_core.h>
#include <uapi/dmabuf-test.h>

#include "test_exporter.h"

/* Bytes per edu transfer: below its 4 KiB buffer, which QEMU 7.2 cannot fill. */
#define EDU_CHUNK	2048

/**
 * struct dtest_dmabuf_att - one attachment made through DMABUF_ATTACH
 * @attach:	from dmabuf_core_import() (or import_dynamic()), holding a
 *		dma-buf reference
 * @device:	DTEST_DMABUF_DEV_*
 * @dev:	the device, referenced
 * @sgt:	the mapping, or NULL; for a dynamic importer written under the
 *		dma-buf's reservation lock too (move_notify drops it)
 * @dir:	its direction
 * @edu_held:	edu's DMA path holds this attachment's mappings: counted
 *		from its first map until it is released, because dmabuf_core
 *		keeps a mapping cached after unmap and undoes it only at
 *		detach or migration (on the path it was made on)
 * @dynamic:	attached with dma_buf_dynamic_attach() (DTEST_DMABUF_DEV_DYN)
 * @moves:	move_notify calls; under the reservation lock
 */
struct dtest_dmabuf_att {
	struct dma_buf_attachment *attach;
	unsigned int device;
	struct device *dev;
	struct sg_table *sgt;
	enum dma_data_direction dir;
	bool edu_held;
	bool dynamic;
	u64 moves;
};

/**
 * struct dtest_dmabuf_file - a file's dmabuf_core state
 * @lock:	protects @atts and keeps an attachment alive while used
 * @owner:	what the file's buffers are charged to
 * @atts:	handle -> struct dtest_dmabuf_att
 */
struct dtest_dmabuf_file {
	struct mutex lock;	/* atts */
	struct dmabuf_core_owner *owner;
	struct xarray atts;
};

static struct dtest_dmabuf_file *dmabuf_of(struct file *file)
{
	struct dtest_file *df = file->private_data;

	return df->dmabuf;
}

/**
 * dtest_dmabuf_open() - set up the dmabuf state of an open file
 * @df: the file's state
 *
 * Context: process.
 * Return: 0 or a negative errno.
 */
int dtest_dmabuf_open(struct dtest_file *df)
{
	struct dtest_dmabuf_file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return -ENOMEM;
	f->owner = dmabuf_core_owner_create("dmabuf-test", 0);
	if (IS_ERR(f->owner)) {
		int ret = PTR_ERR(f->owner);

		kfree(f);
		return ret;
	}
	mutex_init(&f->lock);
	xa_init_flags(&f->atts, XA_FLAGS_ALLOC1);
	df->dmabuf = f;
	return 0;
}

/* Over all files, for DTEST_IOC_STATS: attachments, those mapped. */
static atomic_long_t dtest_dmabuf_nr_atts;
static atomic_long_t dtest_dmabuf_nr_mapped;

/**
 * dtest_dmabuf_stats() - fill the dmabuf part of DTEST_IOC_STATS
 * @st: the answer being built
 *
 * Context: process.
 */
void dtest_dmabuf_stats(struct dtest_stats *st)
{
	struct dmabuf_core_stats cs;

	dmabuf_core_get_stats(&cs);
	st->dmabuf_buffers = cs.buffers;
	st->dmabuf_bytes = cs.bytes;
	st->dmabuf_backed = cs.backed;
	st->dmabuf_attachments = atomic_long_read(&dtest_dmabuf_nr_atts);
	st->dmabuf_mapped = atomic_long_read(&dtest_dmabuf_nr_mapped);
}

static struct dma_resv *att_resv(struct dtest_dmabuf_att *att)
{
	return att->attach->dmabuf->resv;
}

/*
 * Map an attachment; for edu under its lock, and counted from the first
 * map until the attachment is released, so that edu's DMA path does not
 * change under a mapping, cached ones included (test_exporter/edu.c).
 * A dynamic importer maps and unmaps under the reservation lock, as the
 * core wants of it on every kernel.
 */
static struct sg_table *att_map(struct dtest_dmabuf_att *att, enum dma_data_direction dir)
{
	bool edu = att->device == DTEST_DMABUF_DEV_EDU;
	struct sg_table *sgt;

	if (att->dynamic) {
		dma_resv_assert_held(att_resv(att));
		return dma_buf_map_attachment(att->attach, dir);
	}
	if (edu && !dtest_edu_get())
		return ERR_PTR(-ENODEV);
	sgt = dmabuf_core_import_map(att->attach, dir);
	if (edu) {
		if (!IS_ERR(sgt) && !att->edu_held) {
			dtest_edu_dmabuf_mapped(1);
			att->edu_held = true;
		}
		dtest_edu_put();
	}
	return sgt;
}

static void att_unmap(struct dtest_dmabuf_att *att)
{
	if (att->dynamic) {
		dma_resv_assert_held(att_resv(att));
		dma_buf_unmap_attachment(att->attach, att->sgt, att->dir);
	} else {
		dmabuf_core_import_unmap(att->attach, att->sgt, att->dir);
	}
	att->sgt = NULL;
	atomic_long_dec(&dtest_dmabuf_nr_mapped);
}

/* The reservation lock of a dynamic importer's buffer, around its mapping. */
static void att_lock(struct dtest_dmabuf_att *att)
{
	if (att->dynamic)
		dma_resv_lock(att_resv(att), NULL);
}

static void att_unlock(struct dtest_dmabuf_att *att)
{
	if (att->dynamic)
		dma_resv_unlock(att_resv(att));
}

/*
 * The exporter moves the buffer: drop the mapping, which points at the
 * old backing; the next DMABUF_MAP maps the new one.  Called with the
 * reservation lock held, by whoever attached the device that made the
 * buffer move, so it takes no lock of ours.
 */
static void dyn_move_notify(struct dma_buf_attachment *attach)
{
	struct dtest_dmabuf_att *att = attach->importer_priv;

	dma_resv_assert_held(attach->dmabuf->resv);
	att->moves++;
	if (att->sgt)
		att_unmap(att);
}

static const struct dma_buf_attach_ops dyn_ops = {
	.allow_peer2peer = false,
	.move_notify = dyn_move_notify,
};

static void att_release(struct dtest_dmabuf_att *att)
{
	att_lock(att);
	if (att->sgt)
		att_unmap(att);
	att_unlock(att);
	/* Detaching undoes the cached mapping: then edu's path may change. */
	dmabuf_core_import_release(att->attach);
	if (att->edu_held && dtest_edu_get()) {
		dtest_edu_dmabuf_mapped(-1);
		dtest_edu_put();
	}
	atomic_long_dec(&dtest_dmabuf_nr_atts);
	if (att->device == DTEST_DMABUF_DEV_SYSMMU)
		dtest_dmabuf_sysmmu_destroy(att->dev);
	put_device(att->dev);
	kfree(att);
}

/**
 * dtest_dmabuf_release() - unmap and detach what the file attached
 * @df: the file's state
 *
 * Its buffers stay while fds or mappings of them remain elsewhere.
 *
 * Context: process.
 */
void dtest_dmabuf_release(struct dtest_file *df)
{
	struct dtest_dmabuf_file *f = df->dmabuf;
	struct dtest_dmabuf_att *att;
	unsigned long h;

	if (!f)
		return;
	xa_for_each(&f->atts, h, att)
		att_release(att);
	xa_destroy(&f->atts);
	dmabuf_core_owner_put(f->owner);
	mutex_destroy(&f->lock);
	kfree(f);
}

static const enum dmabuf_core_policy policies[] = {
	[DTEST_DMABUF_POLICY_AUTO] = DMABUF_CORE_POLICY_AUTO,
	[DTEST_DMABUF_POLICY_SYSTEM] = DMABUF_CORE_POLICY_SYSTEM,
	[DTEST_DMABUF_POLICY_CONTIG] = DMABUF_CORE_POLICY_CONTIG,
};

int dtest_ioctl_dmabuf_alloc(struct file *file, void *arg)
{
	struct dtest_dmabuf_alloc *req = arg;
	struct dmabuf_core_export_info info = { };
	struct dma_buf *dmabuf;
	int fd;

	if (req->flags & ~DTEST_DMABUF_ALLOC_FLAGS || req->fd)
		return -EINVAL;
	if (req->policy >= ARRAY_SIZE(policies) || !req->size)
		return -EINVAL;
	if (req->pool_id && req->policy == DTEST_DMABUF_POLICY_SYSTEM)
		return -EINVAL;	/* no contiguous backing to take from it */
	info.size = req->size;
	if (info.size != req->size)
		return -EINVAL;	/* 32-bit size_t */
	info.policy = policies[req->policy];
	info.owner = dmabuf_of(file)->owner;
	if (req->flags & DTEST_DMABUF_ALLOC_DMA32)
		info.flags |= DMABUF_CORE_DMA32;
	if (req->pool_id) {
		info.pool = dtest_cma_pool_get(req->pool_id);
		if (!info.pool)
			return -ENOENT;
	}
	dmabuf = dmabuf_core_export(&info);
	cma_pool_put(info.pool);	/* the buffer holds its own */
	if (IS_ERR(dmabuf))
		return PTR_ERR(dmabuf);
	fd = dma_buf_fd(dmabuf, req->flags & DTEST_DMABUF_ALLOC_CLOEXEC ? O_CLOEXEC : 0);
	if (fd < 0) {
		dma_buf_put(dmabuf);
		return fd;
	}
	/*
	 * The fd is installed: userspace may already use or close it.  Only
	 * the copy back of the number can fail now, and then the process
	 * keeps an fd it does not know about, as with DMA_HEAP_IOCTL_ALLOC.
	 */
	req->fd = fd;
	return 0;
}

static struct device *test_device(unsigned int device)
{
	struct device *dev = NULL;

	switch (device) {
	case DTEST_DMABUF_DEV_EDU:
		dev = dtest_edu_get();
		if (dev) {
			get_device(dev);
			dtest_edu_put();
		}
		break;
	case DTEST_DMABUF_DEV_CONTIG:
	case DTEST_DMABUF_DEV_SG:
	case DTEST_DMABUF_DEV_DYN:
		dev = dtest_contig_dev(device == DTEST_DMABUF_DEV_CONTIG ? DTEST_SOFT_CONTIG :
				       DTEST_SOFT_SG);
		if (dev)
			get_device(dev);
		break;
	case DTEST_DMABUF_DEV_SYSMMU:
		return dtest_dmabuf_sysmmu_create();
	}
	return dev ? dev : ERR_PTR(-ENODEV);
}

/* dmabuf_core_import() for a dynamic importer; released the same way. */
static struct dma_buf_attachment *import_dynamic(u32 fd, struct dtest_dmabuf_att *att)
{
	struct dma_buf_attachment *attach;
	struct dma_buf *dmabuf;

	dmabuf = dma_buf_get(fd);
	if (IS_ERR(dmabuf))
		return ERR_CAST(dmabuf);
	/*
	 * It exists to test dmabuf_core's move_notify.  A static exporter's
	 * buffer is mapped at once for it, and the kernel's own exporters
	 * (the system heap) map without DMA_ATTR_SKIP_CPU_SYNC, so a second
	 * device mapping theirs would be reported by DMA-API debug.
	 */
	if (!dmabuf_core_is_ours(dmabuf)) {
		dma_buf_put(dmabuf);
		return ERR_PTR(-EINVAL);
	}
	attach = dma_buf_dynamic_attach(dmabuf, att->dev, &dyn_ops, att);
	if (IS_ERR(attach))
		dma_buf_put(dmabuf);
	return attach;
}

int dtest_ioctl_dmabuf_attach(struct file *file, void *arg)
{
	struct dtest_dmabuf_file *f = dmabuf_of(file);
	struct dtest_dmabuf_attach *req = arg;
	struct dtest_dmabuf_att *att;
	u32 handle;
	int ret;

	if (req->flags & ~DTEST_DMABUF_ATTACH_FLAGS || req->handle)
		return -EINVAL;
	if (req->device < DTEST_DMABUF_DEV_EDU || req->device > DTEST_DMABUF_DEV_DYN)
		return -EINVAL;
	if (req->fd > INT_MAX)
		return -EBADF;
	att = kzalloc(sizeof(*att), GFP_KERNEL);
	if (!att)
		return -ENOMEM;
	att->device = req->device;
	att->dev = test_device(req->device);
	if (IS_ERR(att->dev)) {
		ret = PTR_ERR(att->dev);
		goto free_att;
	}
	att->dynamic = req->device == DTEST_DMABUF_DEV_DYN;
	if (att->dynamic)
		att->attach = import_dynamic(req->fd, att);
	else
		att->attach = dmabuf_core_import(req->fd, att->dev);
	if (IS_ERR(att->attach)) {
		ret = PTR_ERR(att->attach);
		goto put_dev;
	}
	mutex_lock(&f->lock);
	ret = xa_alloc(&f->atts, &handle, att, xa_limit_31b, GFP_KERNEL);
	mutex_unlock(&f->lock);
	if (ret)
		goto release;
	atomic_long_inc(&dtest_dmabuf_nr_atts);
	req->handle = handle;
	return 0;

release:
	dmabuf_core_import_release(att->attach);
put_dev:
	if (att->device == DTEST_DMABUF_DEV_SYSMMU)
		dtest_dmabuf_sysmmu_destroy(att->dev);
	put_device(att->dev);
free_att:
	kfree(att);
	return ret;
}

static const enum dma_data_direction dirs[] = {
	[DTEST_DMABUF_BIDIRECTIONAL] = DMA_BIDIRECTIONAL,
	[DTEST_DMABUF_TO_DEVICE] = DMA_TO_DEVICE,
	[DTEST_DMABUF_FROM_DEVICE] = DMA_FROM_DEVICE,
};

int dtest_ioctl_dmabuf_map(struct file *file, void *arg)
{
	struct dtest_dmabuf_file *f = dmabuf_of(file);
	struct dtest_dmabuf_map *req = arg;
	bool unmap = req->flags & DTEST_DMABUF_MAP_UNMAP;
	struct dtest_dmabuf_att *att;
	struct sg_table *sgt;
	int ret = 0;

	if (req->flags & ~DTEST_DMABUF_MAP_FLAGS || req->nents || req->dma_addr ||
	    req->dma_len)
		return -EINVAL;
	if (req->dir >= ARRAY_SIZE(dirs) || (unmap && req->dir))
		return -EINVAL;
	mutex_lock(&f->lock);
	att = xa_load(&f->atts, req->handle);
	if (!att) {
		mutex_unlock(&f->lock);
		return -ENOENT;
	}
	att_lock(att);
	if (unmap) {
		if (!att->sgt)
			ret = -ENOENT;
		else
			att_unmap(att);
	} else if (att->sgt) {
		ret = -EBUSY;
	} else {
		sgt = att_map(att, dirs[req->dir]);
		if (IS_ERR(sgt)) {
			ret = PTR_ERR(sgt);
		} else {
			att->sgt = sgt;
			atomic_long_inc(&dtest_dmabuf_nr_mapped);
			att->dir = dirs[req->dir];
			req->nents = sgt->nents;
			/* A bus address is for privileged callers only. */
			req->dma_addr = capable(CAP_SYS_ADMIN) ?
					sg_dma_address(sgt->sgl) : 0;
			req->dma_len = sg_dma_len(sgt->sgl);
		}
	}
	att_unlock(att);
	mutex_unlock(&f->lock);
	return ret;
}

/*
 * Move @len bytes at device address @bus between @buf and memory:
 * to_bus: the device writes @buf there.
 */
static int device_xfer(struct dtest_dmabuf_att *att, dma_addr_t bus, u8 *buf,
		       struct page *bounce, u32 len, bool to_bus)
{
	dma_addr_t b;
	int ret = 0;
	u32 n;

	if (att->device == DTEST_DMABUF_DEV_SYSMMU)
		return dtest_dmabuf_sysmmu_xfer(att->dev, bus, buf, len, to_bus);
	if (att->device != DTEST_DMABUF_DEV_EDU)
		return dtest_contig_xfer(att->dev, bus, buf, len, to_bus);

	/* edu: through its own buffer and a bounce page of ours. */
	b = dma_map_page(att->dev, bounce, 0, PAGE_SIZE, DMA_BIDIRECTIONAL);
	if (dma_mapping_error(att->dev, b))
		return -ENOMEM;
	while (len && !ret) {
		n = min_t(u32, len, EDU_CHUNK);
		if (to_bus) {
			dma_sync_single_for_cpu(att->dev, b, PAGE_SIZE, DMA_BIDIRECTIONAL);
			memcpy(page_address(bounce), buf, n);
			dma_sync_single_for_device(att->dev, b, PAGE_SIZE, DMA_BIDIRECTIONAL);
			ret = dtest_edu_xfer(b, n, false);
			if (!ret)
				ret = dtest_edu_xfer(bus, n, true);
		} else {
			ret = dtest_edu_xfer(bus, n, false);
			if (!ret)
				ret = dtest_edu_xfer(b, n, true);
			dma_sync_single_for_cpu(att->dev, b, PAGE_SIZE, DMA_BIDIRECTIONAL);
			memcpy(buf, page_address(bounce), n);
			dma_sync_single_for_device(att->dev, b, PAGE_SIZE, DMA_BIDIRECTIONAL);
		}
		bus += n;
		buf += n;
		len -= n;
	}
	dma_unmap_page(att->dev, b, PAGE_SIZE, DMA_BIDIRECTIONAL);
	return ret;
}

static bool dir_allows(enum dma_data_direction dir, bool write)
{
	return dir == DMA_BIDIRECTIONAL || dir == (write ? DMA_FROM_DEVICE : DMA_TO_DEVICE);
}

static void fill_pattern(u8 *buf, u64 offset, u32 len, u32 seed)
{
	u32 i;

	for (i = 0; i < len; i++)
		buf[i] = DTEST_DMABUF_PATTERN(seed, offset + i);
}

static u32 check_pattern(const u8 *buf, u64 offset, u32 len, u32 seed)
{
	u32 i;

	for (i = 0; i < len; i++)
		if (buf[i] != DTEST_DMABUF_PATTERN(seed, offset + i))
			break;
	return i;
}

/* The transfer of DMABUF_DMA, on a mapped attachment; f->lock held. */
static int dmabuf_dma(struct dtest_dmabuf_att *att, struct dtest_dmabuf_dma *req, u8 *buf,
		      struct page *bounce)
{
	bool write = req->flags & DTEST_DMABUF_DMA_WRITE;
	u64 skip = req->offset, done = 0;
	struct scatterlist *sg;
	unsigned int i;
	int ret;

	if (att->device == DTEST_DMABUF_DEV_CONTIG && att->sgt->nents != 1)
		return -EIO;	/* it has no scatter-gather */
	for_each_sgtable_dma_sg(att->sgt, sg, i) {
		u64 seg = sg_dma_len(sg);
		u32 n;

		if (skip >= seg) {
			skip -= seg;
			continue;
		}
		n = min_t(u64, seg - skip, req->len - done);
		if (write)
			fill_pattern(buf, req->offset + done, n, req->seed);
		ret = device_xfer(att, sg_dma_address(sg) + skip, buf, bounce, n, write);
		if (ret)
			return ret;
		if (!write && check_pattern(buf, req->offset + done, n, req->seed) != n)
			return -EIO;
		done += n;
		skip = 0;
		if (done == req->len)
			break;
	}
	req->verified = done;
	return done == req->len ? 0 : -EIO;
}

int dtest_ioctl_dmabuf_dma(struct file *file, void *arg)
{
	struct dtest_dmabuf_file *f = dmabuf_of(file);
	struct dtest_dmabuf_dma *req = arg;
	bool write = req->flags & DTEST_DMABUF_DMA_WRITE;
	struct dtest_dmabuf_att *att;
	struct page *bounce;
	u64 end;
	u8 *buf;
	int ret;

	if (req->flags & ~DTEST_DMABUF_DMA_FLAGS || req->__pad || req->verified)
		return -EINVAL;
	if (!req->len || req->len > DTEST_DMABUF_MAX_DMA ||
	    check_add_overflow(req->offset, req->len, &end))
		return -EINVAL;
	buf = kvmalloc(req->len, GFP_KERNEL);
	/*
	 * edu's bounce page: in ZONE_DMA, under edu's 28-bit mask, for when
	 * edu does direct DMA (its IOMMU group set to identity).
	 */
	bounce = alloc_page(GFP_KERNEL | GFP_DMA);
	ret = -ENOMEM;
	if (!buf || !bounce)
		goto free;

	mutex_lock(&f->lock);
	att = xa_load(&f->atts, req->handle);
	if (!att) {
		ret = -ENOENT;
		goto unlock;
	}
	/* A dynamic importer's mapping holds only under the reservation lock. */
	att_lock(att);
	if (!att->sgt) {
		ret = -ENOENT;
	} else if (end > att->attach->dmabuf->size || !dir_allows(att->dir, write)) {
		ret = -EINVAL;
	} else if (att->device == DTEST_DMABUF_DEV_EDU) {
		struct device *edu = dtest_edu_get();

		ret = -ENODEV;	/* the device we attached went away */
		if (edu == att->dev)
			ret = dmabuf_dma(att, req, buf, bounce);
		if (edu)
			dtest_edu_put();
	} else {
		ret = dmabuf_dma(att, req, buf, bounce);
	}
	att_unlock(att);
unlock:
	mutex_unlock(&f->lock);
free:
	if (bounce)
		__free_page(bounce);
	kvfree(buf);
	return ret;
}

int dtest_ioctl_dmabuf_detach(struct file *file, void *arg)
{
	struct dtest_dmabuf_file *f = dmabuf_of(file);
	struct dtest_dmabuf_detach *req = arg;
	struct dtest_dmabuf_att *att;

	if (req->flags & ~DTEST_DMABUF_DETACH_FLAGS)
		return -EINVAL;
	mutex_lock(&f->lock);
	att = xa_erase(&f->atts, req->handle);
	mutex_unlock(&f->lock);
	if (!att)
		return -ENOENT;
	att_release(att);
	return 0;
}

static struct dma_buf *get_dmabuf(u32 fd)
{
	if (fd > INT_MAX)
		return ERR_PTR(-EBADF);
	return dma_buf_get(fd);
}

/* dmabuf_core_get_info() of the dma-buf behind @fd. */
static int fd_info(u32 fd, struct dmabuf_core_info *info)
{
	struct dma_buf *dmabuf = get_dmabuf(fd);
	int ret;

	if (IS_ERR(dmabuf))
		return PTR_ERR(dmabuf);
	ret = dmabuf_core_get_info(dmabuf, info);
	dma_buf_put(dmabuf);
	return ret;
}

int dtest_ioctl_dmabuf_info(struct file *file, void *arg)
{
	struct dtest_dmabuf_info *req = arg;
	struct dmabuf_core_info info;
	int ret;

	if (req->flags & ~DTEST_DMABUF_INFO_FLAGS)
		return -EINVAL;
	if (req->size || req->backing || req->chunks || req->backed || req->attachments ||
	    req->mapped || req->vmaps || req->mmaps || req->maps || req->migrations)
		return -EINVAL;
	ret = fd_info(req->fd, &info);
	if (ret)
		return ret;
	req->size = info.size;
	req->backing = info.backing;
	req->chunks = info.chunks;
	req->backed = info.backed;
	req->attachments = info.attachments;
	req->mapped = info.mapped;
	req->vmaps = info.vmaps;
	req->mmaps = info.mmaps;
	req->maps = info.maps;
	req->migrations = info.migrations;
	return 0;
}

int dtest_ioctl_dmabuf_phys(struct file *file, void *arg)
{
	struct dtest_dmabuf_phys *req = arg;
	struct dmabuf_core_info info;
	int ret;

	if (req->flags & ~DTEST_DMABUF_PHYS_FLAGS)
		return -EINVAL;
	if (req->min_phys || req->max_phys || req->chunks || req->backing)
		return -EINVAL;
	/* Physical addresses are for privileged callers only. */
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	ret = fd_info(req->fd, &info);
	if (ret)
		return ret;
	req->min_phys = info.min_phys;
	req->max_phys = info.max_phys;
	req->chunks = info.chunks;
	req->backing = info.backing;
	return 0;
}

int dtest_ioctl_dmabuf_att_info(struct file *file, void *arg)
{
	struct dtest_dmabuf_file *f = dmabuf_of(file);
	struct dtest_dmabuf_att_info *req = arg;
	struct dtest_dmabuf_att *att;

	if (req->flags & ~DTEST_DMABUF_ATT_INFO_FLAGS)
		return -EINVAL;
	if (req->device || req->mapped || req->moves)
		return -EINVAL;
	mutex_lock(&f->lock);
	att = xa_load(&f->atts, req->handle);
	if (att) {
		att_lock(att);
		req->device = att->device;
		req->mapped = !!att->sgt;
		req->moves = att->moves;
		att_unlock(att);
	}
	mutex_unlock(&f->lock);
	return att ? 0 : -ENOENT;
}

int dtest_ioctl_dmabuf_stats(struct file *file, void *arg)
{
	struct dtest_dmabuf_stats *req = arg;
	struct dmabuf_core_stats st;

	if (req->flags & ~DTEST_DMABUF_STATS_FLAGS || req->__pad)
		return -EINVAL;
	if (req->buffers || req->bytes || req->backed)
		return -EINVAL;
	if (req->flags & DTEST_DMABUF_STATS_OWNER)
		dmabuf_core_owner_stats(dmabuf_of(file)->owner, &st);
	else
		dmabuf_core_get_stats(&st);
	req->buffers = st.buffers;
	req->bytes = st.bytes;
	req->backed = st.backed;
	return 0;
}

int dtest_ioctl_dmabuf_owner(struct file *file, void *arg)
{
	struct dtest_dmabuf_owner *req = arg;

	if (req->flags & ~DTEST_DMABUF_OWNER_FLAGS || req->__pad)
		return -EINVAL;
	dmabuf_core_owner_set_limit(dmabuf_of(file)->owner, req->limit);
	return 0;
}

int dtest_ioctl_dmabuf_vmap(struct file *file, void *arg)
{
	struct dtest_dmabuf_vmap *req = arg;
	bool write = req->flags & DTEST_DMABUF_VMAP_WRITE;
	struct dma_buf *dmabuf;
	struct iosys_map map;
	u8 *va;
	u64 end;
	int ret;

	if (req->flags & ~DTEST_DMABUF_VMAP_FLAGS || req->__pad || req->verified)
		return -EINVAL;
	if (!req->len || check_add_overflow(req->offset, req->len, &end))
		return -EINVAL;
	dmabuf = get_dmabuf(req->fd);
	if (IS_ERR(dmabuf))
		return PTR_ERR(dmabuf);
	ret = -EINVAL;
	if (end > dmabuf->size)
		goto put;
	ret = dma_buf_begin_cpu_access(dmabuf, write ? DMA_TO_DEVICE : DMA_FROM_DEVICE);
	if (ret)
		goto put;
	iosys_map_clear(&map);
	ret = dmashare_dma_buf_vmap(dmabuf, &map);
	if (ret)
		goto end_access;
	if (map.is_iomem) {
		ret = -EOPNOTSUPP;	/* not for the exporters the tests meet */
		goto vunmap;
	}
	va = map.vaddr;
	if (write) {
		fill_pattern(va + req->offset, req->offset, req->len, req->seed);
		req->verified = req->len;
	} else {
		req->verified = check_pattern(va + req->offset, req->offset, req->len,
					      req->seed);
		if (req->verified != req->len) {
			req->verified = 0;
			ret = -EIO;
		}
	}
vunmap:
	dmashare_dma_buf_vunmap(dmabuf, &map);
end_access:
	dma_buf_end_cpu_access(dmabuf, write ? DMA_TO_DEVICE : DMA_FROM_DEVICE);
put:
	dma_buf_put(dmabuf);
	return ret;
}

MODULE_IMPORT_NS(DMASHARE_NS(DMA_BUF));
MODULE_IMPORT_NS(DMASHARE_NS(DMABUF_CORE));
