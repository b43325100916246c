package com.membercard.reliability.bank;

import java.util.List;
import java.util.Map;

/**
 * Scan pay once the tills are done and the janitor had its time: each scan order's state as op28
 * answers it (701 paid, 702 failed, 1003 reversed, 703 still unknown), how many attempts are still
 * open, and what the reconciliation of the gateway's statements with the service's records found.
 *
 * @param differences one line for each difference the reconciliation lists
 * @param totals both sides' totals, for the report
 */
record ScanPayEnd(Map<String, Integer> finalStates, int openAttempts, List<String> differences, String totals) {

    /** No scan pay at all (the checker's tests of the card operations). */
    static ScanPayEnd none() {
        return new ScanPayEnd(Map.of(), 0, List.of(), "none");
    }
}
