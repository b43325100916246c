package com.membercard.catalog;

import com.membercard.shared.jdbc.TenantTable;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The tenant's gifts for points (积分礼品). */
@Service
public class Gifts {

    private final TenantTable<Gift> table;

    Gifts(JdbcClient jdbc) {
        this.table = new TenantTable<>(
                jdbc,
                "gift",
                "entity.gift",
                List.of("name", "points", "price", "image_path", "in_use", "stock"),
                Gift.class);
    }

    public List<Gift> list(long tenantId) {
        return table.list(tenantId);
    }

    public Optional<Gift> find(long tenantId, long id) {
        return table.find(tenantId, id);
    }

    public Gift get(long tenantId, long id) {
        return table.get(tenantId, id);
    }

    public long create(long tenantId, GiftRequest request) {
        return table.insert(tenantId, request.row());
    }

    void update(long tenantId, long id, GiftRequest request) {
        table.update(tenantId, id, request.row());
    }

    void delete(long tenantId, long id) {
        table.delete(tenantId, id);
    }
}
