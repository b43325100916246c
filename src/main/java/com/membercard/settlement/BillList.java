package com.membercard.settlement;

import com.membercard.catalog.Dictionaries;
import com.membercard.ledger.LedgerReports;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Money;
import com.membercard.shared.Page;
import com.membercard.shared.Paging;
import com.membercard.shared.PaymentType;
import com.membercard.shared.web.DateTimeJson;
import com.membercard.tenancy.OperatorManagement;
import com.membercard.tenancy.Shop;
import com.membercard.tenancy.ShopManagement;
import com.membercard.tenancy.TenantDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The bill list (流水明细): a row per bill of a date range, its shop, operator, kind and payment
 * type named, as a page or as a sheet streamed from one cursor. Dates are checked as every report's.
 */
@Service
class BillList {

    private final LedgerReports ledger;
    private final TenantDirectory tenants;
    private final DayEnds dayEnds;
    private final ShopManagement shops;
    private final OperatorManagement operators;
    private final Dictionaries dictionaries;

    BillList(
            LedgerReports ledger,
            TenantDirectory tenants,
            DayEnds dayEnds,
            ShopManagement shops,
            OperatorManagement operators,
            Dictionaries dictionaries) {
        this.ledger = ledger;
        this.tenants = tenants;
        this.dayEnds = dayEnds;
        this.shops = shops;
        this.operators = operators;
        this.dictionaries = dictionaries;
    }

    /** A bill of the bill list (流水明细), its shop, operator, kind and payment type named. */
    record BillView(
            String billNo,
            String businessDate,
            String createdAt,
            Long shopId,
            String shopName,
            Long operatorId,
            String operatorName,
            String kind,
            String kindName,
            String cardCode,
            Money amount,
            Integer paymentType,
            String paymentTypeName,
            Money real,
            Money gift,
            long points) {}

    /** The days and shop of a bill list, checked, with how many bills it holds. */
    record BillRange(LocalDate from, LocalDate to, Long shopId, long bills) {}

    /** The rows one sheet holds besides its header and totals rows (Excel's limit is 1,048,576). */
    static final int MAX_SHEET_ROWS = 1_048_574;

    /**
     * Checks a bill list's request: dates as every report's, the shop the tenant's. For a download,
     * also that its bills fit one sheet (400 naming endDate otherwise): checked before the first
     * byte is sent, since a failure in the middle of a stream can no longer be answered.
     */
    BillRange billRange(long tenantId, String startDate, String endDate, Long shopId, boolean oneSheet) {
        LocalDate to = endDate == null ? dayEnds.today(tenantId) : DayEnds.date(endDate, "endDate");
        LocalDate from = startDate == null ? to : DayEnds.date(startDate, "startDate");
        DayEnds.requireRange(from, to);
        dayEnds.requireNotFuture(tenantId, to, "endDate");
        if (shopId != null) {
            shops.requireShopIfGiven(tenantId, shopId);
        }
        long bills = ledger.billCount(tenantId, from, to, shopId);
        if (oneSheet && bills > MAX_SHEET_ROWS) {
            throw BusinessException.invalid("endDate", "error.tooManyRows", MAX_SHEET_ROWS);
        }
        return new BillRange(from, to, shopId, bills);
    }

    Page<BillView> bills(long tenantId, String startDate, String endDate, Long shopId, Paging paging) {
        BillRange range = billRange(tenantId, startDate, endDate, shopId, false);
        BillNames names = new BillNames(tenantId);
        List<BillView> rows =
                ledger
                        .bills(tenantId, range.from(), range.to(), range.shopId(), paging.pageSize(), paging.offset())
                        .stream()
                        .map(names::view)
                        .toList();
        return new Page<>(rows, paging.pageIndex(), paging.pageSize(), range.bills(), null);
    }

    static final List<String> BILL_HEADERS =
            List.of("单号", "营业日", "时间", "门店", "操作员", "业务类型", "卡号", "金额", "支付方式", "实际金额变动", "赠送金额变动", "积分变动");

    /**
     * The bill list as a sheet, streamed: the bills come from one cursor (this read-only
     * transaction) and leave in the sheet writer's batches, so no more than a batch of either is held.
     */
    @Transactional(readOnly = true)
    void writeBills(long tenantId, BillRange range, OutputStream out) throws IOException {
        BillNames names = new BillNames(tenantId);
        SheetTotals totals = new SheetTotals();
        try (Stream<LedgerReports.BillLine> lines =
                ledger.allBills(tenantId, range.from(), range.to(), range.shopId())) {
            Iterable<List<Object>> rows = () ->
                    lines.map(names::view).peek(totals::add).map(BillList::row).iterator();
            Xlsx.write(out, "流水明细", BILL_HEADERS, rows, totals::row);
        }
    }

    /** The totals row of a bill sheet, summed while its rows pass. */
    private static final class SheetTotals {
        private long bills;
        private Money amount = Money.ZERO;
        private Money real = Money.ZERO;
        private Money gift = Money.ZERO;
        private long points;

        void add(BillView bill) {
            bills++;
            amount = amount.plus(bill.amount());
            real = real.plus(bill.real());
            gift = gift.plus(bill.gift());
            points += bill.points();
        }

        List<Object> row() {
            List<Object> row = new ArrayList<>(Collections.nCopies(BILL_HEADERS.size(), null));
            row.set(0, "合计");
            row.set(1, bills + " 笔");
            row.set(7, amount.amount());
            row.set(9, real.amount());
            row.set(10, gift.amount());
            row.set(11, points);
            return row;
        }
    }

    static List<Object> row(BillView bill) {
        List<Object> row = new ArrayList<>();
        row.add(bill.billNo());
        row.add(bill.businessDate());
        row.add(bill.createdAt());
        row.add(bill.shopName());
        row.add(bill.operatorName());
        row.add(bill.kindName());
        row.add(bill.cardCode());
        row.add(bill.amount().amount());
        row.add(bill.paymentTypeName());
        row.add(bill.real().amount());
        row.add(bill.gift().amount());
        row.add(bill.points());
        return row;
    }

    /** Names of a tenant's shops, operators (looked up as they appear) and payment types, for bill lines. */
    private final class BillNames {
        private final long tenantId;
        private final ZoneId zone;
        private final Map<Long, String> shopNames;
        private final Map<Long, String> operatorNames = new HashMap<>();

        BillNames(long tenantId) {
            this.tenantId = tenantId;
            this.zone = tenants.zoneOf(tenantId);
            this.shopNames = shops.list(tenantId).stream().collect(Collectors.toMap(Shop::id, Shop::name));
        }

        BillView view(LedgerReports.BillLine line) {
            String operator = line.operatorId() == null
                    ? null
                    : operatorNames.computeIfAbsent(
                            line.operatorId(),
                            id -> operators.namesOf(tenantId, List.of(id)).get(id));
            return new BillView(
                    line.billNo(),
                    line.businessDate().toString(),
                    DateTimeJson.DATE_TIME.format(line.createdAt().atZoneSameInstant(zone)),
                    line.shopId(),
                    line.shopId() == null ? null : shopNames.get(line.shopId()),
                    line.operatorId(),
                    operator,
                    line.kind(),
                    Reports.KIND_NAMES.get(line.kind()),
                    line.cardCode(),
                    line.amount(),
                    line.paymentType(),
                    line.paymentType() == null
                            ? null
                            : dictionaries.paymentTypeName(PaymentType.ofCode(line.paymentType())),
                    line.real(),
                    line.gift(),
                    line.points());
        }
    }
}
