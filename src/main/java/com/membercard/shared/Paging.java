package com.membercard.shared;

/**
 * {@code pageIndex} (from 1) and {@code pageSize} (1–500) of a list request, checked here once for
 * every list so each gives the same 400 for the same mistake.
 */
public record Paging(int pageIndex, int pageSize) {

    public static final int MAX_PAGE_SIZE = 500;
    /** Beyond this a page would start past any tenant's row count; refusing it keeps OFFSET bounded. */
    public static final int MAX_PAGE_INDEX = 1_000_000;

    public static Paging of(Integer pageIndex, Integer pageSize) {
        int index = pageIndex == null ? 1 : pageIndex;
        int size = pageSize == null ? 20 : pageSize;
        if (index < 1 || index > MAX_PAGE_INDEX) {
            throw BusinessException.invalid("pageIndex", "error.range", 1, MAX_PAGE_INDEX);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw BusinessException.invalid("pageSize", "error.range", 1, MAX_PAGE_SIZE);
        }
        return new Paging(index, size);
    }

    public long offset() {
        return (long) (pageIndex - 1) * pageSize;
    }
}
