package com.membercard.shared;

import java.util.List;

/** A page of rows as op02/op03 answer it; {@code sumData} carries sums over all matching rows. */
public record Page<T>(List<T> data, int pageIndex, int pageSize, long totalCount, T sumData) {}
