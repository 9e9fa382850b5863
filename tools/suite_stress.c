// SPDX-License-Identifier: GPL-2.0
/*
 * suite_stress.c - "dmabuf-test [--ops N] [--seed N] stress": processes
 * and threads sharing files of /dev/dmabuf-test.
 *
 * The parent opens two files and makes objects in them (a small pool
 * that will run dry, allocations, SYSMMU contexts), then forks PROCS
 * children and hands each the two files over a unix socket
 * (SCM_RIGHTS).  Each child runs THREADS threads; each thread does a
 * fixed number of operations (bounded by count, not time), at random:
 *  - a whole scenario (scenarios.c) on a file of its own, whose bytes
 *    are checked: it must succeed, or fail only with what a concurrent
 *    user can cause (EBUSY, ENOENT, ENOMEM, ENOSPC) and never with bad
 *    bytes (EBADMSG) or a nonsense answer (EPROTO);
 *  - allocations from the shared pool until it is exhausted, and frees,
 *    on the shared file, racing with every other thread's frees;
 *  - SYSMMU map/DMA/unmap/destroy on the parent's contexts, racing.
 * Before it exits, each child sends the parent a file of its own that
 * still holds an allocation; the parent checks the allocation outlived
 * the child, closes everything, destroys the pool and expects every
 * counter of DTEST_IOC_STATS back at its baseline.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

#define PROCS		3
#define THREADS		2
#define DEFAULT_OPS	400	/* per thread */
#define HELD		8	/* live shared allocations per thread */
#define EDU_PER_THREAD	1	/* edu round trips take 200 ms of device time */
#define SLOW_PER_THREAD	2	/* SCN_SLOW scenarios take seconds under KASAN */

struct shared {
	int fd[2];		/* the parent's files: [0] pool and cma, [1] sysmmu */
	uint32_t pool;		/* the pool that runs dry */
	uint32_t ctx[2];	/* the parent's SYSMMU contexts, on fd[1] */
};

/* What one child's threads count, summed into its exit report. */
struct counts {
	unsigned long ops, scenarios, exhausted, races, bad;
};

struct thread {
	const struct shared *sh;
	uint64_t rng;
	struct counts c;
	int edu_left;
	int slow_left;
};

static uint64_t rnd(uint64_t *s)
{
	/* xorshift64* */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

/*
 * A channel between the parent and one child.  With unix sockets
 * (CONFIG_UNIX) files go over it as SCM_RIGHTS; kernels without them
 * (the debug kernel has no networking) take them with pidfd_getfd()
 * instead, the sender waiting on a pipe until the receiver has them.
 */
struct chan {
	int sock;		/* the socket, or -1 */
	int rd, wr;		/* pipes, without sockets */
	pid_t peer;
};

static int use_sockets;

static int chan_pair(struct chan *parent, struct chan *child)
{
	int sv[2], a[2], b[2];

	if (use_sockets) {
		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
			return -1;
		*parent = (struct chan){ .sock = sv[0], .rd = sv[0], .wr = sv[0] };
		*child = (struct chan){ .sock = sv[1], .rd = sv[1], .wr = sv[1] };
		return 0;
	}
	if (pipe2(a, O_CLOEXEC) || pipe2(b, O_CLOEXEC))
		return -1;
	*parent = (struct chan){ .sock = -1, .rd = a[0], .wr = b[1] };
	*child = (struct chan){ .sock = -1, .rd = b[0], .wr = a[1] };
	return 0;
}

static void chan_close(struct chan *c)
{
	close(c->rd);
	if (c->wr != c->rd)
		close(c->wr);
}

static int send_fds(struct chan *c, const int *fds, int n)
{
	char cbuf[CMSG_SPACE(sizeof(int) * 4)];
	char byte = 'f';
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
			      .msg_controllen = CMSG_SPACE(sizeof(int) * n) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);

	if (c->sock < 0) {
		/* The numbers, then wait until the peer has taken them. */
		if (write(c->wr, fds, sizeof(int) * n) != (ssize_t)(sizeof(int) * n))
			return -1;
		return read(c->rd, &byte, 1) == 1 ? 0 : -1;
	}
	memset(cbuf, 0, sizeof(cbuf));
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int) * n);
	memcpy(CMSG_DATA(cm), fds, sizeof(int) * n);
	return sendmsg(c->sock, &msg, 0) == 1 ? 0 : -1;
}

