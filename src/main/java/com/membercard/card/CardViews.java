package com.membercard.card;

import com.membercard.catalog.CardClass;
import com.membercard.catalog.CardClasses;
import com.membercard.catalog.Dictionaries;
import com.membercard.tenancy.Shop;
import com.membercard.tenancy.ShopManagement;
import com.membercard.tenancy.TenantDirectory;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.springframework.stereotype.Component;

/** Turns a stored card into op08's shape: names resolved, times in the tenant's zone, secrets masked. */
@Component
class CardViews {

    private final CardClasses cardClasses;
    private final ShopManagement shops;
    private final Dictionaries dictionaries;
    private final TenantDirectory tenants;

    CardViews(CardClasses cardClasses, ShopManagement shops, Dictionaries dictionaries, TenantDirectory tenants) {
        this.cardClasses = cardClasses;
        this.shops = shops;
        this.dictionaries = dictionaries;
        this.tenants = tenants;
    }

    CardView of(long tenantId, Card card) {
        ZoneId zone = tenants.zoneOf(tenantId);
        String className =
                cardClasses.find(tenantId, card.classId()).map(CardClass::name).orElse(null);
        String shopName = card.shopId() == null
                ? null
                : shops.find(tenantId, card.shopId()).map(Shop::name).orElse(null);
        CardTotals totals = card.totals();
        return new CardView(
                totals.recharged(),
                totals.rechargeReal(),
                totals.rechargeGift(),
                totals.spent(),
                totals.expenseReal(),
                totals.expenseGift(),
                totals.balance(),
                totals.real(),
                totals.gift(),
                totals.pointsEarned(),
                totals.points(),
                totals.pointsUsed(),
                local(card.pointsDisabledDate(), zone),
                local(card.effectiveTime(), zone),
                card.classId(),
                className,
                card.cardStatus().code(),
                dictionaries.cardStatusName(card.cardStatus().code()),
                card.sendMode(),
                card.shopId(),
                shopName,
                "",
                card.code(),
                CardSecrets.masked(card.macLast4()),
                card.id());
    }

    private static LocalDateTime local(OffsetDateTime time, ZoneId zone) {
        return time == null ? null : time.atZoneSameInstant(zone).toLocalDateTime();
    }
}
