package com.membercard.card;

import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcCards {

    private static final RowMapper<Card> CARD = new DataClassRowMapper<>(Card.class);

    private final JdbcClient jdbc;

    JdbcCards(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A card id drawn ahead of the insert, for a replacement the old card must point to first. */
    long nextId() {
        return jdbc.sql("select nextval(pg_get_serial_sequence('card', 'id'))")
                .query(Long.class)
                .single();
    }

    long insert(long tenantId, long id, NewCard card, byte[] macHash, String macLast4, String pinHash) {
        return jdbc.sql("""
                        insert into card (tenant_id, id, member_id, code, mac_hash, mac_last4, pin_hash, class_id,
                                          member_level_id, send_mode, shop_id, effective_time)
                        overriding system value
                        values (:tenantId, :id, :memberId, :code, :macHash, :macLast4, :pinHash, :classId, :levelId,
                                :sendMode, :shopId, coalesce(:effectiveTime, now()))
                        returning id
                        """)
                .param("tenantId", tenantId)
                .param("id", id)
                .param("memberId", card.memberId())
                .param("code", card.code())
                .param("macHash", macHash)
                .param("macLast4", macLast4)
                .param("pinHash", pinHash)
                .param("classId", card.classId())
                .param("levelId", card.memberLevelId())
                .param("sendMode", card.sendMode())
                .param("shopId", card.shopId())
                .param("effectiveTime", card.effectiveTime())
                .query(Long.class)
                .single();
    }

    Optional<Card> byId(long tenantId, long id) {
        return one("id = :value", tenantId, id);
    }

    Optional<Card> byCode(long tenantId, String code) {
        return one("code = :value", tenantId, code);
    }

    Optional<Card> byMacHash(long tenantId, byte[] macHash) {
        return one("mac_hash = :value", tenantId, macHash);
    }

    boolean secretMatches(long tenantId, long cardId, byte[] macHash) {
        return jdbc.sql("select mac_hash = :macHash from card where tenant_id = :tenantId and id = :id")
                .param("tenantId", tenantId)
                .param("id", cardId)
                .param("macHash", macHash)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /**
     * Counts a wrong secret or PIN: the count restarts when the first failure is older than
     * {@code window}, and reaching {@code max} locks the card for {@code window}. Answers whether
     * the card is now locked.
     */
    boolean recordFailedAttempt(long tenantId, long cardId, int max, Duration window) {
        return jdbc.sql("""
                        update card set
                            failed_secret_attempts = case when first_failed_at > now() - make_interval(secs => :window)
                                                          then failed_secret_attempts + 1 else 1 end,
                            first_failed_at = case when first_failed_at > now() - make_interval(secs => :window)
                                                   then first_failed_at else now() end,
                            locked_until = case when first_failed_at > now() - make_interval(secs => :window)
                                                     and failed_secret_attempts + 1 >= :max
                                                then now() + make_interval(secs => :window) else locked_until end
                        where tenant_id = :tenantId and id = :id
                        returning coalesce(locked_until > now(), false)
                        """)
                .param("tenantId", tenantId)
                .param("id", cardId)
                .param("max", max)
                .param("window", window.toSeconds())
                .query(Boolean.class)
                .single();
    }

    void clearFailedAttempts(long tenantId, long cardId) {
        jdbc.sql("""
                        update card set failed_secret_attempts = 0, first_failed_at = null
                        where tenant_id = :tenantId and id = :id and failed_secret_attempts > 0
                        """).param("tenantId", tenantId).param("id", cardId).update();
    }

    /** Locks the card row until the transaction ends: every change of one card goes through here. */
    Optional<Card> lock(long tenantId, long id) {
        return jdbc.sql("select " + Card.COLUMNS + " from card where tenant_id = :tenantId and id = :value for update")
                .param("tenantId", tenantId)
                .param("value", id)
                .query(CARD)
                .optional();
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
        jdbc.sql("""
                        insert into card_event (tenant_id, card_id, kind, from_status, to_status, operator_id, api_key_id,
                                                shop_id, serial, remark)
                        values (:tenantId, :cardId, :kind, :fromStatus, :toStatus, :operatorId, :apiKeyId, :shopId,
                                :serial, :remark)
                        """)
                .param("tenantId", tenantId)
                .param("cardId", event.cardId())
                .param("kind", event.kind().name())
                .param("fromStatus", event.from().code())
                .param("toStatus", event.to().code())
                .param("operatorId", event.actor().operatorId())
                .param("apiKeyId", event.actor().apiKeyId())
                .param("shopId", event.actor().shopId())
                .param("serial", event.serial())
                .param("remark", event.remark())
                .update();
    }

    private Optional<Card> one(String condition, long tenantId, Object value) {
        return jdbc.sql("select " + Card.COLUMNS + " from card where tenant_id = :tenantId and " + condition)
                .param("tenantId", tenantId)
                .param("value", value)
                .query(CARD)
                .optional();
    }
}
