package com.membercard.importing;

import com.membercard.shared.BusinessException;
import com.membercard.shared.Envelope;
import com.membercard.shared.web.BusinessCodes;
import com.membercard.tenancy.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** op40 and its job, for platform administrators (the target tenant's administrators see it too). */
@RestController
@Tag(name = "Tenants (平台)")
class MigrationController {

    private final MemberMigration migration;
    private final MemberImport imports;
    private final ImportErrorReports errorReports;

    MigrationController(MemberMigration migration, MemberImport imports, ImportErrorReports errorReports) {
        this.migration = migration;
        this.imports = imports;
        this.errorReports = errorReports;
    }

    @PostMapping("/api/v1/tenants/migrate-members")
    @Operation(
            summary = "op40 会员迁移 — copy a tenant's members into another tenant",
            description = "Platform administrators. Members with a normal current card, their cards (the secret's "
                    + "keyed hash and PIN hash copied, so the same secret works), levels, tags and card classes "
                    + "(matched by name, created when missing), balances and points (an opening-balance bill in the "
                    + "target, on shop `shopId` or `shopName`). The source is never changed; a re-run copies "
                    + "nobody twice. Answers at once: data = {jobId}, the job being in the target tenant "
                    + "(GET /api/v1/tenants/{tenantId}/migrations/{jobId}).")
    @BusinessCodes({400, 403})
    Envelope<Map<String, Long>> migrate(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody MigrationRequest request) {
        return Envelope.ok(Map.of("jobId", migration.start(caller, request)));
    }

    @GetMapping("/api/v1/tenants/{tenantId}/migrations/{jobId}")
    @Operation(
            summary = "迁移任务 — an op40 job",
            description = "As GET /api/v1/import-jobs/{id}; `tenantId` is the target tenant.")
    @BusinessCodes({404})
    ImportJobView job(@PathVariable long tenantId, @PathVariable long jobId) {
        requireMigration(tenantId, jobId);
        return imports.view(tenantId, jobId);
    }

    @GetMapping("/api/v1/tenants/{tenantId}/migrations/{jobId}/errors")
    @Operation(
            summary = "迁移错误报告 — the members an op40 job did not copy",
            description = "As GET /api/v1/import-jobs/{id}/errors.")
    @BusinessCodes({400, 404})
    ResponseEntity<StreamingResponseBody> errors(
            @PathVariable long tenantId,
            @PathVariable long jobId,
            @RequestParam(required = false, defaultValue = "json") String format) {
        requireMigration(tenantId, jobId);
        return errorReports.of(tenantId, jobId, format);
    }

    private void requireMigration(long tenantId, long jobId) {
        if (!"MIGRATION".equals(imports.job(tenantId, jobId).kind())) {
            throw BusinessException.notFound("entity.importJob");
        }
    }
}
