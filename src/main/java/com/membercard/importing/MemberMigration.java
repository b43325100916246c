package com.membercard.importing;

import com.membercard.shared.BusinessException;
import com.membercard.shared.security.SecurityEvent;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.Shop;
import com.membercard.tenancy.ShopManagement;
import com.membercard.tenancy.TenantDirectory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** op40: checks the tenants and the shop, records the migration job in the target, hands it on. */
@Service
class MemberMigration {

    private final JdbcImportJobs jobs;
    private final ImportRunner runner;
    private final ShopManagement shops;
    private final TenantDirectory tenants;
    private final ApplicationEventPublisher events;

    MemberMigration(
            JdbcImportJobs jobs,
            ImportRunner runner,
            ShopManagement shops,
            TenantDirectory tenants,
            ApplicationEventPublisher events) {
        this.jobs = jobs;
        this.runner = runner;
        this.shops = shops;
        this.tenants = tenants;
        this.events = events;
    }

    long start(Caller caller, MigrationRequest request) {
        long source = request.tenantIdByMemberExport();
        long target = request.tenantIdByMemberImport();
        if (!tenants.exists(source)) {
            throw BusinessException.invalid("tenantIdByMemberExport", "error.unknownReference");
        }
        if (!tenants.exists(target)) {
            throw BusinessException.invalid("tenantIdByMemberImport", "error.unknownReference");
        }
        if (source == target) {
            throw BusinessException.invalid("tenantIdByMemberImport", "error.import.sameTenant");
        }
        Long shopId = shop(target, request);
        long jobId = jobs.create(
                target,
                new JdbcImportJobs.NewJob(
                        "MIGRATION",
                        "tenant " + source,
                        null,
                        source,
                        shopId,
                        caller.operatorId(),
                        caller.apiKeyId(),
                        null,
                        null,
                        null));
        String detail = "op40 job " + jobId + ": source tenant " + source + ", target tenant " + target;
        events.publishEvent(new SecurityEvent(
                null,
                SecurityEvent.Kind.MIGRATION,
                caller.operatorId(),
                caller.apiKeyId(),
                "member migration",
                null,
                detail));
        events.publishEvent(new SecurityEvent(
                target,
                SecurityEvent.Kind.MIGRATION,
                null,
                null,
                "member migration, source tenant " + source,
                null,
                detail));
        events.publishEvent(new SecurityEvent(
                source,
                SecurityEvent.Kind.MIGRATION,
                null,
                null,
                "member migration, target tenant " + target,
                null,
                detail));
        runner.submit(new JdbcImportJobs.Key(target, jobId));
        return jobId;
    }

    private Long shop(long target, MigrationRequest request) {
        if (request.shopId() != null) {
            if (shops.find(target, request.shopId()).isEmpty()) {
                throw BusinessException.invalid("shopId", "error.unknownReference");
            }
            return request.shopId();
        }
        if (request.shopName() != null && !request.shopName().isBlank()) {
            return shops.list(target).stream()
                    .filter(shop -> shop.name().equals(request.shopName().strip()))
                    .map(Shop::id)
                    .findFirst()
                    .orElseThrow(() -> BusinessException.invalid("shopName", "error.unknownReference"));
        }
        return null;
    }
}
