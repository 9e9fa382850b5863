// SPDX-License-Identifier: GPL-2.0
/*
 * suite_access.c - "dmabuf-test access": who may open /dev/dmabuf-test,
 * and what a caller without CAP_SYS_ADMIN is told.
 *
 * The node is root's, 0600, unless test_exporter is loaded with
 * dev_mode= and dev_gid=.  A child process drops to an unprivileged
 * user (setgroups, setresgid, setresuid: every capability goes) and
 * reports back through a pipe what it could open and what the ioctls
 * answered: no physical or bus address, and no privileged owner.  Runs
 * as root; reloads test_exporter, and leaves it loaded without parameters.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

#define NOBODY		65534
#define TEST_GID	4242

/* What the unprivileged child saw. */
struct seen {
	int open_err;		/* open() of the node: 0 or errno */
	int alloc_err;		/* CMA_ALLOC on an inherited file */
	uint64_t phys;
	uint32_t handle;
	int info_err;
	uint64_t base, size;
	int edu_err;
	uint64_t dma_to_dev, dma_from_dev;
	uint32_t verified;
	int stats_err;
	uint64_t files;
	int owner_err;		/* CMA_OWNER PRIVILEGED */
	int dbmap_err;		/* DMABUF_ALLOC, ATTACH sg device, MAP */
	uint64_t db_dma_addr, db_dma_len;
	int malloc_err;		/* EDU_MAPPER ATTACH, MAPPER_ALLOC */
	uint64_t m_dma_addr;
	uint32_t m_verified;
	int msys_err;		/* MAPPER_SYSMMU CONTIG */
	uint64_t sg_addr, contig_addr;
	uint32_t sg_verified;
	int phys_err;		/* DMABUF_PHYS */
	uint64_t phys_max;
};

/* DMABUF_MAP of a fresh buffer for the scatter-gather device. */
static int dmabuf_map_addr(int fd, struct dtest_dmabuf_map *m)
{
	struct dtest_dmabuf_alloc a = { .flags = DTEST_DMABUF_ALLOC_CLOEXEC, .size = 64 << 10 };
	struct dtest_dmabuf_attach at = { .device = DTEST_DMABUF_DEV_SG };
	struct dtest_dmabuf_detach d = { 0 };
	int err;

	memset(m, 0, sizeof(*m));
	err = xioctl(fd, DTEST_IOC_DMABUF_ALLOC, &a);
	if (err)
		return err;
	at.fd = a.fd;
	err = xioctl(fd, DTEST_IOC_DMABUF_ATTACH, &at);
	if (!err) {
		m->handle = at.handle;
		err = xioctl(fd, DTEST_IOC_DMABUF_MAP, m);
		d.handle = at.handle;
		xioctl(fd, DTEST_IOC_DMABUF_DETACH, &d);
	}
	close(a.fd);
	return err;
}

/* DMABUF_PHYS of a fresh buffer, backed by a vmap first. */
static int dmabuf_phys(int fd, uint64_t *max_phys)
{
	struct dtest_dmabuf_alloc a = { .flags = DTEST_DMABUF_ALLOC_CLOEXEC, .size = 64 << 10 };
	struct dtest_dmabuf_vmap v = { .flags = DTEST_DMABUF_VMAP_WRITE, .len = 1 };
	struct dtest_dmabuf_phys p = { 0 };
	int err;

	err = xioctl(fd, DTEST_IOC_DMABUF_ALLOC, &a);
	if (err)
		return err;
	v.fd = a.fd;
	p.fd = a.fd;
	err = xioctl(fd, DTEST_IOC_DMABUF_VMAP, &v);
	if (!err)
		err = xioctl(fd, DTEST_IOC_DMABUF_PHYS, &p);
	*max_phys = p.max_phys;
	close(a.fd);
	return err;
}

/* MAPPER_ALLOC with edu attached to a window for the call. */
static int mapper_alloc_addr(int fd, struct dtest_mapper_alloc *ma)
{
	struct dtest_edu_mapper m = { .op = DTEST_EDU_MAPPER_ATTACH, .base = 1 << 20,
				      .size = 16 << 20 };
	int err;

	memset(ma, 0, sizeof(*ma));
	ma->size = 64 << 10;
	ma->len = 256;
	ma->seed = 7;
	err = xioctl(fd, DTEST_IOC_EDU_MAPPER, &m);
	if (err)
		return err;
	err = xioctl(fd, DTEST_IOC_MAPPER_ALLOC, ma);
	memset(&m, 0, sizeof(m));
	m.op = DTEST_EDU_MAPPER_DETACH;
	xioctl(fd, DTEST_IOC_EDU_MAPPER, &m);
	return err;
}

