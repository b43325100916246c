package com.membercard.ledger;

import com.membercard.shared.jdbc.StatementForm;
import com.membercard.shared.jdbc.TenantNode;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Points live in lots, one per earning, each with its expiry. Spending takes from the lot that
 * expires first and never from an expired one, even before the expiry job has swept it. Lots and
 * their uses are insert-only: what is left of a lot is its points less its uses. Callers hold the
 * card's lock.
 */
@Service
public class PointsLots {

    /** What is left of a lot. */
    public record Lot(long id, long remaining, OffsetDateTime expiresAt) {}

    public enum Reason {
        SPEND,
        REVERSE,
        EXPIRE,
        TRANSFER,
        FORFEIT
    }

    /** The expiries of a card's lots that still hold points and have not expired by {@code :now}. */
    private static final String USABLE_EXPIRIES = """
            select l.expires_at from points_lot l
            where l.tenant_id = :tenantId and l.card_id = :cardId and l.expires_at > :now
              and l.points > coalesce((select sum(u.points) from points_lot_use u
                                       where u.tenant_id = l.tenant_id and u.lot_id = l.id), 0)""";

    private static final String INSERT_LOT = """
            insert into points_lot (tenant_id, bill_id, card_id, points, expires_at)
            values (:tenantId, :billId, :cardId, :points, :expiresAt)""";

    /**
     * Adds a lot and, in the same statement, sets the card's {@code pointsDisabledDate} to when its
     * next usable points expire (the new lot is not visible to the statement's own read, hence the
     * union with it).
     */
    private static final String CREATE = "with lot as (" + INSERT_LOT + " returning expires_at)\n"
            + "update card set points_disabled_date = (select min(expires_at) from (" + USABLE_EXPIRIES
            + "\nunion all select expires_at from lot where expires_at > :now) next)\n"
            + "where tenant_id = :tenantId and id = :cardId";

    private final JdbcClient jdbc;
    private final TenantNode tenantNode;
    private final StatementForm form;

    PointsLots(JdbcClient jdbc, StatementForm form, TenantNode tenantNode) {
        this.jdbc = jdbc;
        this.tenantNode = tenantNode;
        this.form = form;
    }

    /**
     * Adds a lot and sets the card's {@code pointsDisabledDate} to when its next usable points
     * expire: in one statement, or, where that cannot be parsed ({@link StatementForm}), the insert
     * and then {@link #refreshExpiryDate}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void create(
            long tenantId, long cardId, long billId, long points, OffsetDateTime expiresAt, OffsetDateTime now) {
        jdbc.sql(form.separate() ? INSERT_LOT : CREATE)
                .param("tenantId", tenantId)
                .param("billId", billId)
                .param("cardId", cardId)
                .param("points", points)
                .param("expiresAt", expiresAt)
                .param("now", now)
                .update();
        if (form.separate()) {
            refreshExpiryDate(tenantId, cardId, now);
        }
    }

    /** A lot to add: its points, and when they expire (null: never). */
    public record NewLot(long cardId, long billId, long points, OffsetDateTime expiresAt) {}