static int recv_fds(struct chan *c, int *fds, int n)
{
	char cbuf[CMSG_SPACE(sizeof(int) * 4)];
	char byte = 'a';
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
			      .msg_controllen = CMSG_SPACE(sizeof(int) * n) };
	struct cmsghdr *cm;
	int i, pidfd, nums[4];

	if (c->sock < 0) {
		if (read(c->rd, nums, sizeof(int) * n) != (ssize_t)(sizeof(int) * n))
			return -1;
		pidfd = syscall(SYS_pidfd_open, c->peer, 0);
		if (pidfd < 0)
			return -1;
		for (i = 0; i < n; i++)
			fds[i] = syscall(SYS_pidfd_getfd, pidfd, nums[i], 0);
		close(pidfd);
		if (write(c->wr, &byte, 1) != 1)
			return -1;
		for (i = 0; i < n; i++)
			if (fds[i] < 0)
				return -1;
		return 0;
	}
	if (recvmsg(c->sock, &msg, MSG_CMSG_CLOEXEC) != 1)
		return -1;
	cm = CMSG_FIRSTHDR(&msg);
	if (!cm || cm->cmsg_type != SCM_RIGHTS || cm->cmsg_len != CMSG_LEN(sizeof(int) * n))
		return -1;
	memcpy(fds, CMSG_DATA(cm), sizeof(int) * n);
	return 0;
}

/* An error another user of the same objects can cause. */
static int racy_ok(int err)
{
	return !err || err == EBUSY || err == ENOENT || err == ENOMEM || err == ENOSPC;
}

static void do_scenario(struct thread *t, int own)
{
	const struct scenario *s = &scenarios[rnd(&t->rng) % nr_scenarios];
	int err;

	if (!scenario_runs_here(s))
		return;
	if (((s->needs & SCN_EDU) && !t->edu_left) || ((s->needs & SCN_SLOW) && !t->slow_left))
		return;
	if (s->needs & SCN_EDU)
		t->edu_left--;
	if (s->needs & SCN_SLOW)
		t->slow_left--;
	err = s->run(own);
	t->c.scenarios++;
	if (!racy_ok(err)) {
		t->c.bad++;
		printf("# stress: %s: %s gives %s\n", s->module, s->name, strerror(err));
	}
}

static void do_pool(struct thread *t, uint32_t *held)
{
	unsigned int slot = rnd(&t->rng) % HELD;
	int fd = t->sh->fd[0], err;

	if (held[slot]) {
		struct dtest_cma_id f = { .id = held[slot] };

		/* Another thread may have freed it (and the id come back). */
		err = xioctl(fd, DTEST_IOC_CMA_FREE, &f);
		if (err == ENOENT)
			t->c.races++;
		else if (err)
			t->c.bad++;
		held[slot] = 0;
	} else {
		struct dtest_cma_alloc a = { .pool_id = t->sh->pool,
					     .size = (1 + rnd(&t->rng) % 8) << 16 };

		err = xioctl(fd, DTEST_IOC_CMA_ALLOC, &a);
		if (!err)
			held[slot] = a.handle;
		else if (err == ENOMEM || err == ENOSPC || err == EBUSY)
			t->c.exhausted++;
		else
			t->c.bad++;
	}
	/* Someone else's handle, freed under them. */
	if (rnd(&t->rng) % 8 == 0) {
		struct dtest_cma_id f = { .id = 1 + rnd(&t->rng) % 64 };

		if (xioctl(fd, DTEST_IOC_CMA_FREE, &f) == 0)
			t->c.races++;
	}
}

