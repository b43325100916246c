package com.membercard.settlement;

import com.membercard.card.CardOpenings;
import com.membercard.catalog.Dictionaries;
import com.membercard.ledger.LedgerReports;
import com.membercard.ledger.LedgerReports.Dimension;
import com.membercard.ledger.LedgerReports.Line;
import com.membercard.ledger.LedgerReports.Subject;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Money;
import com.membercard.shared.PaymentType;
import com.membercard.tenancy.OperatorManagement;
import com.membercard.tenancy.Shop;
import com.membercard.tenancy.ShopManagement;
import com.membercard.tenancy.TenantDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The reports: the ledger's published {@link LedgerReports} figures, named (shops, operators,
 * payment types, bill kinds) and totalled. Dates are business days (the shops' days), at most
 * {@value DayEnds#MAX_RANGE_DAYS} of them, none after the tenant's today.
 */
@Service
// public on purpose: the admin console's dashboard shows these same reports
public class Reports {

    /** A report's line, its key named; {@code real}/{@code gift} as moved on the cards. */
    public record ReportLine(
            String key,
            String name,
            long bills,
            Money amount,
            Money real,
            Money gift,
            long pointsEarned,
            long pointsSpent,
            long pointsExpired) {}

    public record ReportView(
            String subject,
            String groupBy,
            String startDate,
            String endDate,
            Long shopId,
            List<ReportLine> lines,
            ReportLine totals) {}

    /** What the cards of a shop (by issuing shop) held; {@code balance = real + gift}. */
    public record LiabilityLine(Long shopId, String shopName, Money real, Money gift, Money balance, long points) {}

    public record LiabilityView(String businessDate, List<LiabilityLine> shops, LiabilityLine total) {}

    /** Cards opened and members whose first card it was, by day or issuing shop. */
    public record OpeningLine(String key, String name, long cards, long members) {}

    public record OpeningsView(
            String groupBy,
            String startDate,
            String endDate,
            Long shopId,
            List<OpeningLine> lines,
            OpeningLine totals) {}

    /** The path names of the subjects. */
    static final Map<String, Subject> SUBJECTS = Map.of(
            "recharges", Subject.RECHARGES,
            "card-payments", Subject.CARD_PAYMENTS,
            "refunds", Subject.REFUNDS,
            "points", Subject.POINTS,
            "gift-redemptions", Subject.GIFT_REDEMPTIONS);

    static final Map<Subject, String> SUBJECT_NAMES = Map.of(
            Subject.RECHARGES, "充值报表",
            Subject.CARD_PAYMENTS, "消费报表",
            Subject.REFUNDS, "退款报表",
            Subject.POINTS, "积分报表",
            Subject.GIFT_REDEMPTIONS, "礼品兑换报表");

    static final Map<String, String> KIND_NAMES = Map.of(
            "RECHARGE", "充值",
            "CARD_PAYMENT", "会员卡消费",
            "PAYMENT_REFUND", "消费退款",
            "RECHARGE_REFUND", "充值退款",
            "BALANCE_REFUND", "余额退款",
            "CARD_RETURN", "退卡",
            "CARD_REPLACEMENT", "换卡",
            "GIFT_REDEMPTION", "礼品兑换",
            "POINTS_EXPIRY", "积分过期",
            "OPENING_BALANCE", "期初余额");

    static final Map<Dimension, String> DIMENSION_NAMES = Map.of(
            Dimension.DAY, "营业日",
            Dimension.SHOP, "门店",
            Dimension.OPERATOR, "操作员",
            Dimension.KIND, "业务类型",
            Dimension.PLAN, "充值方案",
            Dimension.PAYMENT_TYPE, "支付方式");

    private final LedgerReports ledger;
    private final CardOpenings openings;
    private final TenantDirectory tenants;
    private final DayEnds dayEnds;
    private final ShopManagement shops;
    private final OperatorManagement operators;
    private final Dictionaries dictionaries;

    Reports(
            LedgerReports ledger,
            CardOpenings openings,
            TenantDirectory tenants,
            DayEnds dayEnds,
            ShopManagement shops,
            OperatorManagement operators,
            Dictionaries dictionaries) {
        this.ledger = ledger;
        this.openings = openings;
        this.tenants = tenants;
        this.dayEnds = dayEnds;
        this.shops = shops;
        this.operators = operators;
        this.dictionaries = dictionaries;
    }

    static Subject subject(String name) {
        Subject subject = SUBJECTS.get(name);
        if (subject == null) {
            throw BusinessException.notFound("entity.report");
        }
        return subject;
    }

    static Dimension dimension(String groupBy) {
        if (groupBy == null || groupBy.isBlank()) {
            return Dimension.DAY;
        }
        return switch (groupBy.trim()) {
            case "day" -> Dimension.DAY;
            case "shop" -> Dimension.SHOP;
            case "operator" -> Dimension.OPERATOR;
            case "kind" -> Dimension.KIND;
            case "plan" -> Dimension.PLAN;
            case "paymentType" -> Dimension.PAYMENT_TYPE;
            default -> throw BusinessException.invalid("groupBy", "error.groupBy");
        };
    }

    static String groupByName(Dimension dimension) {
        return dimension == Dimension.PAYMENT_TYPE
                ? "paymentType"
                : dimension.name().toLowerCase(Locale.ROOT);
    }

    public ReportView report(
            long tenantId, String subjectName, String groupBy, String startDate, String endDate, Long shopId) {
        Subject subject = subject(subjectName);
        Dimension dimension = dimension(groupBy);
        if (!LedgerReports.groups(subject, dimension)) {
            throw BusinessException.invalid("groupBy", "error.groupBy");
        }
        LocalDate to = endDate == null ? dayEnds.today(tenantId) : DayEnds.date(endDate, "endDate");
        LocalDate from = startDate == null ? to : DayEnds.date(startDate, "startDate");
        DayEnds.requireRange(from, to);
        dayEnds.requireNotFuture(tenantId, to, "endDate");
        if (shopId != null) {
            shops.requireShopIfGiven(tenantId, shopId);
        }
        List<Line> lines = ledger.lines(tenantId, subject, dimension, from, to, shopId);
        Map<String, String> names = names(tenantId, dimension, lines);
        Line total = lines.stream().reduce(Line.ZERO, Line::plus);
        return new ReportView(
                subjectName,
                groupByName(dimension),
                from.toString(),
                to.toString(),
                shopId,
                lines.stream().map(line -> view(line, names.get(line.key()))).toList(),
                view(total, "合计"));
    }

    public OpeningsView openings(long tenantId, String groupBy, String startDate, String endDate, Long shopId) {
        CardOpenings.By by;
        if (groupBy == null || groupBy.isBlank() || groupBy.trim().equals("day")) {
            by = CardOpenings.By.DAY;
        } else if (groupBy.trim().equals("shop")) {
            by = CardOpenings.By.SHOP;
        } else {
            throw BusinessException.invalid("groupBy", "error.groupByOpenings");
        }
        LocalDate to = endDate == null ? dayEnds.today(tenantId) : DayEnds.date(endDate, "endDate");
        LocalDate from = startDate == null ? to : DayEnds.date(startDate, "startDate");
        DayEnds.requireRange(from, to);
        dayEnds.requireNotFuture(tenantId, to, "endDate");
        if (shopId != null) {
            shops.requireShopIfGiven(tenantId, shopId);
        }
        Map<String, String> names = new java.util.HashMap<>();
        if (by == CardOpenings.By.SHOP) {
            shops.list(tenantId).forEach(shop -> names.put(String.valueOf(shop.id()), shop.name()));
        }
        List<OpeningLine> lines = openings.opened(tenantId, tenants.zoneOf(tenantId), from, to, shopId, by).stream()
                .map(line -> new OpeningLine(line.key(), names.get(line.key()), line.cards(), line.members()))
                .toList();
        return new OpeningsView(
                by.name().toLowerCase(Locale.ROOT),
                from.toString(),
                to.toString(),
                shopId,
                lines,
                new OpeningLine(
                        null,
                        "合计",
                        lines.stream().mapToLong(OpeningLine::cards).sum(),
                        lines.stream().mapToLong(OpeningLine::members).sum()));
    }

    static final List<String> OPENING_HEADERS = List.of("分组", "名称", "新开卡数", "新会员数");

    static List<Object> row(OpeningLine line) {
        List<Object> row = new ArrayList<>();
        row.add(line.key());
        row.add(line.name());
        row.add(line.cards());
        row.add(line.members());
        return row;
    }

    /** One shop's closed day in the history: its bills, the real money recharged, the amounts paid by card and refunded, gift redemptions. */
    record HistoryLine(
            long shopId,
            String shopName,
            String businessDate,
            int status,
            long bills,
            Money recharged,
            Money paid,
            Money refunded,
            long giftRedemptions,
            String finishedAt) {}

    record HistoryView(String startDate, String endDate, Long shopId, List<HistoryLine> days, HistoryLine totals) {}

    private static final java.util.Set<String> REFUND_KINDS =
            java.util.Set.of("PAYMENT_REFUND", "RECHARGE_REFUND", "BALANCE_REFUND", "CARD_RETURN");

    HistoryView history(long tenantId, String startDate, String endDate, Long shopId) {
        LocalDate to = endDate == null ? dayEnds.today(tenantId) : DayEnds.date(endDate, "endDate");
        LocalDate from = startDate == null ? to.minusDays(30) : DayEnds.date(startDate, "startDate");
        dayEnds.requireNotFuture(tenantId, to, "endDate");
        List<DayEndView> days = dayEnds.history(tenantId, shopId, from, to);
        Map<Long, String> shopNames = shops.list(tenantId).stream().collect(Collectors.toMap(Shop::id, Shop::name));
        List<HistoryLine> lines = new ArrayList<>();
        long bills = 0;
        long gifts = 0;
        Money recharged = Money.ZERO;
        Money paid = Money.ZERO;
        Money refunded = Money.ZERO;
        for (DayEndView day : days) {
            long dayBills = 0;
            long dayGifts = 0;
            Money dayRecharged = Money.ZERO;
            Money dayPaid = Money.ZERO;
            Money dayRefunded = Money.ZERO;
            if (day.serverTotals() != null) {
                dayBills = day.serverTotals().bills();
                for (var kind : day.serverTotals().byKind()) {
                    switch (kind.kind()) {
                        case "RECHARGE" -> dayRecharged = dayRecharged.plus(kind.real());
                        case "CARD_PAYMENT" -> dayPaid = dayPaid.plus(kind.amount());
                        case "GIFT_REDEMPTION" -> dayGifts += kind.count();
                        default -> {
                            if (REFUND_KINDS.contains(kind.kind())) {
                                dayRefunded = dayRefunded.plus(kind.amount());
                            }
                        }
                    }
                }
            }
            lines.add(new HistoryLine(
                    day.shopId(),
                    shopNames.get(day.shopId()),
                    day.businessDate(),
                    day.status(),
                    dayBills,
                    dayRecharged,
                    dayPaid,
                    dayRefunded,
                    dayGifts,
                    day.finishedAt()));
            bills += dayBills;
            gifts += dayGifts;
            recharged = recharged.plus(dayRecharged);
            paid = paid.plus(dayPaid);
            refunded = refunded.plus(dayRefunded);
        }
        return new HistoryView(
                from.toString(),
                to.toString(),
                shopId,
                lines,
                new HistoryLine(0, "合计", null, 0, bills, recharged, paid, refunded, gifts, null));
    }

    static final List<String> HISTORY_HEADERS =
            List.of("门店编号", "门店", "营业日", "状态", "笔数", "充值金额", "消费金额", "退款金额", "礼品兑换", "完成时间");

    static List<Object> row(HistoryLine line) {
        List<Object> row = new ArrayList<>();
        row.add(line.businessDate() == null ? null : line.shopId());
        row.add(line.shopName());
        row.add(line.businessDate());
        row.add(line.status() == 0 ? null : (long) line.status());
        row.add(line.bills());
        row.add(line.recharged().amount());
        row.add(line.paid().amount());
        row.add(line.refunded().amount());
        row.add(line.giftRedemptions());
        row.add(line.finishedAt());
        return row;
    }

    public LiabilityView liability(long tenantId, String businessDate) {
        LocalDate day = businessDate == null ? dayEnds.today(tenantId) : DayEnds.date(businessDate, "businessDate");
        dayEnds.requireNotFuture(tenantId, day, "businessDate");
        Map<Long, String> shopNames = shops.list(tenantId).stream().collect(Collectors.toMap(Shop::id, Shop::name));
        List<LiabilityLine> lines = new ArrayList<>();
        Money real = Money.ZERO;
        Money gift = Money.ZERO;
        long points = 0;
        for (LedgerReports.Liability shop : ledger.liability(tenantId, day)) {
            lines.add(new LiabilityLine(
                    shop.shopId(),
                    shop.shopId() == null ? "无门店" : shopNames.get(shop.shopId()),
                    shop.real(),
                    shop.gift(),
                    shop.real().plus(shop.gift()),
                    shop.points()));
            real = real.plus(shop.real());
            gift = gift.plus(shop.gift());
            points += shop.points();
        }
        return new LiabilityView(
                day.toString(), lines, new LiabilityLine(null, "合计", real, gift, real.plus(gift), points));
    }

    private Map<String, String> names(long tenantId, Dimension dimension, List<Line> lines) {
        Map<String, String> names = new java.util.HashMap<>();
        switch (dimension) {
            case SHOP -> shops.list(tenantId).forEach(shop -> names.put(String.valueOf(shop.id()), shop.name()));
            case OPERATOR -> {
                List<Long> ids = lines.stream()
                        .map(Line::key)
                        .filter(Objects::nonNull)
                        .map(Long::valueOf)
                        .toList();
                operators.namesOf(tenantId, ids).forEach((id, name) -> names.put(String.valueOf(id), name));
            }
            case KIND -> names.putAll(KIND_NAMES);
            case PAYMENT_TYPE ->
                lines.stream()
                        .map(Line::key)
                        .filter(Objects::nonNull)
                        .forEach(key -> names.put(
                                key, dictionaries.paymentTypeName(PaymentType.ofCode(Integer.parseInt(key)))));
            default -> {}
        }
        return names;
    }

    private static ReportLine view(Line line, String name) {
        return new ReportLine(
                line.key(),
                name,
                line.bills(),
                line.amount(),
                line.real(),
                line.gift(),
                line.pointsEarned(),
                line.pointsSpent(),
                line.pointsExpired());
    }

    /**
     * The report as an .xlsx sheet, as its download is named and written: Chinese headers, a line a
     * row, the totals row. Public for the admin console's download, which is the API's.
     */
    public String xlsxName(ReportView view) {
        return SUBJECT_NAMES.get(subject(view.subject())) + "_" + view.startDate() + "_" + view.endDate();
    }

    public void writeXlsx(ReportView view, OutputStream out) throws IOException {
        Xlsx.write(
                out,
                SUBJECT_NAMES.get(subject(view.subject())),
                headers(dimension(view.groupBy())),
                view.lines().stream().map(Reports::row).toList(),
                () -> row(view.totals()));
    }

    /** The report's sheet: headers, rows and the totals row. */
    static List<String> headers(Dimension dimension) {
        return List.of(DIMENSION_NAMES.get(dimension), "名称", "笔数", "金额", "实际金额变动", "赠送金额变动", "获得积分", "使用积分", "过期积分");
    }

    static List<Object> row(ReportLine line) {
        List<Object> row = new ArrayList<>();
        row.add(line.key());
        row.add(line.name());
        row.add(line.bills());
        row.add(line.amount().amount());
        row.add(line.real().amount());
        row.add(line.gift().amount());
        row.add(line.pointsEarned());
        row.add(line.pointsSpent());
        row.add(line.pointsExpired());
        return row;
    }

    static final List<String> LIABILITY_HEADERS = List.of("门店编号", "门店", "实际余额", "赠送余额", "储值余额合计", "积分");

    static List<Object> row(LiabilityLine line) {
        List<Object> row = new ArrayList<>();
        row.add(line.shopId());
        row.add(line.shopName());
        row.add(line.real().amount());
        row.add(line.gift().amount());
        row.add(line.balance().amount());
        row.add(line.points());
        return row;
    }
}