    /**
     * Adds a batch of lots (a file import's or a migration's opening points), then sets the
     * {@code pointsDisabledDate} of the cards that got a lot with an expiry as {@link #create} does
     * for one (a lot that never expires cannot move a card's next expiry).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void createAll(long tenantId, List<NewLot> lots, OffsetDateTime now) {
        if (lots.isEmpty()) {
            return;
        }
        // columns unqualified for ShardingSphere's check of an INSERT … SELECT (TenantNode)
        jdbc.sql(tenantNode.pin(tenantId, """
                        insert into points_lot (tenant_id, bill_id, card_id, points, expires_at)
                        select :tenantId, bill_id, card_id, points, expires_at
                        from unnest(cast(:billIds as bigint[]), cast(:cardIds as bigint[]), cast(:points as bigint[]),
                                    cast(cast(:expiries as text[]) as timestamptz[]))
                             as l(bill_id, card_id, points, expires_at)
                        """))
                .param("tenantId", tenantId)
                .param("billIds", lots.stream().map(NewLot::billId).toArray(Long[]::new))
                .param("cardIds", lots.stream().map(NewLot::cardId).toArray(Long[]::new))
                .param("points", lots.stream().map(NewLot::points).toArray(Long[]::new))
                .param(
                        "expiries",
                        lots.stream()
                                .map(l -> l.expiresAt() == null
                                        ? null
                                        : l.expiresAt().toString())
                                .toArray(String[]::new))
                .update();
        Long[] expiring = lots.stream()
                .filter(lot -> lot.expiresAt() != null)
                .map(NewLot::cardId)
                .distinct()
                .toArray(Long[]::new);
        if (expiring.length == 0) {
            return;
        }
        // pinned: ShardingSphere cannot route an update from a subquery; next's columns unqualified
        // for its check of the tables an update names (TenantNode)
        jdbc.sql(tenantNode.pin(tenantId, """
                        update card set points_disabled_date = next_expiry
                        from (select c.id as next_id, (select min(l.expires_at) from points_lot l
                                            where l.tenant_id = c.tenant_id and l.card_id = c.id and l.expires_at > :now
                                              and l.points > coalesce((select sum(u.points) from points_lot_use u
                                                                       where u.tenant_id = l.tenant_id
                                                                         and u.lot_id = l.id), 0)) as next_expiry
                              from card c where c.tenant_id = :tenantId and c.id = any(:cardIds)
                                and c.id between :lowestCardId and :highestCardId) next
                        where card.tenant_id = :tenantId and card.id = next_id
                          and card.id between :lowestCardId and :highestCardId
                          and card.points_disabled_date is distinct from next_expiry
                        """))
                .param("tenantId", tenantId)
                .param("cardIds", expiring)
                // a redundant range bounds the scan of the primary key before the table has statistics
                .param(
                        "lowestCardId",
                        Arrays.stream(expiring).min(Long::compare).orElseThrow())
                .param(
                        "highestCardId",
                        Arrays.stream(expiring).max(Long::compare).orElseThrow())
                .param("now", now)
                .update();
    }

    /** What is left of each of these cards' lots, expired or not (a migration copies them), by card. */
    public Map<Long, List<Lot>> leftOn(long tenantId, Collection<Long> cardIds) {
        Map<Long, List<Lot>> left = new HashMap<>();
        jdbc.sql(tenantNode.pin(tenantId, """
                        select l.card_id, l.id, l.remaining, l.expires_at
                        from unnest(cast(:cardIds as bigint[])) as x(card_id)
                        cross join lateral (
                            select l.card_id, l.id, l.expires_at,
                                   l.points - coalesce((select sum(u.points) from points_lot_use u
                                                        where u.tenant_id = l.tenant_id and u.lot_id = l.id), 0) as remaining
                            from points_lot l where l.tenant_id = :tenantId and l.card_id = x.card_id) l
                        where l.remaining > 0
                        order by l.card_id, l.expires_at nulls last, l.id
                        """))
                .param("tenantId", tenantId)
                .param("cardIds", cardIds.toArray(Long[]::new))
                .query((ResultSet rs) -> {
                    left.computeIfAbsent(rs.getLong("card_id"), id -> new ArrayList<>())
                            .add(new Lot(
                                    rs.getLong("id"),
                                    rs.getLong("remaining"),
                                    rs.getObject("expires_at", OffsetDateTime.class)));
                });
        return left;
    }

    /** The card's lots with points left, usable at {@code now}, first to expire first. */
    public List<Lot> available(long tenantId, long cardId, OffsetDateTime now) {
        return lots(tenantId, cardId, "and (l.expires_at is null or l.expires_at > :now)", now);
    }

    /** The card's lots with points left that have expired by {@code now} and await the expiry job. */
    public List<Lot> expiredUnswept(long tenantId, long cardId, OffsetDateTime now) {
        return lots(tenantId, cardId, "and l.expires_at <= :now", now);
    }

    public long availablePoints(long tenantId, long cardId, OffsetDateTime now) {
        return available(tenantId, cardId, now).stream()
                .mapToLong(Lot::remaining)
                .sum();
    }

