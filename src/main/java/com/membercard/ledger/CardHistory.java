package com.membercard.ledger;

import com.membercard.card.Card;
import com.membercard.card.Cards;
import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Money;
import com.membercard.shared.Page;
import com.membercard.shared.Paging;
import com.membercard.shared.PaymentType;
import com.membercard.tenancy.OperatorManagement;
import com.membercard.tenancy.TenantDirectory;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** A card's ledger as a till or a manager reads it: one line per entry, newest first. */
@Service
// public on purpose: the admin console shows a card's transactions from this same query
public class CardHistory {

    /** One entry with its bill. Deltas are signed; "after" fields are the card's pots after it. */
    @Schema(name = "CardTransaction") // not "Line": the gateway reconciliation's line has that name
    public record Line(
            String billNo,
            String billKind,
            String entryKind,
            LocalDateTime time,
            LocalDate businessDate,
            Long operatorId,
            String operatorName,
            Long shopId,
            Money amount,
            PaymentType paymentType,
            String orderCode,
            Money realDelta,
            Money giftDelta,
            long pointsDelta,
            Money realAfter,
            Money giftAfter,
            long pointsAfter,
            String remark) {

        Line named(String operatorName) {
            return new Line(
                    billNo,
                    billKind,
                    entryKind,
                    time,
                    businessDate,
                    operatorId,
                    operatorName,
                    shopId,
                    amount,
                    paymentType,
                    orderCode,
                    realDelta,
                    giftDelta,
                    pointsDelta,
                    realAfter,
                    giftAfter,
                    pointsAfter,
                    remark);
        }
    }

    private final JdbcClient jdbc;
    private final Cards cards;
    private final TenantDirectory tenants;
    private final OperatorManagement operators;

    CardHistory(JdbcClient jdbc, Cards cards, TenantDirectory tenants, OperatorManagement operators) {
        this.jdbc = jdbc;
        this.cards = cards;
        this.tenants = tenants;
        this.operators = operators;
    }

    public Page<Line> of(long tenantId, String cardCode, Paging paging) {
        Card card =
                cards.byCode(tenantId, cardCode).orElseThrow(() -> new BusinessException(BusinessCode.CARD_NOT_FOUND));
        ZoneId zone = tenants.zoneOf(tenantId);
        long total = jdbc.sql("select count(*) from ledger_entry where tenant_id = :tenantId and card_id = :cardId")
                .param("tenantId", tenantId)
                .param("cardId", card.id())
                .query(Long.class)
                .single();
        List<Line> lines = jdbc.sql("""
                        select b.bill_no, b.kind as bill_kind, e.kind as entry_kind, e.created_at, b.business_date,
                               b.operator_id, b.shop_id, b.amount, b.payment_type,
                               b.order_code, e.real_delta, e.gift_delta, e.points_delta, e.real_after, e.gift_after,
                               e.points_after, b.remark
                        from ledger_entry e
                        join bill b on b.tenant_id = e.tenant_id and b.id = e.bill_id
                        where e.tenant_id = :tenantId and e.card_id = :cardId
                        order by e.id desc limit :limit offset :offset
                        """)
                .param("tenantId", tenantId)
                .param("cardId", card.id())
                .param("limit", paging.pageSize())
                .param("offset", paging.offset())
                .query((rs, n) -> new Line(
                        rs.getString("bill_no"),
                        rs.getString("bill_kind"),
                        rs.getString("entry_kind"),
                        rs.getObject("created_at", OffsetDateTime.class)
                                .atZoneSameInstant(zone)
                                .toLocalDateTime(),
                        rs.getObject("business_date", LocalDate.class),
                        (Long) rs.getObject("operator_id"),
                        null,
                        (Long) rs.getObject("shop_id"),
                        Money.of(rs.getBigDecimal("amount")),
                        PaymentType.orNull((Integer) rs.getObject("payment_type")),
                        rs.getString("order_code"),
                        Money.of(rs.getBigDecimal("real_delta")),
                        Money.of(rs.getBigDecimal("gift_delta")),
                        rs.getLong("points_delta"),
                        Money.of(rs.getBigDecimal("real_after")),
                        Money.of(rs.getBigDecimal("gift_after")),
                        rs.getLong("points_after"),
                        rs.getString("remark")))
                .list();
        // the operators' names from the tenancy module, which owns them: one query for the page
        Map<Long, String> names = operators.namesOf(
                tenantId,
                lines.stream().map(Line::operatorId).filter(Objects::nonNull).collect(Collectors.toSet()));
        lines = lines.stream().map(l -> l.named(names.get(l.operatorId()))).toList();
        return new Page<>(lines, paging.pageIndex(), paging.pageSize(), total, null);
    }
}
