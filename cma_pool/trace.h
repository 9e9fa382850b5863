/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cma_pool tracepoints: events/cma_pool/ in tracefs.
 *
 * Names are copied into fixed arrays rather than __string(): the
 * __assign_str() signature differs between the supported kernels.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM cma_pool

#if !defined(_CMA_POOL_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _CMA_POOL_TRACE_H

#include <linux/string.h>
#include <linux/tracepoint.h>

/* Longest pool name kept in an event, NUL included (CMA_POOL_NAME_LEN). */
#define CMA_POOL_TRACE_NAME	24

TRACE_EVENT(cma_pool_alloc_start,
	    TP_PROTO(const char *pool, unsigned long count, unsigned int align),
	    TP_ARGS(pool, count, align),
	    TP_STRUCT__entry(__array(char, pool, CMA_POOL_TRACE_NAME)
			     __field(unsigned long, count)
			     __field(unsigned int, align)),
	    TP_fast_assign(strscpy(__entry->pool, pool, CMA_POOL_TRACE_NAME);
			   __entry->count = count;
			   __entry->align = align;),
	    TP_printk("pool=%s count=%lu align=%u",
		      __entry->pool, __entry->count, __entry->align)
);

TRACE_EVENT(cma_pool_alloc_finish,
	    TP_PROTO(const char *pool, unsigned long pfn, unsigned long count,
		     unsigned int align, int err),
	    TP_ARGS(pool, pfn, count, align, err),
	    TP_STRUCT__entry(__array(char, pool, CMA_POOL_TRACE_NAME)
			     __field(unsigned long, pfn)
			     __field(unsigned long, count)
			     __field(unsigned int, align)
			     __field(int, err)),
	    TP_fast_assign(strscpy(__entry->pool, pool, CMA_POOL_TRACE_NAME);
			   __entry->pfn = pfn;
			   __entry->count = count;
			   __entry->align = align;
			   __entry->err = err;),
	    TP_printk("pool=%s pfn=%#lx count=%lu align=%u err=%d",
		      __entry->pool, __entry->pfn, __entry->count,
		      __entry->align, __entry->err)
);

DECLARE_EVENT_CLASS(cma_pool_range,
		    TP_PROTO(const char *pool, unsigned long pfn, unsigned long count),
		    TP_ARGS(pool, pfn, count),
		    TP_STRUCT__entry(__array(char, pool, CMA_POOL_TRACE_NAME)
				     __field(unsigned long, pfn)
				     __field(unsigned long, count)),
		    TP_fast_assign(strscpy(__entry->pool, pool, CMA_POOL_TRACE_NAME);
				   __entry->pfn = pfn;
				   __entry->count = count;),
		    TP_printk("pool=%s pfn=%#lx count=%lu",
			      __entry->pool, __entry->pfn, __entry->count)
);

/* A candidate range was busy: alloc_contig_range() said -EBUSY. */
DEFINE_EVENT(cma_pool_range, cma_pool_busy_retry,
	     TP_PROTO(const char *pool, unsigned long pfn, unsigned long count),
	     TP_ARGS(pool, pfn, count)
);

DEFINE_EVENT(cma_pool_range, cma_pool_release,
	     TP_PROTO(const char *pool, unsigned long pfn, unsigned long count),
	     TP_ARGS(pool, pfn, count)
);

#endif /* _CMA_POOL_TRACE_H */

/* This part must be outside the include guard. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
