package com.membercard.ledger;

import com.membercard.card.Cards;
import com.membercard.card.LockedCard;
import com.membercard.shared.Money;
import com.membercard.tenancy.Actor;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sweeps expired points: for each card with an expired lot that still has points, one bill with one
 * POINTS_EXPIRE entry, under the card's lock. Running it again finds nothing left to sweep, so it
 * is idempotent; spending never waited for it (usable points exclude expired lots anyway).
 */
@Component
public class PointsExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(PointsExpiryJob.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Ledger ledger;
    private final Cards cards;
    private final PointsLots lots;

    private final Clock clock;

    PointsExpiryJob(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Ledger ledger,
            Cards cards,
            PointsLots lots,
            Clock clock) {
        this.clock = clock;
        this.cards = cards;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.ledger = ledger;
        this.lots = lots;
    }

    private record Due(long tenantId, long cardId) {}

    /** Sweeps every card with points expired by now; answers how many cards it swept. */
    @Scheduled(fixedDelayString = "${membercard.points-expiry-interval:1m}")
    public int sweep() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // every tenant at once: the job works for the platform, each card then within its tenant
        List<Due> due = jdbc.sql("""
                        select l.tenant_id, l.card_id from points_lot l
                        where l.expires_at <= :now
                          and l.points > coalesce((select sum(u.points) from points_lot_use u
                                                   where u.tenant_id = l.tenant_id and u.lot_id = l.id), 0)
                        group by l.tenant_id, l.card_id
                        """)
                .param("now", now)
                .query((rs, n) -> new Due(rs.getLong("tenant_id"), rs.getLong("card_id")))
                .list();
        for (Due card : due) {
            transactions.executeWithoutResult(status -> sweep(card.tenantId(), card.cardId(), now));
        }
        if (!due.isEmpty()) {
            log.info("Expired points swept on {} cards", due.size());
        }
        return due.size();
    }

    private void sweep(long tenantId, long cardId, OffsetDateTime now) {
        LockedCard card = cards.lock(tenantId, cardId);
        List<PointsLots.Lot> expired = lots.expiredUnswept(tenantId, cardId, now);
        long points = expired.stream().mapToLong(PointsLots.Lot::remaining).sum();
        if (points == 0) {
            return;
        }
        PostedBill bill = ledger.post(
                tenantId,
                Bill.of(
                        BillKind.POINTS_EXPIRY,
                        cardId,
                        Actor.SYSTEM,
                        Money.ZERO,
                        null,
                        List.of(Entry.pointsExpired(cardId, points))),
                card);
        lots.useAll(tenantId, bill.id(), PointsLots.Reason.EXPIRE, expired);
        lots.refreshExpiryDate(tenantId, cardId, now);
    }
}
