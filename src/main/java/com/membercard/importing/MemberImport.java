package com.membercard.importing;

import com.membercard.catalog.CardClasses;
import com.membercard.catalog.MemberLevels;
import com.membercard.importing.JdbcImportJobs.Job;
import com.membercard.shared.BusinessException;
import com.membercard.shared.security.SecurityEvent;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.ShopManagement;
import com.membercard.tenancy.TenantDirectory;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** op38: checks what can be checked at once, records the job, and hands it to the runner. */
@Service
class MemberImport {

    private final ImportFolder folder;
    private final FileImport fileImport;
    private final JdbcImportJobs jobs;
    private final ImportRunner runner;
    private final CardClasses cardClasses;
    private final MemberLevels levels;
    private final ShopManagement shops;
    private final TenantDirectory tenants;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;
    private final JsonMapper json;

    MemberImport(
            ImportFolder folder,
            FileImport fileImport,
            JdbcImportJobs jobs,
            ImportRunner runner,
            CardClasses cardClasses,
            MemberLevels levels,
            ShopManagement shops,
            TenantDirectory tenants,
            ApplicationEventPublisher events,
            MessageSource messages,
            JsonMapper json) {
        this.folder = folder;
        this.fileImport = fileImport;
        this.jobs = jobs;
        this.runner = runner;
        this.cardClasses = cardClasses;
        this.levels = levels;
        this.shops = shops;
        this.tenants = tenants;
        this.events = events;
        this.messages = messages;
        this.json = json;
    }

    ImportStarted start(Caller caller, ImportRequest request) {
        long tenantId = caller.tenantId();
        Path path = folder.resolve(tenantId, request.filePath());
        return start(caller, path, path.getFileName().toString(), request);
    }

    ImportStarted start(Caller caller, Path path, String fileName, ImportRequest request) {
        long tenantId = caller.tenantId();
        if (cardClasses.find(tenantId, request.memberCardClassId()).isEmpty()) {
            throw BusinessException.invalid("memberCardClassId", "error.unknownReference");
        }
        if (request.memberLevelId() != null
                && levels.find(tenantId, request.memberLevelId()).isEmpty()) {
            throw BusinessException.invalid("memberLevelId", "error.unknownReference");
        }
        shops.requireShopIfGiven(tenantId, request.shopId());
        Long shopId = request.shopId() != null ? request.shopId() : caller.shopId();
        List<String> unknown = fileImport.precheck(path);
        SecretSeal.Keys keys = SecretSeal.newKeys();
        long jobId = jobs.create(
                tenantId,
                new JdbcImportJobs.NewJob(
                        "IMPORT",
                        fileName.length() > 500 ? fileName.substring(0, 500) : fileName,
                        path.toString(),
                        null,
                        shopId,
                        caller.operatorId(),
                        caller.apiKeyId(),
                        request.memberCardClassId(),
                        request.memberLevelId(),
                        keys.publicKey()));
        events.publishEvent(new SecurityEvent(
                tenantId,
                SecurityEvent.Kind.IMPORT,
                caller.operatorId(),
                caller.apiKeyId(),
                "member import " + fileName,
                null,
                "op38 job " + jobId + ", card class " + request.memberCardClassId()));
        runner.submit(new JdbcImportJobs.Key(tenantId, jobId));
        return new ImportStarted(jobId, warnings(unknown), keys.privateKey());
    }

    Job job(long tenantId, long id) {
        return jobs.find(tenantId, id).orElseThrow(() -> BusinessException.notFound("entity.importJob"));
    }

    ImportJobView view(long tenantId, long id) {
        Job job = job(tenantId, id);
        ZoneId zone = tenants.zoneOf(tenantId);
        List<String> unknown = new ArrayList<>();
        if (job.report() != null) {
            JsonNode node = json.readTree(job.report()).path("unknownColumns");
            node.forEach(column -> unknown.add(column.asString()));
        }
        int percent = job.finished()
                ? 100
                : job.rowsTotal() == 0 ? 0 : (int) Math.min(99, 100L * job.rowsRead() / job.rowsTotal());
        Locale locale = LocaleContextHolder.getLocale();
        String failure = job.failureKey() == null
                ? null
                : messages.getMessage(
                        job.failureKey(),
                        job.failureArg() == null ? new Object[0] : new Object[] {job.failureArg()},
                        job.failureKey(),
                        locale);
        return new ImportJobView(
                job.id(),
                job.kind(),
                job.fileName(),
                job.status(),
                job.rowsTotal(),
                job.rowsRead(),
                job.rowsImported(),
                job.rowsSkipped(),
                job.rowsFailed(),
                percent,
                warnings(unknown),
                failure,
                jobs.secretCount(tenantId, id),
                job.createdAt().atZoneSameInstant(zone).toLocalDateTime(),
                job.finishedAt() == null
                        ? null
                        : job.finishedAt().atZoneSameInstant(zone).toLocalDateTime());
    }

    private List<String> warnings(List<String> unknown) {
        Locale locale = LocaleContextHolder.getLocale();
        return unknown.stream()
                .map(column -> messages.getMessage("warning.import.unknownColumn", new Object[] {column}, locale))
                .toList();
    }
}
