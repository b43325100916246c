package com.membercard.payment;

import java.util.UUID;

/** Serials the server proposes in drafts (op17's timestamp, op18's timestampNow), unique as a UUID. */
final class Serials {

    private Serials() {}

    static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
