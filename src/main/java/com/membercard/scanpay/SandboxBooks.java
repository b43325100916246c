package com.membercard.scanpay;

import com.membercard.scanpay.PaymentGateway.Status;
import com.membercard.scanpay.SandboxGateway.Order;
import com.membercard.scanpay.SandboxGateway.Refund;
import com.membercard.shared.Money;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sandbox gateway's books (sandbox_order, sandbox_refund), so that what it charged outlives the
 * service's restarts as a real channel's books do. Each write commits on its own: the sandbox is
 * called outside any transaction of the service, and its state changes before it answers.
 */
@Repository
class SandboxBooks {

    private final JdbcClient jdbc;

    SandboxBooks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void save(String orderNo, Order order) {
        jdbc.sql("""
                        insert into sandbox_order (order_no, rule, money, day, transaction_id, status, queries, reverses)
                        values (:orderNo, :rule, :money, :day, :txn, :status, :queries, :reverses)
                        on conflict (order_no) do update
                            set status = excluded.status, queries = excluded.queries, reverses = excluded.reverses
                        """)
                .param("orderNo", orderNo)
                .param("rule", order.rule())
                .param("money", order.money().amount())
                .param("day", order.day())
                .param("txn", order.transactionId())
                .param("status", order.status().name())
                .param("queries", order.queries())
                .param("reverses", order.reverses())
                .update();
    }

    void save(String orderNo, String refundNo, Refund refund) {
        jdbc.sql("""
                        insert into sandbox_refund (order_no, refund_no, money, day, status)
                        values (:orderNo, :refundNo, :money, :day, :status)
                        on conflict (order_no, refund_no) do update set status = excluded.status
                        """)
                .param("orderNo", orderNo)
                .param("refundNo", refundNo)
                .param("money", refund.money().amount())
                .param("day", refund.day())
                .param("status", refund.status().name())
                .update();
    }

    Map<String, Order> orders() {
        Map<String, Order> orders = new HashMap<>();
        jdbc.sql("select * from sandbox_order").query(rs -> {
            orders.put(
                    rs.getString("order_no"),
                    new Order(
                            rs.getString("rule"),
                            Money.of(rs.getBigDecimal("money")),
                            rs.getObject("day", java.time.LocalDate.class),
                            rs.getString("transaction_id"),
                            Status.valueOf(rs.getString("status")),
                            rs.getInt("queries"),
                            rs.getInt("reverses")));
        });
        return orders;
    }

    /** Every refund, by order number and refund number. */
    Map<String, Map<String, Refund>> refunds() {
        Map<String, Map<String, Refund>> refunds = new HashMap<>();
        jdbc.sql("select * from sandbox_refund").query(rs -> {
            refunds.computeIfAbsent(rs.getString("order_no"), o -> new HashMap<>())
                    .put(
                            rs.getString("refund_no"),
                            new Refund(
                                    Money.of(rs.getBigDecimal("money")),
                                    rs.getObject("day", java.time.LocalDate.class),
                                    Status.valueOf(rs.getString("status"))));
        });
        return refunds;
    }
}