static int mapper_sysmmu_addr(int fd, struct dtest_mapper_sysmmu *ms)
{
	memset(ms, 0, sizeof(*ms));
	ms->flags = DTEST_MAPPER_SYSMMU_CONTIG;
	ms->size = 4 * 4096;
	ms->seed = 11;
	return xioctl(fd, DTEST_IOC_MAPPER_SYSMMU, ms);
}

static void unprivileged(int fd, gid_t extra, struct seen *s)
{
	struct dtest_cma_alloc a = { .size = 4096 };
	struct dtest_cma_info info = { 0 };
	struct dtest_edu_dma d = { .len = 64, .seed = 9 };
	struct dtest_cma_owner o = { .flags = DTEST_CMA_OWNER_PRIVILEGED };
	struct dtest_mapper_sysmmu ms = { 0 };
	struct dtest_mapper_alloc ma = { 0 };
	struct dtest_dmabuf_map dm = { 0 };
	struct dtest_stats st;
	int f;

	memset(s, 0, sizeof(*s));
	if (setgroups(extra ? 1 : 0, &extra) || setresgid(NOBODY, NOBODY, NOBODY) ||
	    setresuid(NOBODY, NOBODY, NOBODY)) {
		s->open_err = -1;
		return;
	}
	f = open(dev_path, O_RDWR | O_CLOEXEC);
	s->open_err = f < 0 ? errno : 0;
	if (f >= 0)
		close(f);
	s->alloc_err = xioctl(fd, DTEST_IOC_CMA_ALLOC, &a);
	s->phys = a.phys;
	s->handle = a.handle;
	s->info_err = xioctl(fd, DTEST_IOC_CMA_INFO, &info);
	s->base = info.base;
	s->size = info.size;
	s->edu_err = have_edu() ? xioctl(fd, DTEST_IOC_EDU_DMA, &d) : ENODEV;
	s->dma_to_dev = d.dma_to_dev;
	s->dma_from_dev = d.dma_from_dev;
	s->verified = d.verified;
	s->stats_err = stats_read(fd, &st);
	s->files = st.files;
	s->owner_err = xioctl(fd, DTEST_IOC_CMA_OWNER, &o);
	s->dbmap_err = dmabuf_map_addr(fd, &dm);
	s->db_dma_addr = dm.dma_addr;
	s->db_dma_len = dm.dma_len;
	s->malloc_err = have_edu() ? mapper_alloc_addr(fd, &ma) : ENODEV;
	s->m_dma_addr = ma.dma_addr;
	s->m_verified = ma.verified;
	s->msys_err = have_sysmmu_models() ? mapper_sysmmu_addr(fd, &ms) : ENODEV;
	s->sg_addr = ms.sg_addr;
	s->contig_addr = ms.contig_addr;
	s->sg_verified = ms.sg_verified;
	s->phys_err = dmabuf_phys(fd, &s->phys_max);
}

/* Run unprivileged() in a child with a file opened while still root. */
static int as_nobody(gid_t extra, struct seen *s)
{
	int fd = open_dev(), pipefd[2], status;
	pid_t pid;

	if (pipe(pipefd))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(pipefd[0]);
		unprivileged(fd, extra, s);
		_exit(write(pipefd[1], s, sizeof(*s)) == sizeof(*s) ? 0 : 1);
	}
	close(pipefd[1]);
	close(fd);
	status = read(pipefd[0], s, sizeof(*s)) == sizeof(*s) ? 0 : -1;
	close(pipefd[0]);
	waitpid(pid, NULL, 0);
	return status;
}

static int node_is(unsigned int mode, gid_t gid)
{
	struct stat st;

	if (stat(dev_path, &st) || !S_ISCHR(st.st_mode))
		return 0;
	if ((st.st_mode & 07777) != mode || st.st_uid != 0 || st.st_gid != gid) {
		diag("%s is %04o %u:%u", dev_path, st.st_mode & 07777, st.st_uid, st.st_gid);
		return 0;
	}
	return 1;
}

static int sh(const char *cmd)
{
	int ret = system(cmd);

	return WIFEXITED(ret) ? WEXITSTATUS(ret) : -1;
}

