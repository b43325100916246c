package com.membercard.catalog;

import com.membercard.shared.jdbc.TenantTable;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The tenant's member levels (会员等级). */
@Service
public class MemberLevels {

    private final TenantTable<MemberLevel> table;

    MemberLevels(JdbcClient jdbc) {
        this.table = new TenantTable<>(
                jdbc,
                "member_level",
                "entity.memberLevel",
                List.of("name", "level", "discount", "image_path"),
                MemberLevel.class,
                true);
    }

    public List<MemberLevel> list(long tenantId) {
        return table.list(tenantId);
    }

    public Optional<MemberLevel> find(long tenantId, long id) {
        return table.find(tenantId, id);
    }

    public MemberLevel get(long tenantId, long id) {
        return table.get(tenantId, id);
    }

    public long create(long tenantId, MemberLevelRequest request) {
        return table.insert(tenantId, request);
    }

    // update and delete are public for the admin console's catalogue pages, as create already was
    public void update(long tenantId, long id, MemberLevelRequest request) {
        table.update(tenantId, id, request);
    }

    public void delete(long tenantId, long id) {
        table.delete(tenantId, id);
    }
}
