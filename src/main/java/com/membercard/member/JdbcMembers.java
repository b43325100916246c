package com.membercard.member;

import com.membercard.shared.jdbc.RecordParams;
import com.membercard.shared.jdbc.TenantNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
    private final TenantNode tenantNode;

    JdbcMembers(JdbcClient jdbc, TenantNode tenantNode) {
        this.jdbc = jdbc;
        this.tenantNode = tenantNode;
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

    /**
     * Member ids drawn ahead of a batch's insert, so that its cards and tags can name them; from the
     * tenant's node's sequence (pinned: a statement that names no table would go to node 0).
     */
    List<Long> nextIds(long tenantId, int count) {
        return jdbc.sql(tenantNode.pin(
                        tenantId,
                        "select nextval(pg_get_serial_sequence('member', 'id')) from generate_series(1, :count)"))
                .param("count", count)
                .query(Long.class)
                .list();
    }

    /**
     * Inserts a batch of members under ids drawn by {@link #nextIds}, in one statement; a number or
     * an active phone taken fails it (DuplicateKeyException). A null code is generated, as by {@link #insert}.
     * The select names its columns unqualified: ShardingSphere takes the qualifier of a pinned (unbound)
     * statement for a table, and refuses an insert from another table.
     */
    void insertAll(long tenantId, List<Long> ids, List<Fields> fields) {
        // columns unqualified for ShardingSphere's check of an INSERT … SELECT (TenantNode)
        jdbc.sql(tenantNode.pin(tenantId, """
                        insert into member (tenant_id, id, code, name, sex, birthday, phone, id_card, address, level_id)
                        overriding system value
                        select :tenantId, id, coalesce(code, 'M' || to_char(nextval('member_code_seq'), 'FM00000000')),
                               name, sex, birthday, phone, id_card, address, level_id
                        from unnest(cast(:ids as bigint[]), cast(:codes as text[]), cast(:names as text[]),
                                    cast(:sexes as int[]), cast(cast(:birthdays as text[]) as date[]),
                                    cast(:phones as text[]), cast(:idCards as text[]), cast(:addresses as text[]),
                                    cast(:levelIds as bigint[]))
                             as m(id, code, name, sex, birthday, phone, id_card, address, level_id)
                        """))
                .param("tenantId", tenantId)
                .param("ids", ids.toArray(Long[]::new))
                .param("codes", fields.stream().map(Fields::code).toArray(String[]::new))
                .param("names", fields.stream().map(Fields::name).toArray(String[]::new))
                .param("sexes", fields.stream().map(Fields::sex).toArray(Integer[]::new))
                .param(
                        "birthdays",
                        fields.stream()
                                .map(f -> f.birthday() == null
                                        ? null
                                        : f.birthday().toString())
                                .toArray(String[]::new))
                .param("phones", fields.stream().map(Fields::phone).toArray(String[]::new))
                .param("idCards", fields.stream().map(Fields::idCard).toArray(String[]::new))
                .param("addresses", fields.stream().map(Fields::address).toArray(String[]::new))
                .param("levelIds", fields.stream().map(Fields::levelId).toArray(Long[]::new))
                .update();
    }

    /** Tags of a batch of new members: {@code tagIds.get(i)} of {@code memberIds.get(i)}. */
    void addTags(long tenantId, List<Long> memberIds, List<List<Long>> tagIds) {
        List<Long> members = new ArrayList<>();
        List<Long> tags = new ArrayList<>();
        for (int i = 0; i < memberIds.size(); i++) {
            for (Long tagId : tagIds.get(i)) {
                members.add(memberIds.get(i));
                tags.add(tagId);
            }
        }
        if (members.isEmpty()) {
            return;
        }
        // columns unqualified for ShardingSphere's check of an INSERT … SELECT (TenantNode)
        jdbc.sql(tenantNode.pin(tenantId, """
                        insert into member_tag_link (tenant_id, member_id, tag_id)
                        select :tenantId, member_id, tag_id
                        from unnest(cast(:memberIds as bigint[]), cast(:tagIds as bigint[])) as l(member_id, tag_id)
                        """))
                .param("tenantId", tenantId)
                .param("memberIds", members.toArray(Long[]::new))
                .param("tagIds", tags.toArray(Long[]::new))
                .update();
    }

    /**
     * Which of these phones are active members' in the tenant: one probe of the unique index per phone
     * (lateral, limit 1), which the planner keeps even before the table has statistics (a fresh
     * database's first import), where "phone = any(...)" would read every member of the tenant.
     */
    Set<String> activePhonesTaken(long tenantId, Collection<String> phones) {
        return new HashSet<>(jdbc.sql(tenantNode.pin(tenantId, """
                        select x.phone from unnest(cast(:phones as text[])) as x(phone)
                        cross join lateral (select 1 from member m
                                            where m.tenant_id = :tenantId and m.active and m.phone = x.phone limit 1) hit
                        """))
                .param("tenantId", tenantId)
                .param("phones", phones.toArray(String[]::new))
                .query(String.class)
                .list());
    }

    /** Which of these member numbers are taken in the tenant. */
    Set<String> codesTaken(long tenantId, Collection<String> codes) {
        return new HashSet<>(jdbc.sql(tenantNode.pin(tenantId, """
                        select x.code from unnest(cast(:codes as text[])) as x(code)
                        cross join lateral (select 1 from member m where m.tenant_id = :tenantId and m.code = x.code limit 1) hit
                        """))
                .param("tenantId", tenantId)
                .param("codes", codes.toArray(String[]::new))
                .query(String.class)
                .list());
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
            jdbc.sql(tenantNode.pin(tenantId, """
                            insert into member_tag_link (tenant_id, member_id, tag_id)
                            select :tenantId, :memberId, unnest(cast(:tagIds as bigint[]))
                            """))
                    .param("tenantId", tenantId)
                    .param("memberId", memberId)
                    .param("tagIds", tagIds.toArray(Long[]::new))
                    .update();
        }
    }
}
