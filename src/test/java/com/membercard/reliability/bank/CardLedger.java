package com.membercard.reliability.bank;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.shared.Money;
import com.membercard.support.Api;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A card as the service shows it after the run: its pots (op08) and its bills, each with the sum of
 * its entries (the card's transactions).
 */
record CardLedger(String code, Money real, Money gift, long points, List<CardLedger.Bill> bills) {

    /**
     * One bill: what its entries moved, and the card's balance after its last entry.
     *
     * @param amount the amount the request named
     */
    record Bill(
            String billNo,
            String kind,
            String orderCode,
            String remark,
            Money amount,
            Money real,
            Money gift,
            long points,
            Money balanceAfter) {

        String key() {
            return Operation.billKey(kind, orderCode, remark, amount);
        }

        @Override
        public String toString() {
            return kind + " " + billNo + " (order " + orderCode + ", remark " + remark + ", " + amount + ")";
        }
    }

    private static final int PAGE_SIZE = 500;

    /** Reads the card through the till's API: op08 and every page of its transactions. */
    static CardLedger read(TillFixture till, TestCard card) {
        JsonNode view = till.view(card);
        return new CardLedger(
                card.code(),
                money(view.path("actualBalance")),
                money(view.path("giveBalance")),
                view.path("actualPoints").asLong(),
                bills(transactions(till.till(), card.code())));
    }

    /** Every entry of the card, newest first. */
    private static List<JsonNode> transactions(Api till, String cardCode) {
        List<JsonNode> lines = new ArrayList<>();
        long total;
        int page = 1;
        do {
            Api.Response answer = till.get(
                    "/api/v1/cards/" + cardCode + "/transactions?pageSize=" + PAGE_SIZE + "&pageIndex=" + page++);
            assertThat(answer.http())
                    .as("transactions of %s: %s", cardCode, answer)
                    .isEqualTo(200);
            answer.body().path("data").forEach(lines::add);
            total = answer.body().path("totalCount").asLong();
        } while (lines.size() < total);
        return lines;
    }

    /** Entries grouped into their bills; the newest entry of a bill (listed first) holds the balance after it. */
    private static List<Bill> bills(List<JsonNode> newestFirst) {
        Map<String, Bill> bills = new LinkedHashMap<>();
        for (JsonNode line : newestFirst) {
            Bill entry = new Bill(
                    line.path("billNo").asString(),
                    line.path("billKind").asString(),
                    line.path("orderCode").asString(null),
                    line.path("remark").asString(null),
                    money(line.path("amount")),
                    money(line.path("realDelta")),
                    money(line.path("giftDelta")),
                    line.path("pointsDelta").asLong(),
                    money(line.path("realAfter")).plus(money(line.path("giftAfter"))));
            bills.merge(
                    entry.billNo(),
                    entry,
                    (newer, older) -> new Bill(
                            newer.billNo(),
                            newer.kind(),
                            newer.orderCode(),
                            newer.remark(),
                            newer.amount(),
                            newer.real().plus(older.real()),
                            newer.gift().plus(older.gift()),
                            newer.points() + older.points(),
                            newer.balanceAfter()));
        }
        return List.copyOf(bills.values());
    }

    private static Money money(JsonNode amount) {
        return Money.of(amount.decimalValue());
    }
}
