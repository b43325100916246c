package com.membercard.importing;

import com.membercard.card.Cards;
import com.membercard.card.LockedCard;
import com.membercard.ledger.Bill;
import com.membercard.ledger.BillKind;
import com.membercard.ledger.Entry;
import com.membercard.ledger.Ledger;
import com.membercard.ledger.PointsLots;
import com.membercard.ledger.PostedBill;
import com.membercard.shared.Money;
import com.membercard.tenancy.Actor;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the cards of an imported or migrated chunk bring: each card's balances and points as one
 * opening-balance bill, its points as lots. The chunk's cards are locked at once, its bills posted in
 * one statement and its lots added in another, in the chunk's transaction.
 */
@Component
class OpeningBalances {

    /** Points arriving with their expiry (null: they live until spent). */
    record Points(long points, OffsetDateTime expiresAt) {}

    /**
     * One card's opening: real and gift money, points, and the lots they arrive in (their points
     * add up to {@code points}).
     */
    record Opening(long cardId, Actor actor, Money real, Money gift, long points, String remark, List<Points> lots) {

        boolean empty() {
            return real.isZero() && gift.isZero() && points == 0;
        }
    }

    private final Cards cards;
    private final Ledger ledger;
    private final PointsLots lots;
    private final Clock clock;

    OpeningBalances(Cards cards, Ledger ledger, PointsLots lots, Clock clock) {
        this.cards = cards;
        this.ledger = ledger;
        this.lots = lots;
        this.clock = clock;
    }

    void post(long tenantId, List<Opening> openings) {
        List<Opening> moving = openings.stream().filter(o -> !o.empty()).toList();
        if (moving.isEmpty()) {
            return;
        }
        Map<Long, LockedCard> locked =
                cards.lockAll(tenantId, moving.stream().map(Opening::cardId).toList());
        List<Bill> bills = moving.stream()
                .map(o -> Bill.of(
                        BillKind.OPENING_BALANCE,
                        o.cardId(),
                        o.actor(),
                        o.real().plus(o.gift()),
                        o.remark(),
                        List.of(Entry.openingBalance(o.cardId(), o.real(), o.gift(), o.points()))))
                .toList();
        List<PostedBill> posted = ledger.postAll(tenantId, bills, locked.values());
        List<PointsLots.NewLot> newLots = new ArrayList<>();
        for (int i = 0; i < moving.size(); i++) {
            for (Points lot : moving.get(i).lots()) {
                newLots.add(new PointsLots.NewLot(
                        moving.get(i).cardId(), posted.get(i).id(), lot.points(), lot.expiresAt()));
            }
        }
        lots.createAll(tenantId, newLots, OffsetDateTime.now(clock));
    }
}
