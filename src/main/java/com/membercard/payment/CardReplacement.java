package com.membercard.payment;

import com.membercard.card.CardStatus;
import com.membercard.card.CardUse;
import com.membercard.card.Cards;
import com.membercard.card.LockedCard;
import com.membercard.card.NewCard;
import com.membercard.ledger.Bill;
import com.membercard.ledger.BillKind;
import com.membercard.ledger.Entry;
import com.membercard.ledger.Ledger;
import com.membercard.ledger.PointsLots;
import com.membercard.ledger.PostedBill;
import com.membercard.shared.Envelope;
import com.membercard.tenancy.Actor;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * op35: a new card for the member of a normal or lost card, with the old card's PIN (asked for,
 * where it has one). Everything the old card holds and has counted moves over in one transfer (two entries of one bill, nothing created or lost), its point
 * lots move with their expiry, and the old card becomes void.
 */
@Service
// public on purpose: the admin console's member page replaces a card with the same command
public class CardReplacement {

    private final Till till;
    private final Ledger ledger;
    private final Cards cards;
    private final PointsLots lots;

    private final Clock clock;

    CardReplacement(Till till, Ledger ledger, Cards cards, PointsLots lots, Clock clock) {
        this.clock = clock;
        this.till = till;
        this.ledger = ledger;
        this.cards = cards;
        this.lots = lots;
    }

    public Envelope<Void> replace(long tenantId, Actor actor, TillRequests.ReplaceCard request) {
        return till.run(tenantId, "CARD_REPLACEMENT", request.timestamp(), request, Void.class, () -> {
            LockedCard old = till.presentedCard(
                    tenantId, request.oldCardCode(), request.oldMac(), request.password(), CardUse.REPLACE);
            if (old.cardStatus() != CardStatus.LOST) {
                old.cardStatus().requireUsable();
            }
            Long shopId = actor.shopId() != null ? actor.shopId() : old.shopId();
            long newCardId = cards.replace(
                    tenantId,
                    old,
                    new NewCard(
                            old.memberId(),
                            request.cardCode(),
                            request.mac(),
                            null,
                            old.classId(),
                            old.memberLevelId(),
                            1,
                            shopId,
                            null),
                    actor,
                    request.timestamp(),
                    request.remark());
            LockedCard fresh = cards.lock(tenantId, newCardId);
            PostedBill bill = ledger.post(
                    tenantId,
                    Bill.of(
                            BillKind.CARD_REPLACEMENT,
                            old.id(),
                            actor,
                            old.balance(),
                            request.remark(),
                            List.of(Entry.transferOut(old), Entry.transferIn(newCardId, old))),
                    old,
                    fresh);
            OffsetDateTime now = OffsetDateTime.now(clock);
            List<PointsLots.Lot> moving = new ArrayList<>(lots.available(tenantId, old.id(), now));
            moving.addAll(lots.expiredUnswept(tenantId, old.id(), now));
            for (PointsLots.Lot lot : moving) {
                lots.create(tenantId, newCardId, bill.id(), lot.remaining(), lot.expiresAt(), now);
            }
            lots.useAll(tenantId, bill.id(), PointsLots.Reason.TRANSFER, moving);
            lots.refreshExpiryDate(tenantId, old.id(), now);
            lots.refreshExpiryDate(tenantId, newCardId, now);
            return null;
        });
    }
}
