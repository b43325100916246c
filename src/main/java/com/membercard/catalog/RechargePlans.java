package com.membercard.catalog;

import com.membercard.shared.jdbc.TenantTable;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The tenant's recharge plans (充值方案). */
@Service
public class RechargePlans {

    private final TenantTable<RechargePlan> table;

    RechargePlans(JdbcClient jdbc) {
        this.table = new TenantTable<>(
                jdbc,
                "recharge_plan",
                "entity.rechargePlan",
                List.of(
                        "name",
                        "money",
                        "pay_money",
                        "give_money",
                        "start_time",
                        "end_time",
                        "money_modifiable",
                        "remark",
                        "in_use"),
                RechargePlan.class);
    }

    public List<RechargePlan> list(long tenantId) {
        return table.list(tenantId);
    }

    public Optional<RechargePlan> find(long tenantId, long id) {
        return table.find(tenantId, id);
    }

    public RechargePlan get(long tenantId, long id) {
        return table.get(tenantId, id);
    }

    public long create(long tenantId, RechargePlanRequest request) {
        return table.insert(tenantId, request.row());
    }

    // update and delete are public for the admin console's catalogue pages, as create already was
    public void update(long tenantId, long id, RechargePlanRequest request) {
        table.update(tenantId, id, request.row());
    }

    public void delete(long tenantId, long id) {
        table.delete(tenantId, id);
    }
}
