package com.membercard.card;

import com.membercard.shared.Money;
import com.membercard.shared.jdbc.TenantNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcCards {

    /** The columns of {@link StoredCard}: every statement that reads a card reads these. */
    private static final String COLUMNS = """
            id, member_id, code, mac_last4, class_id, member_level_id, status, send_mode, shop_id, effective_time,
            replaced_by_card_id, actual_balance, give_balance, actual_points, actual_recharge, give_recharge,
            actual_expense, give_expense, total_points, used_points, points_disabled_date,
            mac_hash, mac_key_version, pin_hash, failed_secret_attempts, locked_until""";

    /** How a statement finds a card: by its id, its code, or the keyed hash of its secret. */
    enum Key {
        ID("id"),
        CODE("code"),
        SECRET("mac_hash");

        private final String column;

        Key(String column) {
            this.column = column;
        }
    }

    static final HexFormat HEX = HexFormat.of();

    private final JdbcClient jdbc;
    private final TenantNode tenantNode;

    JdbcCards(JdbcClient jdbc, TenantNode tenantNode) {
        this.jdbc = jdbc;
        this.tenantNode = tenantNode;
    }

    /**
     * A card id drawn ahead of the insert, for a replacement the old card must point to first; from
     * the tenant's node's sequence (pinned: a statement that names no table would go to node 0).
     */
    long nextId(long tenantId) {
        return jdbc.sql(tenantNode.pin(tenantId, "select nextval(pg_get_serial_sequence('card', 'id'))"))
                .query(Long.class)
                .single();
    }

    /**
     * Inserts the card; answers false, and inserts nothing, when its code or its secret is already
     * a card's in the tenant (without aborting the caller's transaction).
     */
    boolean insert(
            long tenantId, long id, NewCard card, byte[] macHash, int macKeyVersion, String macLast4, String pinHash) {
        return jdbc.sql("""
                        insert into card (tenant_id, id, member_id, code, mac_hash, mac_key_version, mac_last4, pin_hash,
                                          class_id, member_level_id, send_mode, shop_id, effective_time)
                        overriding system value
                        values (:tenantId, :id, :memberId, :code, :macHash, :macKeyVersion, :macLast4, :pinHash, :classId,
                                :levelId, :sendMode, :shopId, coalesce(:effectiveTime, now()))
                        on conflict do nothing
                        """)
                        .param("tenantId", tenantId)
                        .param("id", id)
                        .param("memberId", card.memberId())
                        .param("code", card.code())
                        .param("macHash", macHash)
                        .param("macKeyVersion", macKeyVersion)
                        .param("macLast4", macLast4)
                        .param("pinHash", pinHash)
                        .param("classId", card.classId())
                        .param("levelId", card.memberLevelId())
                        .param("sendMode", card.sendMode())
                        .param("shopId", card.shopId())
                        .param("effectiveTime", card.effectiveTime())
                        .update()
                == 1;
    }

    /**
     * Inserts a batch of cards in one statement (see {@code Cards.issueAll}) and answers each card's
     * id by its code; a code or secret taken fails the statement (DuplicateKeyException). Columns
     * unqualified: ShardingSphere takes a pinned statement's qualifier for a table (JdbcMembers.insertAll).
     */
    Map<String, Long> insertAll(long tenantId, List<NewCard> cards, List<Keys> keys) {
        // columns unqualified for ShardingSphere's check of an INSERT … SELECT (TenantNode)
        return jdbc
                .sql(tenantNode.pin(tenantId, """
                        insert into card (tenant_id, member_id, code, mac_hash, mac_key_version, mac_last4, pin_hash,
                                          class_id, member_level_id, send_mode, shop_id, effective_time)
                        select :tenantId, member_id, code, decode(mac_hash, 'hex'), mac_key_version, mac_last4,
                               pin_hash, class_id, member_level_id, send_mode, shop_id,
                               coalesce(effective_time, now())
                        from unnest(cast(:memberIds as bigint[]), cast(:codes as text[]), cast(:macHashes as text[]),
                                    cast(:macKeyVersions as int[]), cast(:macLastFours as text[]),
                                    cast(:pinHashes as text[]), cast(:classIds as bigint[]), cast(:levelIds as bigint[]),
                                    cast(:sendModes as int[]), cast(:shopIds as bigint[]),
                                    cast(cast(:effectiveTimes as text[]) as timestamptz[]))
                             as c(member_id, code, mac_hash, mac_key_version, mac_last4, pin_hash, class_id,
                                  member_level_id, send_mode, shop_id, effective_time)
                        returning id, code
                        """))
                .param("tenantId", tenantId)
                .param("memberIds", cards.stream().map(NewCard::memberId).toArray(Long[]::new))
                .param("codes", cards.stream().map(NewCard::code).toArray(String[]::new))
                .param(
                        "macHashes",
                        keys.stream().map(k -> HEX.formatHex(k.macHash())).toArray(String[]::new))
                .param("macKeyVersions", keys.stream().map(Keys::macKeyVersion).toArray(Integer[]::new))
                .param("macLastFours", keys.stream().map(Keys::macLast4).toArray(String[]::new))
                .param("pinHashes", keys.stream().map(Keys::pinHash).toArray(String[]::new))
                .param("classIds", cards.stream().map(NewCard::classId).toArray(Long[]::new))
                .param("levelIds", cards.stream().map(NewCard::memberLevelId).toArray(Long[]::new))
                .param("sendModes", cards.stream().map(NewCard::sendMode).toArray(Integer[]::new))
                .param("shopIds", cards.stream().map(NewCard::shopId).toArray(Long[]::new))
                .param(
                        "effectiveTimes",
                        cards.stream()
                                .map(c -> c.effectiveTime() == null
                                        ? null
                                        : c.effectiveTime().toString())
                                .toArray(String[]::new))
                .query((rs, n) -> Map.entry(rs.getString("code"), rs.getLong("id")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** A new card's stored secret: its keyed hash and key version, last 4 and PIN hash. */
    record Keys(byte[] macHash, int macKeyVersion, String macLast4, String pinHash) {}

    /** Which of these codes are cards' codes in the tenant. */
    Set<String> codesTaken(long tenantId, Collection<String> codes) {
        // one probe of the unique index per code (lateral, limit 1): before the table has statistics (a fresh
        // database's first import) the planner would scan every card of the tenant for "code = any(...)"
        return new HashSet<>(jdbc.sql(tenantNode.pin(tenantId, """
                        select x.code from unnest(cast(:codes as text[])) as x(code)
                        cross join lateral (select 1 from card c where c.tenant_id = :tenantId and c.code = x.code limit 1) hit
                        """))
                .param("tenantId", tenantId)
                .param("codes", codes.toArray(String[]::new))
                .query(String.class)
                .list());
    }

    /** Which of these secret hashes are cards' in the tenant, as hexadecimal. */
    Set<String> secretsTaken(long tenantId, Collection<byte[]> macHashes) {
        return new HashSet<>(jdbc.sql(tenantNode.pin(tenantId, """
                        select x.hash from unnest(cast(:hashes as text[])) as x(hash)
                        cross join lateral (select 1 from card c
                                            where c.tenant_id = :tenantId and c.mac_hash = decode(x.hash, 'hex') limit 1) hit
                        """))
                .param("tenantId", tenantId)
                .param("hashes", macHashes.stream().map(HEX::formatHex).toArray(String[]::new))
                .query(String.class)
                .list());
    }

    /**
     * The tenant's cards of these ids, in id order, locked until the transaction ends when {@code lock}
     * (in that order). One probe of the primary key per id, as for {@link #codesTaken}.
     */
    List<StoredCard> findAll(long tenantId, Collection<Long> ids, boolean lock) {
        return jdbc.sql(tenantNode.pin(
                        tenantId,
                        "select c.* from unnest(cast(:ids as bigint[])) as x(id) cross join lateral (select " + COLUMNS
                                + " from card where tenant_id = :tenantId and id = x.id" + (lock ? " for update" : "")
                                + ") c order by x.id"))
                .param("tenantId", tenantId)
                .param("ids", ids.stream().sorted().distinct().toArray(Long[]::new))
                .query(JdbcCards::storedCard)
                .list();
    }

    boolean codeTaken(long tenantId, String code) {
        return exists(tenantId, Key.CODE, code);
    }

    /** Whether a card has the secret of one of these hashes (one per key kept). */
    boolean secretTaken(long tenantId, List<byte[]> macHashes) {
        return exists(tenantId, Key.SECRET, macHashes);
    }

    /**
     * The card, locking its row until the transaction ends when {@code lock}. {@code value} may be a
     * list (the hashes of a secret under every key kept): the card matching any of them.
     */
    Optional<StoredCard> find(long tenantId, Key key, Object value, boolean lock) {
        return jdbc.sql("select " + COLUMNS + " from card where tenant_id = :tenantId and " + key.column
                        + " in (:value)" + (lock ? " for update" : ""))
                .param("tenantId", tenantId)
                .param("value", value)
                .query(JdbcCards::storedCard)
                .optional();
    }

    /**
     * Counts a wrong secret or PIN at {@code now}: the count restarts when the first failure is older
     * than {@code window}, and reaching {@code max} locks the card for {@code window}. Answers
     * whether the card is now locked. One statement, so concurrent failures all count.
     */
    boolean recordFailedAttempt(long tenantId, long cardId, int max, Duration window, Instant now) {
        return jdbc.sql("""
                        update card set
                            failed_secret_attempts = case when first_failed_at > :windowStart
                                                          then failed_secret_attempts + 1 else 1 end,
                            first_failed_at = case when first_failed_at > :windowStart then first_failed_at else :now end,
                            locked_until = case when first_failed_at > :windowStart and failed_secret_attempts + 1 >= :max
                                                then :lockEnd else locked_until end
                        where tenant_id = :tenantId and id = :id
                        returning coalesce(locked_until > :now, false)
                        """)
                .param("tenantId", tenantId)
                .param("id", cardId)
                .param("max", max)
                .param("now", at(now))
                .param("windowStart", at(now.minus(window)))
                .param("lockEnd", at(now.plus(window)))
                .query(Boolean.class)
                .single();
    }

    void clearFailedAttempts(long tenantId, long cardId) {
        jdbc.sql("""
                        update card set failed_secret_attempts = 0, first_failed_at = null
                        where tenant_id = :tenantId and id = :id and failed_secret_attempts > 0
                        """).param("tenantId", tenantId).param("id", cardId).update();
    }

    /** The secret's hash made again with the current key (key rotation, at a correct presentation). */
    void rehashSecret(long tenantId, long cardId, byte[] macHash, int macKeyVersion) {
        jdbc.sql("""
                        update card set mac_hash = :macHash, mac_key_version = :macKeyVersion
                        where tenant_id = :tenantId and id = :id
                        """)
                .param("tenantId", tenantId)
                .param("id", cardId)
                .param("macHash", macHash)
                .param("macKeyVersion", macKeyVersion)
                .update();
    }

    void setPin(long tenantId, long cardId, String pinHash) {
        jdbc.sql("update card set pin_hash = :pinHash where tenant_id = :tenantId and id = :id")
                .param("tenantId", tenantId)
                .param("id", cardId)
                .param("pinHash", pinHash)
                .update();
    }

    void setMemberLevel(long tenantId, long memberId, long levelId) {
        jdbc.sql("""
                        update card set member_level_id = :levelId
                        where tenant_id = :tenantId and member_id = :memberId and member_level_id <> :levelId
                        """)
                .param("tenantId", tenantId)
                .param("memberId", memberId)
                .param("levelId", levelId)
                .update();
    }

    void setReplacedBy(long tenantId, long id, long newCardId) {
        jdbc.sql("update card set replaced_by_card_id = :newCardId where tenant_id = :tenantId and id = :id")
                .param("tenantId", tenantId)
                .param("id", id)
                .param("newCardId", newCardId)
                .update();
    }

    void setStatus(long tenantId, long id, CardStatus status) {
        jdbc.sql("update card set status = :status where tenant_id = :tenantId and id = :id")
                .param("tenantId", tenantId)
                .param("id", id)
                .param("status", status.code())
                .update();
    }

    void insertEvent(long tenantId, CardEvent event) {
        // "serial" quoted: ShardingSphere's parser (the sharded mode) takes a bare serial for the type
        jdbc.sql("""
                        insert into card_event (tenant_id, card_id, kind, from_status, to_status, operator_id, api_key_id,
                                                shop_id, "serial", remark, signed_in_operator_id)
                        values (:tenantId, :cardId, :kind, :fromStatus, :toStatus, :operatorId, :apiKeyId, :shopId,
                                :serial, :remark, :signedInOperatorId)
                        """)
                .param("tenantId", tenantId)
                .param("cardId", event.cardId())
                .param("kind", event.kind().name())
                .param("fromStatus", event.from().code())
                .param("toStatus", event.to().code())
                .param("operatorId", event.actor().operatorId())
                .param("apiKeyId", event.actor().apiKeyId())
                .param("shopId", event.actor().shopId())
                .param("signedInOperatorId", event.actor().signedInOperatorId())
                .param("serial", event.serial())
                .param("remark", event.remark())
                .update();
    }

    private boolean exists(long tenantId, Key key, Object value) {
        return jdbc.sql("select exists (select 1 from card where tenant_id = :tenantId and " + key.column
                        + " in (:value))")
                .param("tenantId", tenantId)
                .param("value", value)
                .query(Boolean.class)
                .single();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static StoredCard storedCard(ResultSet rs, int row) throws SQLException {
        CardTotals totals = new CardTotals(
                Money.of(rs.getBigDecimal("actual_balance")),
                Money.of(rs.getBigDecimal("give_balance")),
                rs.getLong("actual_points"),
                Money.of(rs.getBigDecimal("actual_recharge")),
                Money.of(rs.getBigDecimal("give_recharge")),
                Money.of(rs.getBigDecimal("actual_expense")),
                Money.of(rs.getBigDecimal("give_expense")),
                rs.getLong("total_points"),
                rs.getLong("used_points"));
        String pinHash = rs.getString("pin_hash");
        Card card = new Card(
                rs.getLong("id"),
                rs.getLong("member_id"),
                rs.getString("code"),
                rs.getString("mac_last4"),
                pinHash != null,
                rs.getLong("class_id"),
                rs.getLong("member_level_id"),
                CardStatus.of(rs.getInt("status")),
                rs.getInt("send_mode"),
                rs.getObject("shop_id", Long.class),
                rs.getObject("effective_time", OffsetDateTime.class),
                rs.getObject("replaced_by_card_id", Long.class),
                totals,
                rs.getObject("points_disabled_date", OffsetDateTime.class));
        OffsetDateTime lockedUntil = rs.getObject("locked_until", OffsetDateTime.class);
        return new StoredCard(
                card,
                new StoredCard.Keys(
                        rs.getBytes("mac_hash"),
                        rs.getInt("mac_key_version"),
                        pinHash,
                        rs.getInt("failed_secret_attempts"),
                        lockedUntil == null ? null : lockedUntil.toInstant()));
    }
}
