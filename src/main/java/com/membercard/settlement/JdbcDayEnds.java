package com.membercard.settlement;

import com.membercard.ledger.BillTotals.DayTotals;
import com.membercard.shared.web.DateTimeJson;
import com.membercard.tenancy.Actor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The day_end rows, and the shop's closed day with the wait for older transactions (the close's side of the protocol). */
@Repository
class JdbcDayEnds {

    static final int RUNNING = 902;
    static final int DONE = 904;

    /** The {@code application_name} of a session while it closes a day. */
    private static final String CLOSE = "membercard-day-end";

    private static final long POLL_MILLIS = 5;

    /** A day_end row as stored; {@code locked} whether a close holds it right now. */
    record Row(
            long shopId,
            LocalDate businessDate,
            int status,
            String serverTotals,
            String tillTotals,
            Timestamp startedAt,
            Timestamp finishedAt,
            Long operatorId,
            Long apiKeyId) {}

    private static final String COLUMNS = "shop_id, business_date, status, server_totals::text as server_totals,"
            + " till_totals::text as till_totals, started_at, finished_at, operator_id, api_key_id";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate probe;

    JdbcDayEnds(JdbcClient jdbc, JsonMapper json, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.json = json;
        this.probe = new TransactionTemplate(transactionManager);
        this.probe.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    boolean shopExists(long tenantId, long shopId) {
        return jdbc.sql("select 1 from shop where tenant_id = :tenantId and id = :shopId")
                .param("tenantId", tenantId)
                .param("shopId", shopId)
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    /** Marks the day's close as running (its own transaction: visible to GET while it runs). */
    void begin(long tenantId, long shopId, LocalDate day, Actor actor) {
        jdbc.sql("""
                        insert into day_end (tenant_id, shop_id, business_date, status, operator_id, api_key_id,
                                             signed_in_operator_id)
                        values (:tenantId, :shopId, :day, 902, :operatorId, :apiKeyId, :signedIn)
                        on conflict (tenant_id, shop_id, business_date) do nothing
                        """)
                .param("tenantId", tenantId)
                .param("shopId", shopId)
                .param("day", day)
                .param("operatorId", actor.operatorId())
                .param("apiKeyId", actor.apiKeyId())
                .param("signedIn", actor.signedInOperatorId())
                .update();
    }

    /** The day's row, locked for this transaction's close: a second close waits here for the first. */
    Optional<Row> lock(long tenantId, long shopId, LocalDate day) {
        return jdbc.sql("select " + COLUMNS + """
                         from day_end where tenant_id = :tenantId and shop_id = :shopId and business_date = :day
                        for update
                        """)
                .param("tenantId", tenantId)
                .param("shopId", shopId)
                .param("day", day)
                .query(JdbcDayEnds::row)
                .optional();
    }

    /**
     * Moves the shop's closed day on to {@code day} (never back: an older day may close late). From
     * this transaction's commit, every bill of the shop falls after the day ({@code JdbcLedger}).
     */
    void moveClosedThrough(long tenantId, long shopId, LocalDate day) {
        jdbc.sql("""
                        update shop set closed_through = greatest(closed_through, :day)
                        where tenant_id = :tenantId and id = :shopId
                        """)
                .param("tenantId", tenantId)
                .param("shopId", shopId)
                .param("day", day)
                .update();
    }

    /**
     * Names this transaction's session a close (until the transaction ends), so that closes never
     * wait for each other in {@link #awaitOlderTransactions}: a close writes no bill. Like every
     * statement of the close it names the shop's row: sharded, a statement that names no table runs
     * on node 0, not on the tenant's node where its payments are.
     */
    void markAsClose(long tenantId, long shopId) {
        onTheShopsNode("set_config('application_name', :close, true)", tenantId, shopId)
                .param("close", CLOSE)
                .query()
                .singleRow();
    }

    /**
     * Waits until every transaction of this database that began before this one has ended, closes
     * excepted: once {@code closed_through} has moved (committed before this transaction began),
     * those are the only ones that can still be writing a bill on the day being closed. Only the
     * service's own sessions count (its role, client backends): only the service writes bills, and
     * an autovacuum worker or an administrator's open session must not hold a close. Polls every few
     * milliseconds (day-end is rare; a payment takes milliseconds).
     *
     * @return false when some such transaction is still open after {@code limit}
     */
    boolean awaitOlderTransactions(long tenantId, long shopId, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            long older = onTheShopsNode("older_transactions(:close)", tenantId, shopId) // V32
                    .param("close", CLOSE)
                    .query(Long.class)
                    .single();
            if (older == 0) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** {@code select expression} on the node that holds the shop's row, whatever the mode. */
    private JdbcClient.StatementSpec onTheShopsNode(String expression, long tenantId, long shopId) {
        return jdbc.sql("select " + expression + " from shop where tenant_id = :tenantId and id = :shopId")
                .param("tenantId", tenantId)
                .param("shopId", shopId);
    }

    /** Stores the close's result: the day is done. */
    void finish(long tenantId, long shopId, LocalDate day, DayTotals server, TillTotals till, Actor actor) {
        jdbc.sql("""
                        update day_end set status = 904, server_totals = cast(:server as jsonb),
                                           till_totals = cast(:till as jsonb), finished_at = now(),
                                           operator_id = :operatorId, api_key_id = :apiKeyId,
                                           signed_in_operator_id = :signedIn
                        where tenant_id = :tenantId and shop_id = :shopId and business_date = :day
                        """)
                .param("tenantId", tenantId)
                .param("shopId", shopId)
                .param("day", day)
                .param("server", json.writeValueAsString(server))
                .param("till", till == null ? null : json.writeValueAsString(till))
                .param("operatorId", actor.operatorId())
                .param("apiKeyId", actor.apiKeyId())
                .param("signedIn", actor.signedInOperatorId())
                .update();
    }

    Optional<Row> find(long tenantId, long shopId, LocalDate day) {
        return jdbc.sql("select " + COLUMNS + """
                         from day_end where tenant_id = :tenantId and shop_id = :shopId and business_date = :day
                        """)
                .param("tenantId", tenantId)
                .param("shopId", shopId)
                .param("day", day)
                .query(JdbcDayEnds::row)
                .optional();
    }

    /**
     * Whether a running close holds the day's row (else a 902 row was left by a crash: 903): a share
     * lock, refused at once while the close holds the row {@code for update}, and never in another
     * reader's way. Refused, it would abort the caller's transaction, so it is tried in a savepoint
     * (or a transaction of its own when there is none).
     */
    boolean heldByAClose(long tenantId, long shopId, LocalDate day) {
        try {
            probe.executeWithoutResult(status -> jdbc.sql("""
                            select 1 from day_end
                            where tenant_id = :tenantId and shop_id = :shopId and business_date = :day
                            for share nowait
                            """)
                    .param("tenantId", tenantId)
                    .param("shopId", shopId)
                    .param("day", day)
                    .query(Integer.class)
                    .optional());
            return false;
        } catch (PessimisticLockingFailureException held) {
            return true;
        }
    }

    /** A shop's days from {@code from} to {@code to}, newest first. */
    List<Row> list(long tenantId, long shopId, LocalDate from, LocalDate to, int limit, int offset) {
        return jdbc.sql("select " + COLUMNS + """
                         from day_end where tenant_id = :tenantId and shop_id = :shopId
                           and business_date between :from and :to
                        order by business_date desc limit :limit offset :offset
                        """)
                .param("tenantId", tenantId)
                .param("shopId", shopId)
                .param("from", from)
                .param("to", to)
                .param("limit", limit)
                .param("offset", offset)
                .query(JdbcDayEnds::row)
                .list();
    }

    /** Every shop's closes (or one shop's) between two dates, by day then shop. */
    List<Row> history(long tenantId, Long shopId, LocalDate from, LocalDate to) {
        return jdbc.sql("select " + COLUMNS + """
                         from day_end where tenant_id = :tenantId
                           and (cast(:shopId as bigint) is null or shop_id = :shopId)
                           and business_date between :from and :to
                        order by business_date, shop_id
                        """)
                .param("tenantId", tenantId)
                .param("shopId", shopId)
                .param("from", from)
                .param("to", to)
                .query(JdbcDayEnds::row)
                .list();
    }

    long count(long tenantId, long shopId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select count(*) from day_end where tenant_id = :tenantId and shop_id = :shopId
                          and business_date between :from and :to
                        """)
                .param("tenantId", tenantId)
                .param("shopId", shopId)
                .param("from", from)
                .param("to", to)
                .query(Long.class)
                .single();
    }

    static String time(Timestamp at, ZoneId zone) {
        return at == null ? null : DateTimeJson.DATE_TIME.format(at.toInstant().atZone(zone));
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getLong("shop_id"),
                rs.getObject("business_date", LocalDate.class),
                rs.getInt("status"),
                rs.getString("server_totals"),
                rs.getString("till_totals"),
                rs.getTimestamp("started_at"),
                rs.getTimestamp("finished_at"),
                (Long) rs.getObject("operator_id"),
                (Long) rs.getObject("api_key_id"));
    }
}