    /**
     * Takes up to {@code points} from the card's usable lots, first to expire first, preferring
     * {@code preferredLotId} (a refund takes back its own payment's lot first). Answers how many
     * were taken: fewer than asked when fewer are left.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long take(
            long tenantId,
            long cardId,
            long billId,
            Reason reason,
            long points,
            OffsetDateTime now,
            Long preferredLotId) {
        List<Lot> lots = available(tenantId, cardId, now).stream()
                .sorted(Comparator.comparing((Lot lot) -> !Objects.equals(lot.id(), preferredLotId)))
                .toList();
        return use(tenantId, billId, reason, points, lots);
    }

    /** Uses every lot given, up to what is left of each; answers the points used. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long useAll(long tenantId, long billId, Reason reason, List<Lot> lots) {
        return use(
                tenantId,
                billId,
                reason,
                lots.stream().mapToLong(Lot::remaining).sum(),
                lots);
    }

    /** The lot a bill created, if it created one. */
    public Optional<Long> lotOfBill(long tenantId, long billId) {
        return jdbc.sql("select id from points_lot where tenant_id = :tenantId and bill_id = :billId")
                .param("tenantId", tenantId)
                .param("billId", billId)
                .query(Long.class)
                .optional();
    }

    /** Sets the card's {@code pointsDisabledDate}: when its next usable points expire. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void refreshExpiryDate(long tenantId, long cardId, OffsetDateTime now) {
        OffsetDateTime next = available(tenantId, cardId, now).stream()
                .map(Lot::expiresAt)
                .filter(Objects::nonNull)
                .min(OffsetDateTime::compareTo)
                .orElse(null);
        jdbc.sql("""
                        update card set points_disabled_date = :next
                        where tenant_id = :tenantId and id = :cardId and points_disabled_date is distinct from :next
                        """)
                .param("tenantId", tenantId)
                .param("cardId", cardId)
                .param("next", next)
                .update();
    }

    private long use(long tenantId, long billId, Reason reason, long points, List<Lot> lots) {
        long left = points;
        for (Lot lot : lots) {
            if (left == 0) {
                break;
            }
            long taken = Math.min(left, lot.remaining());
            jdbc.sql("""
                            insert into points_lot_use (tenant_id, lot_id, bill_id, reason, points)
                            values (:tenantId, :lotId, :billId, :reason, :points)
                            """)
                    .param("tenantId", tenantId)
                    .param("lotId", lot.id())
                    .param("billId", billId)
                    .param("reason", reason.name())
                    .param("points", taken)
                    .update();
            left -= taken;
        }
        return points - left;
    }

    private List<Lot> lots(long tenantId, long cardId, String condition, OffsetDateTime now) {
        if (form.separate()) {
            return lotsSeparately(tenantId, cardId, condition, now);
        }
        return jdbc.sql("""
                        select l.id, l.points - coalesce(sum(u.points), 0) as remaining, l.expires_at
                        from points_lot l
                        left join points_lot_use u on u.tenant_id = l.tenant_id and u.lot_id = l.id
                        where l.tenant_id = :tenantId and l.card_id = :cardId %s
                        group by l.tenant_id, l.id
                        having l.points - coalesce(sum(u.points), 0) > 0
                        order by l.expires_at nulls last, l.id
                        """.formatted(condition))
                .param("tenantId", tenantId)
                .param("cardId", cardId)
                .param("now", now)
                .query(new DataClassRowMapper<>(Lot.class))
                .list();
    }

    /**
     * {@link #lots} as two plain statements, the lots and then their uses, subtracted here: the
     * sharded mode's SQL binder (ShardingSphere's) knows no column of the lot in the aggregate over
     * the join.
     */
    private List<Lot> lotsSeparately(long tenantId, long cardId, String condition, OffsetDateTime now) {
        List<Lot> lots = jdbc.sql("""
                        select l.id, l.points as remaining, l.expires_at from points_lot l
                        where l.tenant_id = :tenantId and l.card_id = :cardId %s
                        order by l.expires_at nulls last, l.id
                        """.formatted(condition))
                .param("tenantId", tenantId)
                .param("cardId", cardId)
                .param("now", now)
                .query(new DataClassRowMapper<>(Lot.class))
                .list();
        if (lots.isEmpty()) {
            return lots;
        }
        Map<Long, Long> used = new HashMap<>();
        jdbc.sql("""
                        select lot_id, sum(points) as used from points_lot_use
                        where tenant_id = :tenantId and lot_id in (:lotIds) group by lot_id
                        """)
                .param("tenantId", tenantId)
                .param("lotIds", lots.stream().map(Lot::id).toList())
                .query((ResultSet rs) -> {
                    used.put(rs.getLong("lot_id"), rs.getLong("used"));
                });
        return lots.stream()
                .map(lot -> new Lot(lot.id(), lot.remaining() - used.getOrDefault(lot.id(), 0L), lot.expiresAt()))
                .filter(lot -> lot.remaining() > 0)
                .toList();
    }
}
