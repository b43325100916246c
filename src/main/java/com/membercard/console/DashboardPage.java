package com.membercard.console;

import com.membercard.member.MemberQueries;
import com.membercard.member.MemberView;
import com.membercard.settlement.DayEnds;
import com.membercard.settlement.Reports;
import com.membercard.settlement.Reports.OpeningsView;
import com.membercard.settlement.Reports.ReportLine;
import com.membercard.settlement.Reports.ReportView;
import com.membercard.shared.Money;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.Role;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's home. For administrators and auditors (who may read the reports), today's and this
 * month's recharges, card payments and new members, from the settlement module's own reports over
 * business days, with a chart of the month's days, and the stored-value liability: what the cards
 * hold now (the member module's kept totals).
 */
@Controller
class DashboardPage {

    private final MemberQueries members;
    private final Reports reports;
    private final DayEnds dayEnds;
    private final AsyncTaskExecutor executor;

    DashboardPage(
            MemberQueries members,
            Reports reports,
            DayEnds dayEnds,
            @Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor) {
        this.members = members;
        this.reports = reports;
        this.dayEnds = dayEnds;
        this.executor = executor;
    }

    /** The stored value the cards hold: real money and gift money. */
    record Held(Money balance, Money real, Money gift) {}

    /** Today's and this month's figure of one report. */
    record Figure(Money today, Money month, long todayCount, long monthCount) {}

    @GetMapping("/console")
    String dashboard(@AuthenticationPrincipal Caller caller, Model model) {
        if (caller.isPlatformAdmin()) {
            return "console/dashboard";
        }
        long tenantId = caller.tenantId();
        model.addAttribute("memberCount", members.count(tenantId));
        if (caller.role() != Role.TENANT_ADMIN && caller.role() != Role.AUDITOR) {
            return "console/dashboard";
        }
        // today's liability is what the cards hold (the kept totals of op02), not the ledger's sum
        // of every entry: the same figure (the reconciliation checks it), in milliseconds at any size
        MemberView held = members.heldByCards(tenantId);
        LocalDate today = dayEnds.today(tenantId);
        String monthStart = today.withDayOfMonth(1).toString();
        // the month's three reports side by side, each in its own read-only transaction: late in a
        // month each takes ~0.1 s on 1,000,000 members, one after the other they came near the 0.3 s
        // a page may take (bench/README.md "Console pages")
        CompletableFuture<ReportView> rechargeReport = CompletableFuture.supplyAsync(
                () -> reports.report(tenantId, "recharges", "day", monthStart, today.toString(), null), executor);
        CompletableFuture<ReportView> paymentReport = CompletableFuture.supplyAsync(
                () -> reports.report(tenantId, "card-payments", "day", monthStart, today.toString(), null), executor);
        CompletableFuture<OpeningsView> openingReport = CompletableFuture.supplyAsync(
                () -> reports.openings(tenantId, "day", monthStart, today.toString(), null), executor);
        ReportView recharges = result(rechargeReport);
        ReportView payments = result(paymentReport);
        OpeningsView openings = result(openingReport);
        Map<LocalDate, Money> rechargeDays = byDay(recharges);
        Map<LocalDate, Money> paymentDays = byDay(payments);
        model.addAttribute("today", today);
        model.addAttribute("liability", new Held(held.balance(), held.actualBalance(), held.giveBalance()));
        model.addAttribute("recharges", figure(recharges, today));
        model.addAttribute("payments", figure(payments, today));
        model.addAttribute(
                "newMembersToday",
                openings.lines().stream()
                        .filter(line -> today.toString().equals(line.key()))
                        .mapToLong(Reports.OpeningLine::members)
                        .sum());
        model.addAttribute("newMembersMonth", openings.totals().members());
        model.addAttribute("chart", DailyChart.of(today.withDayOfMonth(1), today, rechargeDays, paymentDays));
        return "console/dashboard";
    }

    /** A report's answer, or its failure as it was thrown. */
    private static <T> T result(CompletableFuture<T> report) {
        try {
            return report.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    private static Figure figure(ReportView report, LocalDate today) {
        ReportLine todays = report.lines().stream()
                .filter(line -> today.toString().equals(line.key()))
                .findFirst()
                .orElse(null);
        return new Figure(
                todays == null ? Money.ZERO : todays.amount(),
                report.totals().amount(),
                todays == null ? 0 : todays.bills(),
                report.totals().bills());
    }

    private static Map<LocalDate, Money> byDay(ReportView report) {
        return report.lines().stream()
                .filter(line -> line.key() != null)
                .collect(Collectors.toMap(line -> LocalDate.parse(line.key()), ReportLine::amount));
    }
}
