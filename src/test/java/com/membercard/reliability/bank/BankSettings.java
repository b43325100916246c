package com.membercard.reliability.bank;

import java.time.Duration;

/**
 * The parameters of a run. The defaults make the short run of the test suite; a long run sets them
 * as system properties ({@code -Dbank.crashes=8 -Dbank.seconds=300 -Dbank.clients=16
 * -Dbank.cards=200}).
 *
 * @param clients concurrent tills
 * @param cards cards the tills share
 * @param run how long the tills work at least, crashes and restarts included
 * @param crashes how many times the service is killed (the first, third… time with its database)
 * @param operations how many requests the tills make at least
 * @param seed of every random choice (tills and crashes), to be told in the report
 */
record BankSettings(int clients, int cards, Duration run, int crashes, int operations, long seed) {

    static BankSettings fromSystemProperties() {
        return new BankSettings(
                Integer.getInteger("bank.clients", 8),
                Integer.getInteger("bank.cards", 20),
                Duration.ofSeconds(Integer.getInteger("bank.seconds", 20)),
                Integer.getInteger("bank.crashes", 2),
                Integer.getInteger("bank.operations", 1_000),
                Long.getLong("bank.seed", System.nanoTime()));
    }

    @Override
    public String toString() {
        return clients + " tills, " + cards + " cards, " + run.toSeconds() + " s, " + crashes + " crashes, "
                + operations + " operations at least, seed " + seed;
    }
}
