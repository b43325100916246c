package com.membercard.catalog;

import com.membercard.shared.jdbc.TenantTable;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Card classes of a tenant. The card and ledger modules read a card's class through here. */
@Service
public class CardClasses {

    /** A stored row; the API adds the card type's name. */
    record Stored(
            long id,
            String name,
            int cardType,
            boolean canRecharge,
            boolean canMemberPrice,
            boolean canDiscount,
            boolean canPoint,
            int pointsBasic,
            int pointsToOne,
            int pointsValidDays,
            DeductOrder deductOrder) {}

    private final TenantTable<Stored> table;
    private final Dictionaries dictionaries;

    CardClasses(JdbcClient jdbc, Dictionaries dictionaries) {
        this.dictionaries = dictionaries;
        this.table = new TenantTable<>(
                jdbc,
                "card_class",
                "entity.cardClass",
                List.of(
                        "name",
                        "card_type",
                        "can_recharge",
                        "can_member_price",
                        "can_discount",
                        "can_point",
                        "points_basic",
                        "points_to_one",
                        "points_valid_days",
                        "deduct_order"),
                Stored.class,
                true);
    }

    public List<CardClass> list(long tenantId) {
        return table.list(tenantId).stream().map(this::named).toList();
    }

    public Optional<CardClass> find(long tenantId, long id) {
        return table.find(tenantId, id).map(this::named);
    }

    public CardClass get(long tenantId, long id) {
        return named(table.get(tenantId, id));
    }

    public long create(long tenantId, CardClassRequest request) {
        return table.insert(tenantId, request.row());
    }

    // update and delete are public for the admin console's catalogue pages, as create already was
    public void update(long tenantId, long id, CardClassRequest request) {
        table.update(tenantId, id, request.row());
    }

    public void delete(long tenantId, long id) {
        table.delete(tenantId, id);
    }

    private CardClass named(Stored s) {
        return new CardClass(
                s.id(),
                s.name(),
                s.cardType(),
                dictionaries.cardTypeName(s.cardType()),
                s.canRecharge(),
                s.canMemberPrice(),
                s.canDiscount(),
                s.canPoint(),
                s.pointsBasic(),
                s.pointsToOne(),
                s.pointsValidDays(),
                s.deductOrder());
    }
}
