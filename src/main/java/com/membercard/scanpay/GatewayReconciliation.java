package com.membercard.scanpay;

import com.membercard.scanpay.Attempts.Attempt;
import com.membercard.scanpay.Attempts.DayAttempt;
import com.membercard.scanpay.PaymentGateway.StatementLine;
import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Money;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Holds a day's statement of each of the tenant's gateways against our own attempts: a payment or
 * a refund settled here that the gateway does not list, one the gateway lists that is not settled
 * here (unknown, failed, or never ours), and one of another amount. Nothing is changed: a
 * difference is for a person (or the janitor, for an attempt still open) to resolve.
 */
@Service
public class GatewayReconciliation {

    /** The Chinese gateways cut their statements at midnight Beijing time, whatever the tenant's zone. */
    static final ZoneId GATEWAY_ZONE = ZoneId.of("Asia/Shanghai");

    /** Our gateway numbers name their tenant (ScanPayments.newOrderNo): P or R, the tenant, X. */
    private static final Pattern OUR_NUMBER = Pattern.compile("^[PR](\\d+)X");

    public enum Kind {
        PAYMENT,
        REFUND
    }

    public enum Difference {
        /** Settled here (paid or refunded), not on the gateway's statement. */
        MISSING_AT_GATEWAY,
        /** On the gateway's statement, not settled here. */
        MISSING_HERE,
        /** On both, with other amounts. */
        AMOUNT_DIFFERS
    }

    /**
     * One difference. {@code ourStatus} is our attempt's state (701 settled, 702 failed, 703
     * unknown or pending as null) when we have the attempt.
     */
    public record Line(
            Difference difference,
            Kind kind,
            String orderCode,
            String gatewayOrderNo,
            String refundNo,
            Money ourMoney,
            Money gatewayMoney,
            Integer ourStatus,
            String transactionId) {}

    /** Totals of one side: how many and how much, payments and refunds apart. */
    public record Totals(int payments, Money paid, int refunds, Money refunded) {}

    /**
     * One gateway's day. {@code openAttempts}: our attempts of the day still pending or unknown (the
     * janitor is still asking after them), so a difference may yet resolve itself. {@code
     * statementError}: why the gateway's statement could not be downloaded (then {@code theirs} is
     * null and no difference is listed), null when it was.
     */
    public record GatewayDay(
            String gateway,
            Totals ours,
            Totals theirs,
            int openAttempts,
            List<Line> differences,
            String statementError) {}

    public record Report(LocalDate date, List<GatewayDay> gateways) {}

    private static final Logger log = LoggerFactory.getLogger(GatewayReconciliation.class);

    private final Gateways gateways;
    private final Attempts attempts;

    GatewayReconciliation(Gateways gateways, Attempts attempts) {
        this.gateways = gateways;
        this.attempts = attempts;
    }

    /** The day {@code date} at every configured gateway of the tenant, or at {@code onlyGateway} (450 when not configured). */
    public Report reconcile(long tenantId, LocalDate date, String onlyGateway) {
        List<String> configured = gateways.configuredNames(tenantId);
        if (onlyGateway != null && !configured.contains(onlyGateway)) {
            throw new BusinessException(BusinessCode.GATEWAY_NOT_CONFIGURED);
        }
        List<GatewayDay> days = new ArrayList<>();
        for (String name : onlyGateway == null ? configured : List.of(onlyGateway)) {
            days.add(gatewayDay(tenantId, date, name));
        }
        return new Report(date, days);
    }

