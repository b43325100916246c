package com.membercard.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.Application;
import com.membercard.ledger.Reconciliation;
import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Random sequences of every money operation on a few cards, through the HTTP API; after each step
 * the invariants must hold: no pot below zero, balance = real + gift, every card equals its ledger,
 * no order refunded beyond what it paid, and the points a card shows are what its unexpired lots
 * hold. A failing sequence is shrunk by jqwik to the shortest one that still fails.
 */
class LedgerInvariantsTest {

    /** One step: an operation, which card, an amount in fen, and which earlier order or gift it names. */
    record Step(Op op, int card, long fen, int pick) {}

    enum Op {
        RECHARGE,
        PAY,
        REFUND_PAYMENT,
        REFUND_RECHARGE,
        REFUND_BALANCE,
        REDEEM_GIFT
    }

    /** One service for every try, started on first use and stopped with the JVM. */
    private static final class Service {
        static final ConfigurableApplicationContext CONTEXT = new SpringApplicationBuilder(Application.class)
                .run(
                        "--server.port=0",
                        "--membercard.data-dir=" + Path.of("target", "property-data", Long.toString(System.nanoTime())),
                        "--membercard.database-fsync=false",
                        "--membercard.admin.username=" + Fixtures.PLATFORM_ADMIN,
                        "--membercard.admin.password=" + Fixtures.PLATFORM_PASSWORD);
        static final Fixtures FIXTURES = Fixtures.on(
                "http://localhost:" + CONTEXT.getEnvironment().getProperty("local.server.port"),
                CONTEXT.getBean(JdbcClient.class));

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(CONTEXT::close));
        }
    }

    /**
     * As many tries as jqwik's default, which the build sets from {@code invariants.tries} (50; a long
     * run: {@code -Dinvariants.tries=1000}).
     */
    @Property
    void everyStepKeepsTheLedgerWhole(@ForAll @Size(min = 5, max = 25) List<@From("step") Step> steps) {
        TillFixture till = TillFixture.create(Service.FIXTURES, "PROPORTIONAL", 3, 30);
        List<TestCard> cards = List.of(till.card(), till.card(), till.card());
        long gift = Fixtures.createdId(
                till.tenant.admin().post("/api/v1/gifts", Map.of("name", "杯子", "points", 5, "price", "1", "stock", 3)));
        List<String> orders = new ArrayList<>();
        int serial = 0;
        for (Step step : steps) {
            TestCard card = cards.get(step.card());
            String amount = BigDecimal.valueOf(step.fen(), 2).toPlainString();
            String id = "S" + serial++;
            Api.Response answer = switch (step.op()) {
                case RECHARGE ->
                    till.recharge(
                            card, amount, BigDecimal.valueOf(step.fen() / 10, 2).toPlainString());
                case PAY -> {
                    orders.add(step.card() + ":" + id);
                    yield till.pay(card, amount, id);
                }
                case REFUND_PAYMENT ->
                    orders.isEmpty()
                            ? null
                            : refundOrder(till, cards, orders.get(step.pick() % orders.size()), amount, id);
                case REFUND_RECHARGE -> refundLatestRecharge(till, card, id);
                case REFUND_BALANCE ->
                    till.till()
                            .post(
                                    "/api/v1/balance-refunds",
                                    Map.of(
                                            "cardCode",
                                            card.code(),
                                            "mac",
                                            card.mac(),
                                            "paymentType",
                                            1,
                                            "payMoney",
                                            amount,
                                            "timestamp",
                                            id));
                case REDEEM_GIFT -> till.redeem(card, gift, id, id);
            };
            if (answer != null) {
                assertThat(answer.status()).as("%s → %s", step, answer).isIn(200, 404, 605, 607, 612, 1002);
            }
            assertInvariants(till, cards);
        }
    }

    private static Api.Response refundOrder(
            TillFixture till, List<TestCard> cards, String order, String amount, String serial) {
        TestCard card = cards.get(Integer.parseInt(order.substring(0, order.indexOf(':'))));
        return till.refund(card, amount, order.substring(order.indexOf(':') + 1), serial);
    }

    private static Api.Response refundLatestRecharge(TillFixture till, TestCard card, String serial) {
        Api.Response draft = till.till().get("/api/v1/recharges/refund-draft?cardCode=" + card.code());
        if (draft.http() != 200) {
            return draft;
        }
        return till.refundRecharge(card, draft.body().path("rechargeCode").asString(), serial, serial);
    }

    private static void assertInvariants(TillFixture till, List<TestCard> cards) {
        for (TestCard card : cards) {
            JsonNode view = till.view(card);
            BigDecimal real = view.path("actualBalance").decimalValue();
            BigDecimal gift = view.path("giveBalance").decimalValue();
            assertThat(real.signum()).isNotNegative();
            assertThat(gift.signum()).isNotNegative();
            assertThat(view.path("balance").decimalValue()).isEqualByComparingTo(real.add(gift));
            long usableInLots = Service.FIXTURES
                    .jdbc()
                    .sql("""
                            select coalesce(sum(l.points - coalesce((select sum(u.points) from points_lot_use u
                                                                     where u.lot_id = l.id), 0)), 0)
                            from points_lot l join card c on c.id = l.card_id
                            where c.code = ? and c.tenant_id = ? and (l.expires_at is null or l.expires_at > ?)""")
                    .params(card.code(), till.tenant.id(), OffsetDateTime.now())
                    .query(Long.class)
                    .single();
            assertThat(view.path("actualPoints").asLong()).isEqualTo(usableInLots);
        }
        long overRefunded = Service.FIXTURES
                .jdbc()
                .sql("""
                        select count(*) from bill p
                        where p.tenant_id = ? and p.kind = 'CARD_PAYMENT' and p.amount < (
                            select coalesce(sum(r.amount), 0) from bill r
                            where r.tenant_id = p.tenant_id and r.related_bill_id = p.id and r.kind = 'PAYMENT_REFUND')""")
                .param(till.tenant.id())
                .query(Long.class)
                .single();
        assertThat(overRefunded).isZero();
        assertThat(Service.CONTEXT.getBean(Reconciliation.class).differences(till.tenant.id()))
                .isEmpty();
    }

    @Provide
    Arbitrary<Step> step() {
        return Combinators.combine(
                        Arbitraries.of(Op.class),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.longs().between(1, 20_000),
                        Arbitraries.integers().between(0, 100))
                .as(Step::new);
    }
}
