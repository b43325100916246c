package com.membercard.demo;

import com.membercard.payment.CardPayments;
import com.membercard.payment.Recharges;
import com.membercard.payment.TillRequests;
import com.membercard.shared.PaymentType;
import com.membercard.tenancy.Actor;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.Role;
import com.membercard.tenancy.TenantDirectory;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.IntPredicate;
import org.springframework.stereotype.Component;

/**
 * The demo tenant's first day at the till, run through the payment module's own commands (so
 * through the ledger): recharges with and without a plan, card payments and a few refunds, so that
 * the console's dashboard, transactions and reports show real figures on first start.
 */
@Component
class DemoActivity {

    /** How many of the demo's cards come to the till. */
    static final int CUSTOMERS = 60;

    private final Recharges recharges;
    private final CardPayments payments;
    private final TenantDirectory directory;

    DemoActivity(Recharges recharges, CardPayments payments, TenantDirectory directory) {
        this.recharges = recharges;
        this.payments = payments;
        this.directory = directory;
    }

    /**
     * @param storedValue whether the demo's card {@code i} is of the stored-value class (the others
     *     cannot be recharged)
     */
    void firstDay(long tenantId, long cashierId, long shopId, long plan, IntPredicate storedValue) {
        Caller cashier = new Caller(tenantId, Role.CASHIER, cashierId, null, shopId, "demo-cashier");
        Actor actor = directory.actor(cashier, null);
        for (int i = 1; i <= CUSTOMERS; i++) {
            if (!storedValue.test(i)) {
                continue;
            }
            String card = String.format("DEMO%06d", i);
            String secret = String.format("demo-secret-%06d", i);
            boolean withPlan = i % 3 == 0;
            BigDecimal paid = withPlan ? new BigDecimal("100.00") : new BigDecimal(50 + (i * 37) % 450 + ".00");
            recharges.recharge(
                    cashier,
                    actor,
                    new TillRequests.Recharge(
                            card,
                            secret,
                            null,
                            paid,
                            null,
                            List.of(new TillRequests.Detail(
                                    (i % 2 == 0 ? PaymentType.WECHAT : PaymentType.CASH).code(), paid, null, null)),
                            "演示充值",
                            "DEMO-R-" + i,
                            null,
                            withPlan ? plan : null,
                            null));
            if (i % 2 == 0) {
                String order = "DEMO-O-" + i;
                payments.pay(
                        tenantId,
                        actor,
                        new TillRequests.Pay(card, secret, null, new BigDecimal(12 + i + ".50"), order, null, null));
                if (i % 7 == 0) {
                    payments.refund(
                            tenantId,
                            actor,
                            new TillRequests.RefundPayment(
                                    card, secret, new BigDecimal("5.00"), order, "DEMO-F-" + i, null, null));
                }
            }
        }
    }
}
