package com.membercard.catalog;

import com.membercard.shared.BusinessException;
import com.membercard.shared.jdbc.TenantTable;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The tenant's member tags (会员标签). */
@Service
public class MemberTags {

    private final TenantTable<MemberTag> table;

    MemberTags(JdbcClient jdbc) {
        this.table = new TenantTable<>(jdbc, "member_tag", "entity.memberTag", List.of("name"), MemberTag.class, true);
    }

    public List<MemberTag> list(long tenantId) {
        return table.list(tenantId);
    }

    public Optional<MemberTag> find(long tenantId, long id) {
        return table.find(tenantId, id);
    }

    public MemberTag get(long tenantId, long id) {
        return table.get(tenantId, id);
    }

    public long create(long tenantId, MemberTagRequest request) {
        try {
            return table.insert(tenantId, request);
        } catch (DuplicateKeyException e) {
            throw BusinessException.taken("name");
        }
    }

    // update and delete are public for the admin console's catalogue pages, as create already was
    public void update(long tenantId, long id, MemberTagRequest request) {
        try {
            table.update(tenantId, id, request);
        } catch (DuplicateKeyException e) {
            throw BusinessException.taken("name");
        }
    }

    public void delete(long tenantId, long id) {
        table.delete(tenantId, id);
    }
}
