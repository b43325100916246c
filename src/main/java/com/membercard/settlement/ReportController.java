package com.membercard.settlement;

import com.membercard.shared.Page;
import com.membercard.shared.Paging;
import com.membercard.shared.web.BusinessCodes;
import com.membercard.tenancy.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Reports (报表)")
class ReportController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private static final String REPORT = "`subject`: recharges, card-payments, refunds, points, gift-redemptions. "
            + "Bills by business day (the shops' days, as day-end closes them) from `startDate` to `endDate` "
            + "(yyyy-MM-dd, inclusive; default today; at most 366 days, not after today: 400 naming the field), "
            + "of one shop (`shopId`, 404 if not the tenant's) or all. `groupBy`: day (default), shop, operator, "
            + "kind; recharges also plan and paymentType (by their payment records), refunds also paymentType "
            + "(by the records refunded along). Each line: key, name, bills, amount (as requested), real and "
            + "gift (as moved on the cards: negative leaves them), pointsEarned, pointsSpent, pointsExpired; "
            + "`totals` sums the lines. An unknown subject: 404.";

    private final Reports reports;
    private final BillList billList;

    ReportController(Reports reports, BillList billList) {
        this.reports = reports;
        this.billList = billList;
    }

    @GetMapping("/{subject}")
    @Operation(summary = "报表 — a report", description = REPORT)
    @BusinessCodes({400, 404})
    Reports.ReportView report(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String subject,
            @RequestParam(required = false) String startDate,
            @RequestParam(required = false) String endDate,
            @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) Long shopId) {
        return reports.report(caller.tenantId(), subject, groupBy, startDate, endDate, shopId);
    }

    @GetMapping("/{subject}/xlsx")
    @Operation(
            summary = "报表下载 — a report as .xlsx",
            description = "The same report as an Excel sheet, streamed: Chinese headers, a line a row, a totals "
                    + "row (合计). " + REPORT)
    @BusinessCodes({400, 404})
    ResponseEntity<StreamingResponseBody> reportXlsx(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String subject,
            @RequestParam(required = false) String startDate,
            @RequestParam(required = false) String endDate,
            @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) Long shopId) {
        Reports.ReportView view = reports.report(caller.tenantId(), subject, groupBy, startDate, endDate, shopId);
        return xlsx(reports.xlsxName(view), out -> reports.writeXlsx(view, out));
    }

    private static final String BILLS = "The bill list (流水明细): every bill of business days `startDate` to "
            + "`endDate` (yyyy-MM-dd, inclusive; default today; at most 366 days, not after today: 400 naming the "
            + "field), of one shop (`shopId`, 404 if not the tenant's) or all, oldest day first: bill number, "
            + "business day, time, shop, operator, kind, card code, amount (as requested), payment type (of a "
            + "refund), real and gift money and points as moved on the cards.";

    @GetMapping("/bills")
    @Operation(summary = "流水明细 — the bill list", description = BILLS + " Paged (`pageIndex`, `pageSize`).")
    @BusinessCodes({400, 404})
    Page<BillList.BillView> bills(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String startDate,
            @RequestParam(required = false) String endDate,
            @RequestParam(required = false) Long shopId,
            @RequestParam(required = false) Integer pageIndex,
            @RequestParam(required = false) Integer pageSize) {
        Paging paging = Paging.of(pageIndex, pageSize);
        return billList.bills(caller.tenantId(), startDate, endDate, shopId, paging);
    }

    @GetMapping("/bills/xlsx")
    @Operation(
            summary = "流水明细下载 — the bill list as .xlsx",
            description = "The same bills as an Excel sheet, streamed from the database (any length in bounded "
                    + "memory), with a totals row (合计). At most " + BillList.MAX_SHEET_ROWS + " bills, a sheet's "
                    + "limit: 400 naming endDate beyond it. " + BILLS)
    @BusinessCodes({400, 404})
    ResponseEntity<StreamingResponseBody> billsXlsx(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String startDate,
            @RequestParam(required = false) String endDate,
            @RequestParam(required = false) Long shopId) {
        long tenantId = caller.tenantId();
        BillList.BillRange range = billList.billRange(tenantId, startDate, endDate, shopId, true);
        return xlsx("流水明细_" + range.from() + "_" + range.to(), out -> billList.writeBills(tenantId, range, out));
    }

    private static final String OPENINGS = "Cards opened on the tenant's days `startDate`..`endDate` (yyyy-MM-dd, "
            + "default today, at most 366 days, not after today) at their issuing shop, and the members whose first "
            + "card it was (a replacement card is a new card, not a new member). `groupBy`: day (default) or shop; "
            + "`shopId` one shop (404 if not the tenant's). Lines {key, name, cards, members} and `totals`.";

    @GetMapping("/new-members")
    @Operation(summary = "新会员/新开卡 — new members and cards", description = OPENINGS)
    @BusinessCodes({400, 404})
    Reports.OpeningsView newMembers(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String startDate,
            @RequestParam(required = false) String endDate,
            @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) Long shopId) {
        return reports.openings(caller.tenantId(), groupBy, startDate, endDate, shopId);
    }

    @GetMapping("/new-members/xlsx")
    @Operation(
            summary = "新会员/新开卡下载 — new members and cards as .xlsx",
            description = "The same as an Excel sheet with a totals row (合计). " + OPENINGS)
    @BusinessCodes({400, 404})
    ResponseEntity<StreamingResponseBody> newMembersXlsx(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String startDate,
            @RequestParam(required = false) String endDate,
            @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) Long shopId) {
        Reports.OpeningsView view = reports.openings(caller.tenantId(), groupBy, startDate, endDate, shopId);
        return xlsx(
                "新会员_" + view.startDate() + "_" + view.endDate(),
                out -> Xlsx.write(
                        out,
                        "新会员",
                        Reports.OPENING_HEADERS,
                        view.lines().stream().map(Reports::row).toList(),
                        () -> Reports.row(view.totals())));
    }

    private static final String HISTORY = "The day-end history: every close of the tenant's shops (or of `shopId`, "
            + "404 if not the tenant's) from `startDate` to `endDate` (yyyy-MM-dd, default the 31 days to today, at "
            + "most 366 days), oldest first: status (902–905), bills, recharged (real money), paid by card and refunded "
            + "amounts, gift redemptions, when it finished; `totals` sums them.";

    @GetMapping("/day-ends")
    @Operation(summary = "日结历史 — the day-end history", description = HISTORY)
    @BusinessCodes({400, 404})
    Reports.HistoryView dayEnds(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String startDate,
            @RequestParam(required = false) String endDate,
            @RequestParam(required = false) Long shopId) {
        return reports.history(caller.tenantId(), startDate, endDate, shopId);
    }

    @GetMapping("/day-ends/xlsx")
    @Operation(
            summary = "日结历史下载 — the day-end history as .xlsx",
            description = "The same as an Excel sheet with a totals row (合计). " + HISTORY)
    @BusinessCodes({400, 404})
    ResponseEntity<StreamingResponseBody> dayEndsXlsx(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String startDate,
            @RequestParam(required = false) String endDate,
            @RequestParam(required = false) Long shopId) {
        Reports.HistoryView view = reports.history(caller.tenantId(), startDate, endDate, shopId);
        return xlsx(
                "日结历史_" + view.startDate() + "_" + view.endDate(),
                out -> Xlsx.write(
                        out,
                        "日结历史",
                        Reports.HISTORY_HEADERS,
                        view.days().stream().map(Reports::row).toList(),
                        () -> Reports.row(view.totals())));
    }

    @GetMapping("/liability")
    @Operation(
            summary = "储值负债 — the stored-value liability",
            description = "What the customers' cards hold at the end of business day `businessDate` (yyyy-MM-dd, "
                    + "default today, not after it): real and gift money and points, per issuing shop and in "
                    + "total, derived from the ledger's entries (up to today it equals the cards' balances).")
    @BusinessCodes({400})
    Reports.LiabilityView liability(
            @AuthenticationPrincipal Caller caller, @RequestParam(required = false) String businessDate) {
        return reports.liability(caller.tenantId(), businessDate);
    }

    @GetMapping("/liability/xlsx")
    @Operation(
            summary = "储值负债下载 — the stored-value liability as .xlsx",
            description = "The same figures as an Excel sheet with a totals row (合计).")
    @BusinessCodes({400})
    ResponseEntity<StreamingResponseBody> liabilityXlsx(
            @AuthenticationPrincipal Caller caller, @RequestParam(required = false) String businessDate) {
        Reports.LiabilityView view = reports.liability(caller.tenantId(), businessDate);
        return xlsx(
                "储值负债_" + view.businessDate(),
                out -> Xlsx.write(
                        out,
                        "储值负债",
                        Reports.LIABILITY_HEADERS,
                        view.shops().stream().map(Reports::row).toList(),
                        () -> Reports.row(view.total())));
    }

    private static ResponseEntity<StreamingResponseBody> xlsx(String name, StreamingResponseBody body) {
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(name + ".xlsx", StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(body);
    }
}