static void do_sysmmu(struct thread *t)
{
	uint32_t h = t->sh->ctx[rnd(&t->rng) % 2];
	uint64_t iova = (rnd(&t->rng) % 16) << 12;
	unsigned char buf[256];
	int fd = t->sh->fd[1], err = 0;

	switch (rnd(&t->rng) % 8) {
	case 0: {
		struct dtest_sysmmu_map m = { .handle = h, .iova = iova, .count = 1 };

		err = xioctl(fd, DTEST_IOC_SYSMMU_MAP, &m);
		break;
	}
	case 1:
	case 2: {
		struct dtest_sysmmu_unmap u = { .handle = h, .iova = iova, .size = 4096 };

		err = xioctl(fd, DTEST_IOC_SYSMMU_UNMAP, &u);
		break;
	}
	case 7:
		if (rnd(&t->rng) % 16 == 0) {
			struct dtest_sysmmu_destroy d = { .handle = h };

			err = xioctl(fd, DTEST_IOC_SYSMMU_DESTROY, &d);
			break;
		}
		fallthrough;
	default: {
		struct dtest_sysmmu_dma d = { .handle = h, .iova = iova, .len = sizeof(buf),
					      .buf = (uintptr_t)buf };

		d.flags = rnd(&t->rng) % 2 ? DTEST_SYSMMU_DMA_WRITE : 0;
		err = xioctl(fd, DTEST_IOC_SYSMMU_DMA, &d);
		break;
	}
	}
	/* A mapped IOVA mapped again gives EEXIST or EBUSY; a fault is data. */
	if (err == ENOENT || err == EEXIST || err == EBUSY || err == EINVAL)
		t->c.races++;
	else if (err && err != ENOMEM)
		t->c.bad++;
}

static void *thread_main(void *arg)
{
	struct thread *t = arg;
	uint32_t held[HELD] = { 0 };
	unsigned long i, n = opt_ops ? opt_ops : DEFAULT_OPS;
	int own = open(dev_path, O_RDWR | O_CLOEXEC);
	unsigned int k;

	if (own < 0) {
		t->c.bad++;
		return NULL;
	}
	for (i = 0; i < n; i++) {
		switch (rnd(&t->rng) % 4) {
		case 0:
			do_scenario(t, own);
			break;
		case 1:
			do_sysmmu(t);
			break;
		default:
			do_pool(t, held);
			break;
		}
		t->c.ops++;
	}
	for (k = 0; k < HELD; k++) {
		struct dtest_cma_id f = { .id = held[k] };

		if (held[k])
			xioctl(t->sh->fd[0], DTEST_IOC_CMA_FREE, &f);
	}
	close(own);
	return NULL;
}

static int child(struct chan *ch, uint32_t pool, const uint32_t *ctx, uint64_t seed)
{
	struct shared sh = { .pool = pool };
	struct thread th[THREADS];
	pthread_t tid[THREADS];
	struct counts sum = { 0 };
	struct dtest_cma_alloc a = { .size = 4096 };
	int i, keep;

	memcpy(sh.ctx, ctx, sizeof(sh.ctx));
	if (recv_fds(ch, sh.fd, 2))
		return 1;
	for (i = 0; i < THREADS; i++) {
		th[i] = (struct thread){ .sh = &sh, .rng = seed + 7919 * (i + 1) + 1,
					 .edu_left = EDU_PER_THREAD,
					 .slow_left = SLOW_PER_THREAD };
		if (pthread_create(&tid[i], NULL, thread_main, &th[i]))
			return 1;
	}
	for (i = 0; i < THREADS; i++) {
		pthread_join(tid[i], NULL);
		sum.ops += th[i].c.ops;
		sum.scenarios += th[i].c.scenarios;
		sum.exhausted += th[i].c.exhausted;
		sum.races += th[i].c.races;
		sum.bad += th[i].c.bad;
	}
	/* A file with an allocation in it goes to the parent and outlives us. */
	keep = open(dev_path, O_RDWR | O_CLOEXEC);
	if (keep < 0 || xioctl(keep, DTEST_IOC_CMA_ALLOC, &a))
		sum.bad++;
	if (write(ch->wr, &sum, sizeof(sum)) != sizeof(sum) || send_fds(ch, &keep, 1))
		return 1;
	close(keep);
	close(sh.fd[0]);
	close(sh.fd[1]);
	return 0;
}

