package com.membercard.ledger;

import com.membercard.card.CardTotals;
import com.membercard.card.LockedCard;
import com.membercard.shared.idempotency.SerialRecord;
import com.membercard.tenancy.TenantDirectory;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ledger: every change of a card's money or points is a bill of immutable entries, and the
 * card's money and points fields move with them in the same statement. Callers lock the card first
 * (the card module's {@code CardAuthentication.lock}, or {@code Cards.lock}), decide from what it
 * holds, then {@link #post}; all inside one transaction.
 */
@Service
public class Ledger {

    private final JdbcLedger ledger;
    private final TenantDirectory tenants;
    private final Clock clock;

    Ledger(JdbcLedger ledger, TenantDirectory tenants, Clock clock) {
        this.ledger = ledger;
        this.tenants = tenants;
        this.clock = clock;
    }

    /**
     * Posts a bill on locked cards. The bill falls on the actor's shop, or else the card's issuing
     * shop. A pot that would go below zero is a bug of the caller, which must refuse first (605,
     * 607, 612): the post fails and the transaction with it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public PostedBill post(long tenantId, Bill bill, LockedCard... lockedCards) {
        return post(tenantId, bill, null, lockedCards);
    }

    /**
     * As {@link #post(long, Bill, LockedCard...)}, writing the serial's record with the bill where
     * the bill is one statement ({@link SerialRecord}); where it is not (the sharded mode's separate
     * statements), the record is left to the caller's idempotency.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public PostedBill post(long tenantId, Bill bill, SerialRecord serialRecord, LockedCard... lockedCards) {
        Map<Long, CardTotals> running = new HashMap<>();
        for (LockedCard card : lockedCards) {
            running.put(card.id(), card.totals());
        }
        List<CardTotals> after = apply(bill, running);
        Long shopId = bill.actor().shopId() != null ? bill.actor().shopId() : lockedCards[0].shopId();
        return ledger.post(tenantId, today(tenantId), shopId, bill, after, serialRecord);
    }

    /**
     * Posts a batch of bills, in order, on locked cards, in one statement (a file import's or a
     * migration's opening balances): each as {@link #post} would post it alone, one after the
     * other, each falling on its actor's shop or else its card's issuing shop.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<PostedBill> postAll(long tenantId, List<Bill> bills, Collection<LockedCard> lockedCards) {
        if (bills.isEmpty()) {
            return List.of();
        }
        Map<Long, LockedCard> cards = new HashMap<>();
        Map<Long, CardTotals> running = new HashMap<>();
        for (LockedCard card : lockedCards) {
            cards.put(card.id(), card);
            running.put(card.id(), card.totals());
        }
        List<Long> shopIds = new ArrayList<>();
        List<List<CardTotals>> after = new ArrayList<>();
        for (Bill bill : bills) {
            after.add(apply(bill, running));
            shopIds.add(
                    bill.actor().shopId() != null
                            ? bill.actor().shopId()
                            : cards.get(bill.cardId()).shopId());
        }
        return ledger.postAll(tenantId, today(tenantId), shopIds, bills, after);
    }

    /** Each entry's card totals after it, moving {@code running} on; refuses a pot below zero. */
    private static List<CardTotals> apply(Bill bill, Map<Long, CardTotals> running) {
        List<CardTotals> after = new ArrayList<>();
        for (Entry entry : bill.entries()) {
            CardTotals before = running.get(entry.cardId());
            if (before == null) {
                throw new IllegalStateException("entry on card " + entry.cardId() + " which is not locked");
            }
            CardTotals next = entry.applyTo(before);
            if (next.real().isNegative() || next.gift().isNegative() || next.points() < 0) {
                throw new IllegalStateException(
                        "entry " + entry + " would take card " + entry.cardId() + " below zero");
            }
            running.put(entry.cardId(), next);
            after.add(next);
        }
        return after;
    }

    private LocalDate today(long tenantId) {
        return LocalDate.now(clock.withZone(tenants.zoneOf(tenantId)));
    }
}
