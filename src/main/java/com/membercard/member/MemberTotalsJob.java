package com.membercard.member;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Folds the deltas of member totals every few seconds, so that reading the unfiltered totals
 * (op02's sumData) sums a handful of rows, not a million. Exactness does not depend on it: readers
 * add what is not folded yet.
 */
@Component
class MemberTotalsJob {

    private final JdbcMemberQueries queries;

    MemberTotalsJob(JdbcMemberQueries queries) {
        this.queries = queries;
    }

    @Scheduled(fixedDelayString = "${membercard.member-totals-fold-interval:5s}")
    void fold() {
        queries.foldTotals();
    }
}