    private GatewayDay gatewayDay(long tenantId, LocalDate date, String name) {
        OffsetDateTime from = date.atStartOfDay(GATEWAY_ZONE).toOffsetDateTime();
        OffsetDateTime to = date.plusDays(1).atStartOfDay(GATEWAY_ZONE).toOffsetDateTime();
        // keyed by the gateway's names: the order number, and the refund number for a refund
        Map<String, DayAttempt> ours = new LinkedHashMap<>();
        for (DayAttempt day : attempts.ofPeriod(tenantId, name, from, to)) {
            ours.put(key(day), day);
        }
        int open =
                (int) ours.values().stream().filter(day -> day.attempt().open()).count();
        List<StatementLine> statement;
        try {
            statement = gateways.named(tenantId, name).statement(date);
        } catch (RuntimeException unavailable) {
            // the gateway cannot be reached or has no bill yet: say so, and let the other gateways' days stand
            log.warn(
                    "Statement of {} for tenant {} on {} not downloaded: {}",
                    name,
                    tenantId,
                    date,
                    unavailable.getMessage());
            return new GatewayDay(name, ourTotals(ours.values()), null, open, List.of(), unavailable.getMessage());
        }
        Map<String, StatementLine> theirs = new LinkedHashMap<>();
        for (StatementLine line : statement) {
            if (ofAnotherTenant(line.orderNo(), tenantId)) {
                continue; // the sandbox is one merchant account for every tenant
            }
            theirs.merge(
                    key(line),
                    line,
                    (a, b) -> new StatementLine(
                            a.orderNo(),
                            a.refundNo(),
                            a.transactionId(),
                            a.money().plus(b.money())));
        }
        List<Line> differences = new ArrayList<>();
        ours.forEach((key, day) -> {
            Attempt attempt = day.attempt();
            boolean settled = attempt.status() != null && attempt.status() == Attempts.PAID;
            StatementLine line = theirs.get(key);
            if (settled && line == null) {
                differences.add(line(Difference.MISSING_AT_GATEWAY, day, null));
            } else if (line != null && !settled) {
                differences.add(line(Difference.MISSING_HERE, day, line));
            } else if (line != null && !amount(line).equals(attempt.money())) {
                differences.add(line(Difference.AMOUNT_DIFFERS, day, line));
            }
        });
        theirs.forEach((key, line) -> {
            if (!ours.containsKey(key)) {
                differences.add(new Line(
                        Difference.MISSING_HERE,
                        line.refundNo() == null ? Kind.PAYMENT : Kind.REFUND,
                        null,
                        line.orderNo(),
                        line.refundNo(),
                        null,
                        amount(line),
                        null,
                        line.transactionId()));
            }
        });
        return new GatewayDay(name, ourTotals(ours.values()), theirTotals(theirs.values()), open, differences, null);
    }

    private static Line line(Difference difference, DayAttempt day, StatementLine line) {
        Attempt attempt = day.attempt();
        boolean refund = attempt.paidAttemptId() != null;
        return new Line(
                difference,
                refund ? Kind.REFUND : Kind.PAYMENT,
                attempt.orderCode(),
                refund ? day.paidOrderNo() : attempt.gatewayOrderNo(),
                refund ? attempt.gatewayOrderNo() : null,
                attempt.money(),
                line == null ? null : amount(line),
                attempt.status(),
                line != null ? line.transactionId() : attempt.transactionId());
    }

    private static Totals ourTotals(Iterable<DayAttempt> days) {
        int payments = 0;
        int refunds = 0;
        Money paid = Money.ZERO;
        Money refunded = Money.ZERO;
        for (DayAttempt day : days) {
            Attempt attempt = day.attempt();
            if (attempt.status() == null || attempt.status() != Attempts.PAID) {
                continue;
            }
            if (attempt.paidAttemptId() == null) {
                payments++;
                paid = paid.plus(attempt.money());
            } else {
                refunds++;
                refunded = refunded.plus(attempt.money());
            }
        }
        return new Totals(payments, paid, refunds, refunded);
    }

    private static Totals theirTotals(Iterable<StatementLine> lines) {
        int payments = 0;
        int refunds = 0;
        Money paid = Money.ZERO;
        Money refunded = Money.ZERO;
        for (StatementLine line : lines) {
            if (line.refundNo() == null) {
                payments++;
                paid = paid.plus(amount(line));
            } else {
                refunds++;
                refunded = refunded.plus(amount(line));
            }
        }
        return new Totals(payments, paid, refunds, refunded);
    }

    /** A statement lists refunds as negative money; both sides are compared as positive amounts. */
    private static Money amount(StatementLine line) {
        return line.money().isNegative() ? line.money().negate() : line.money();
    }

    private static String key(DayAttempt day) {
        Attempt attempt = day.attempt();
        return attempt.paidAttemptId() == null
                ? attempt.gatewayOrderNo()
                : day.paidOrderNo() + "/" + attempt.gatewayOrderNo();
    }

    private static String key(StatementLine line) {
        return line.refundNo() == null ? line.orderNo() : line.orderNo() + "/" + line.refundNo();
    }

    private static boolean ofAnotherTenant(String orderNo, long tenantId) {
        Matcher ours = OUR_NUMBER.matcher(orderNo == null ? "" : orderNo);
        return ours.find() && !ours.group(1).equals(Long.toString(tenantId));
    }
}
