package com.membercard.member;

import com.membercard.shared.jdbc.RecordParams;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcMembers {

    /** The member's own fields as stored. */
    record Fields(
            String code,
            String name,
            int sex,
            LocalDate birthday,
            String phone,
            String idCard,
            String address,
            long levelId) {}

    private final JdbcClient jdbc;

    JdbcMembers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a member; with a null code one is generated. Empty when a given code is taken. */
    Optional<Long> insert(long tenantId, Fields fields) {
        return jdbc.sql("""
                        insert into member (tenant_id, code, name, sex, birthday, phone, id_card, address, level_id)
                        values (:tenantId, coalesce(:code, 'M' || to_char(nextval('member_code_seq'), 'FM00000000')),
                                :name, :sex, :birthday, :phone, :idCard, :address, :levelId)
                        on conflict (tenant_id, code text_pattern_ops) do nothing
                        returning id
                        """)
                .paramSource(RecordParams.of(fields).addValue("tenantId", tenantId))
                .query(Long.class)
                .optional();
    }

    int update(long tenantId, long id, Fields fields) {
        return jdbc.sql("""
                        update member set code = coalesce(:code, code), name = :name, sex = :sex, birthday = :birthday,
                               phone = :phone, id_card = :idCard, address = :address, level_id = :levelId,
                               updated_at = now()
                        where tenant_id = :tenantId and id = :id
                        """)
                .paramSource(
                        RecordParams.of(fields).addValue("tenantId", tenantId).addValue("id", id))
                .update();
    }

    boolean exists(long tenantId, long id) {
        return jdbc.sql("select exists (select 1 from member where tenant_id = :tenantId and id = :id)")
                .param("tenantId", tenantId)
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    void replaceTags(long tenantId, long memberId, List<Long> tagIds) {
        jdbc.sql("delete from member_tag_link where tenant_id = :tenantId and member_id = :memberId")
                .param("tenantId", tenantId)
                .param("memberId", memberId)
                .update();
        if (!tagIds.isEmpty()) {
            jdbc.sql("""
                            insert into member_tag_link (tenant_id, member_id, tag_id)
                            select :tenantId, :memberId, unnest(cast(:tagIds as bigint[]))
                            """)
                    .param("tenantId", tenantId)
                    .param("memberId", memberId)
                    .param("tagIds", tagIds.toArray(Long[]::new))
                    .update();
        }
    }
}
