package com.membercard.payment;

import com.membercard.card.CardUse;
import com.membercard.card.LockedCard;
import com.membercard.catalog.Gift;
import com.membercard.catalog.Gifts;
import com.membercard.ledger.Bill;
import com.membercard.ledger.BillKind;
import com.membercard.ledger.Entry;
import com.membercard.ledger.Ledger;
import com.membercard.ledger.PointsLots;
import com.membercard.ledger.PostedBill;
import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Envelope;
import com.membercard.shared.Money;
import com.membercard.tenancy.Actor;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * op37: spends a gift's points, first-to-expire first and never from an expired lot, and takes the
 * gift from stock, in one transaction: 608 for a gift not in use (or not the tenant's), 1002 when
 * none is left, 607 for too few usable points.
 */
@Service
// public on purpose: the admin console's web till runs the same commands as the API's TillController
public class GiftRedemptions {

    private final Till till;
    private final Ledger ledger;
    private final Gifts gifts;
    private final PointsLots lots;

    private final Clock clock;

    GiftRedemptions(Till till, Ledger ledger, Gifts gifts, PointsLots lots, Clock clock) {
        this.clock = clock;
        this.till = till;
        this.ledger = ledger;
        this.gifts = gifts;
        this.lots = lots;
    }

    public Envelope<Void> redeem(long tenantId, Actor actor, TillRequests.RedeemGift request) {
        return till.run(tenantId, "GIFT_REDEMPTION", request.timestamp(), request, Void.class, () -> {
            LockedCard card = till.presentedCard(
                    tenantId, request.cardCode(), request.mac(), request.password(), CardUse.WITHDRAW);
            card.cardStatus().requireUsable();
            Gift gift = gifts.find(tenantId, request.giftId())
                    .filter(Gift::inUse)
                    .orElseThrow(() -> new BusinessException(BusinessCode.GIFT_UNAVAILABLE));
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (lots.availablePoints(tenantId, card.id(), now) < gift.points()) {
                throw new BusinessException(BusinessCode.INSUFFICIENT_POINTS);
            }
            gifts.takeOne(tenantId, gift.id());
            PostedBill bill = ledger.post(
                    tenantId,
                    Bill.of(
                                    BillKind.GIFT_REDEMPTION,
                                    card.id(),
                                    actor,
                                    Money.ZERO,
                                    request.remark(),
                                    List.of(Entry.pointsSpent(card.id(), gift.points())))
                            .withGift(gift.id()),
                    card);
            lots.take(tenantId, card.id(), bill.id(), PointsLots.Reason.SPEND, gift.points(), now, null);
            lots.refreshExpiryDate(tenantId, card.id(), now);
            return null;
        });
    }
}
