package com.membercard.catalog;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.jdbc.TenantTable;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The tenant's gifts for points (积分礼品). */
@Service
public class Gifts {

    private final TenantTable<Gift> table;
    private final JdbcClient jdbc;

    Gifts(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    /**
     * Takes one gift from stock for a redemption, in the caller's transaction: 1002 when none is left
     * (a null stock is unlimited).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void takeOne(long tenantId, long giftId) {
        Integer left = jdbc.sql("""
                        update gift set stock = stock - 1
                        where tenant_id = :tenantId and id = :id and (stock is null or stock > 0)
                        returning coalesce(stock, -1)
                        """)
                .param("tenantId", tenantId)
                .param("id", giftId)
                .query(Integer.class)
                .optional()
                .orElse(null);
        if (left == null) {
            throw new BusinessException(BusinessCode.SOLD_OUT);
        }
    }

    public long create(long tenantId, GiftRequest request) {
        return table.insert(tenantId, request.row());
    }

    // update and delete are public for the admin console's catalogue pages, as create already was
    public void update(long tenantId, long id, GiftRequest request) {
        table.update(tenantId, id, request.row());
    }

    public void delete(long tenantId, long id) {
        table.delete(tenantId, id);
    }
}
