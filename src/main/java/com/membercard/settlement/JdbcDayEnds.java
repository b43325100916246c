package com.membercard.settlement;

import com.membercard.ledger.BillTotals.DayTotals;
import com.membercard.shared.web.DateTimeJson;
import com.membercard.tenancy.Actor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The day_end rows, and the shop row's lock and closed day (the close's half of the lock protocol). */
@Repository
class JdbcDayEnds {

    static final int RUNNING = 902;
    static final int DONE = 904;

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

    JdbcDayEnds(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
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
     * Takes the shop's day lock exclusively (V27 {@code shop_day_lock}; every bill of the shop holds
     * it shared while it is written, see {@code JdbcLedger}): from here no bill of this shop can be
     * written until the close commits, and every bill written before has committed.
     */
    void lockShop(long shopId) {
        jdbc.sql("select pg_advisory_xact_lock(shop_day_lock(:shopId))")
                .param("shopId", shopId)
                .query()
                .singleRow();
    }

    /** Stores the result and moves the shop's closed day on (never back: an older day may close late). */
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
        jdbc.sql("""
                        update shop set closed_through = greatest(closed_through, :day)
                        where tenant_id = :tenantId and id = :shopId
                        """)
                .param("tenantId", tenantId)
                .param("shopId", shopId)
                .param("day", day)
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

    /** Whether a running close holds the day's row (else a 902 row was left by a crash: 903). */
    boolean heldByAClose(long tenantId, long shopId, LocalDate day) {
        return jdbc.sql("""
                        select 1 from day_end
                        where tenant_id = :tenantId and shop_id = :shopId and business_date = :day
                        for key share skip locked
                        """)
                .param("tenantId", tenantId)
                .param("shopId", shopId)
                .param("day", day)
                .query(Integer.class)
                .optional()
                .isEmpty();
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