int suite_access(void)
{
	struct dtest_cma_alloc a = { .size = 4096 };
	struct dtest_cma_info info = { 0 };
	struct dtest_edu_dma d = { .len = 64, .seed = 9 };
	struct dtest_mapper_sysmmu ms;
	struct dtest_mapper_alloc ma;
	struct dtest_dmabuf_map dm;
	struct seen s;
	int fd, ok;

	tap(node_is(0600, 0), "test_exporter: %s defaults to 0600 root:root", dev_path);

	/* Root sees addresses. */
	fd = open_dev();
	ok = !xioctl(fd, DTEST_IOC_CMA_ALLOC, &a) && a.phys;
	tap(ok, "cma_pool: CMA_ALLOC tells CAP_SYS_ADMIN the physical address");
	ok = !xioctl(fd, DTEST_IOC_CMA_INFO, &info) && info.base && info.size;
	tap(ok, "cma_pool: CMA_INFO tells CAP_SYS_ADMIN the pool's base");
	if (have_edu()) {
		ok = !xioctl(fd, DTEST_IOC_EDU_DMA, &d) && d.verified == 64 && d.dma_to_dev &&
		     d.dma_from_dev;
		tap(ok, "test_exporter: EDU_DMA tells CAP_SYS_ADMIN the bus addresses");
		ok = !mapper_alloc_addr(fd, &ma) && ma.verified == 256 && ma.dma_addr;
		tap(ok, "iommu_mapper: MAPPER_ALLOC tells CAP_SYS_ADMIN the bus address");
	}
	if (have_sysmmu_models()) {
		ok = !mapper_sysmmu_addr(fd, &ms) && ms.sg_verified == 4 * 4096 && ms.sg_addr &&
		     ms.contig_addr;
		tap(ok, "iommu_mapper: MAPPER_SYSMMU tells CAP_SYS_ADMIN the bus addresses");
	}
	/* dma-direct: a bus address of 0 is possible, but not at 64 KiB. */
	ok = !dmabuf_map_addr(fd, &dm) && dm.dma_len && dm.dma_addr;
	tap(ok, "dmabuf_core: DMABUF_MAP tells CAP_SYS_ADMIN the bus address");
	close(fd);

	ok = !as_nobody(0, &s);
	tap(ok && s.open_err == EACCES, "test_exporter: %s (%s)",
	    "an unprivileged user cannot open the 0600 node",
	    s.open_err > 0 ? strerror(s.open_err) :
	    s.open_err ? "could not drop privileges" : "opened");
	tap(ok && !s.alloc_err && s.handle && !s.phys,
	    "cma_pool: CMA_ALLOC without CAP_SYS_ADMIN works and reports no physical address");
	tap(ok && !s.info_err && s.size && !s.base,
	    "cma_pool: CMA_INFO without CAP_SYS_ADMIN reports the size but no base");
	if (have_edu())
		tap(ok && !s.edu_err && s.verified == 64 && !s.dma_to_dev && !s.dma_from_dev,
		    "test_exporter: EDU_DMA without CAP_SYS_ADMIN verifies but reports no bus address");
	tap(ok && !s.stats_err && s.files >= 1,
	    "test_exporter: STATS without CAP_SYS_ADMIN answers (counts only)");
	tap(ok && s.owner_err == EPERM,
	    "cma_pool: CMA_OWNER PRIVILEGED without CAP_SYS_ADMIN gives EPERM");
	tap(ok && !s.dbmap_err && s.db_dma_len && !s.db_dma_addr,
	    "dmabuf_core: DMABUF_MAP without CAP_SYS_ADMIN maps but reports no bus address (%s)",
	    strerror(s.dbmap_err));
	tap(ok && s.phys_err == EPERM && !s.phys_max,
	    "dmabuf_core: DMABUF_PHYS without CAP_SYS_ADMIN gives EPERM (%s)",
	    strerror(s.phys_err));
	if (have_edu())
		tap(ok && !s.malloc_err && s.m_verified == 256 && !s.m_dma_addr,
		    "iommu_mapper: MAPPER_ALLOC without CAP_SYS_ADMIN verifies but reports no bus address (%s)",
		    strerror(s.malloc_err));
	if (have_sysmmu_models())
		tap(ok && !s.msys_err && s.sg_verified == 4 * 4096 && !s.sg_addr && !s.contig_addr,
		    "iommu_mapper: MAPPER_SYSMMU without CAP_SYS_ADMIN verifies but reports no bus address (%s)",
		    strerror(s.msys_err));

	/* Module parameters. */
	sh("modprobe -r test_exporter");
	tap(sh("modprobe test_exporter dev_mode=0660 dev_gid=4242") == 0,
	    "test_exporter: loads with dev_mode=0660 dev_gid=4242");
	tap(node_is(0660, TEST_GID), "test_exporter: the node is then 0660 root:4242");
	ok = !as_nobody(TEST_GID, &s);
	tap(ok && !s.open_err, "test_exporter: a member of group 4242 opens it");
	ok = !as_nobody(0, &s);
	tap(ok && s.open_err == EACCES, "test_exporter: a non-member still cannot");
	sh("modprobe -r test_exporter");
	tap(sh("modprobe test_exporter dev_mode=01777 2>/dev/null") != 0,
	    "test_exporter: dev_mode=01777 (more than permission bits) fails the load");
	tap(sh("modprobe test_exporter dev_gid=4294967295 2>/dev/null") != 0,
	    "test_exporter: dev_gid=4294967295 (no valid group) fails the load");
	tap(sh("modprobe test_exporter") == 0 && node_is(0600, 0),
	    "test_exporter: loaded again without parameters the node is 0600 root:root");
	return tap_done();
}