int suite_stress(void)
{
	uint64_t seed = opt_seed_set ? opt_seed : (uint64_t)getpid() * 2654435761u;
	struct dtest_stats base, mid, end;
	/* Two pageblocks (2 or 4 MiB each): a few allocations drain it. */
	struct dtest_cma_pool p = { .size = 8 << 20 };
	struct counts sum = { 0 }, c;
	int fds[2], kept[PROCS], status, i, err, ok = 1, statfd, probe;
	struct chan chans[PROCS], theirs;
	uint32_t ctx[2] = { 0 };
	pid_t pids[PROCS];
	char diff[256];

	if (seed == 0)
		seed = 1;
	diag("seed %llu (replay: dmabuf-test --seed %llu stress)", (unsigned long long)seed,
	     (unsigned long long)seed);
	probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	use_sockets = probe >= 0;
	if (probe >= 0)
		close(probe);
	statfd = open_dev();
	err = stats_read(statfd, &base);
	if (!tap(!err, "test_exporter: stress: STATS answers"))
		return tap_done();

	fds[0] = open_dev();
	fds[1] = open_dev();
	err = xioctl(fds[0], DTEST_IOC_CMA_POOL_CREATE, &p);
	tap(!err, "cma_pool: stress: an 8 MiB pool to exhaust (%s)", err ? strerror(err) : "ok");
	/*
	 * Shared contexts on instances 2 and 3 (the scenarios use 0 and 1):
	 * a SYSMMU serves one master at a time.
	 */
	for (i = 0; i < 2; i++) {
		struct dtest_sysmmu_create c = { .model = 2 + i, .pages = 16 };

		if (!xioctl(fds[1], DTEST_IOC_SYSMMU_CREATE, &c))
			ctx[i] = c.handle;
	}
	tap(ctx[0] && ctx[1], "exynos_sysmmu: stress: two shared contexts on instances 2 and 3");

	for (i = 0; i < PROCS; i++) {
		if (chan_pair(&chans[i], &theirs)) {
			printf("Bail out! socketpair/pipe: %s\n", strerror(errno));
			return 1;
		}
		pids[i] = fork();
		if (pids[i] == 0) {
			chan_close(&chans[i]);
			theirs.peer = getppid();
			_exit(child(&theirs, p.pool_id, ctx, seed * (i + 3)));
		}
		chan_close(&theirs);
		chans[i].peer = pids[i];
		if (send_fds(&chans[i], fds, 2))
			ok = 0;
	}
	tap(ok, "test_exporter: stress: %d processes got the shared files %s", PROCS,
	    use_sockets ? "over SCM_RIGHTS" : "with pidfd_getfd() (no unix sockets)");

	ok = 1;
	for (i = 0; i < PROCS; i++) {
		kept[i] = -1;
		if (read(chans[i].rd, &c, sizeof(c)) != sizeof(c) ||
		    recv_fds(&chans[i], &kept[i], 1)) {
			ok = 0;
			continue;
		}
		sum.ops += c.ops;
		sum.scenarios += c.scenarios;
		sum.exhausted += c.exhausted;
		sum.races += c.races;
		sum.bad += c.bad;
	}
	for (i = 0; i < PROCS; i++) {
		if (waitpid(pids[i], &status, 0) != pids[i] || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			ok = 0;
		chan_close(&chans[i]);
	}
	tap(ok, "test_exporter: stress: %d processes x %d threads ran to the end", PROCS, THREADS);
	tap(!sum.bad, "test_exporter: stress: %lu operations, %lu whole scenarios, %lu bad answers",
	    sum.ops, sum.scenarios, sum.bad);
	diag("%lu allocations refused by the exhausted pool, %lu lost races", sum.exhausted,
	     sum.races);
	tap(sum.exhausted > 0, "cma_pool: stress: the shared pool ran dry (%lu refusals)",
	    sum.exhausted);

	/* The children are gone; their files live on in the parent. */
	err = stats_read(statfd, &mid);
	tap(!err && mid.cma_bufs >= PROCS,
	    "test_exporter: stress: allocations in files sent over SCM_RIGHTS outlive their senders (%llu)",
	    (unsigned long long)mid.cma_bufs);

	for (i = 0; i < PROCS; i++)
		if (kept[i] >= 0)
			close(kept[i]);
	close(fds[1]);
	close(fds[0]);
	if (p.pool_id) {
		struct dtest_cma_id d = { .id = p.pool_id };

		err = xioctl(statfd, DTEST_IOC_CMA_POOL_DESTROY, &d);
		tap(!err, "cma_pool: stress: the pool is destroyed once every file is closed (%s)",
		    err ? strerror(err) : "ok");
	}
	err = stats_read(statfd, &end);
	tap(!err && !stats_diff(&base, &end, diff, sizeof(diff)),
	    "test_exporter: stress: every counter back at baseline%s", diff);
	close(statfd);
	return tap_done();
}
