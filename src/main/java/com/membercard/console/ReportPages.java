package com.membercard.console;

import com.membercard.settlement.Reports;
import com.membercard.settlement.Reports.ReportView;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.ShopManagement;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The settlement module's reports (recharges, card payments, refunds, points, gift redemptions) over
 * business days, grouped as the API groups them, and the same sheet as the API's .xlsx download.
 */
@Controller
class ReportPages {

    static final List<String> SUBJECTS = List.of("recharges", "card-payments", "refunds", "points", "gift-redemptions");
    static final List<String> GROUPS = List.of("day", "shop", "operator", "kind", "plan", "paymentType");

    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final Reports reports;
    private final ShopManagement shops;
    private final ConsoleForms forms;

    ReportPages(Reports reports, ShopManagement shops, ConsoleForms forms) {
        this.reports = reports;
        this.shops = shops;
        this.forms = forms;
    }

    @GetMapping("/console/reports")
    String report(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(defaultValue = "recharges") String subject,
            @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) String startDate,
            @RequestParam(required = false) String endDate,
            @RequestParam(required = false) Long shopId,
            Model model) {
        long tenantId = caller.tenantId();
        model.addAttribute("subjects", SUBJECTS);
        model.addAttribute("groups", GROUPS);
        model.addAttribute("shops", shops.list(tenantId));
        model.addAttribute("subject", subject);
        model.addAttribute("groupBy", groupBy);
        model.addAttribute("startDate", startDate);
        model.addAttribute("endDate", endDate);
        model.addAttribute("shopId", shopId);
        model.addAttribute(
                "report",
                forms.submit(
                        model,
                        () -> reports.report(
                                tenantId,
                                subject,
                                MemberPages.blankToNull(groupBy),
                                MemberPages.blankToNull(startDate),
                                MemberPages.blankToNull(endDate),
                                shopId)));
        return "console/reports";
    }

    /** The API's sheet (a 400 or 404 as the API's, shown on the error page). */
    @GetMapping("/console/reports/xlsx")
    ResponseEntity<StreamingResponseBody> xlsx(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(defaultValue = "recharges") String subject,
            @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) String startDate,
            @RequestParam(required = false) String endDate,
            @RequestParam(required = false) Long shopId) {
        ReportView view = reports.report(
                caller.tenantId(),
                subject,
                MemberPages.blankToNull(groupBy),
                MemberPages.blankToNull(startDate),
                MemberPages.blankToNull(endDate),
                shopId);
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(reports.xlsxName(view) + ".xlsx", StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(out -> reports.writeXlsx(view, out));
    }
}
