package com.membercard.importing;

import com.membercard.importing.JdbcImportJobs.Job;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Envelope;
import com.membercard.shared.web.BusinessCodes;
import com.membercard.tenancy.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@Tag(name = "Import (导入)")
class ImportController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final MemberImport imports;
    private final MemberUploads uploads;
    private final JdbcImportJobs jobs;
    private final ImportErrorReports errorReports;

    ImportController(
            MemberImport imports, MemberUploads uploads, JdbcImportJobs jobs, ImportErrorReports errorReports) {
        this.uploads = uploads;
        this.imports = imports;
        this.jobs = jobs;
        this.errorReports = errorReports;
    }

    @PostMapping("/api/v1/members/import")
    @Operation(
            summary = "op38 导入会员 — import members from a file",
            description = "Tenant administrators. `filePath` is relative to the import folder (MEMBERCARD_IMPORT_DIR); "
                    + ".csv (UTF-8 or GBK) or .xlsx with a header row, Chinese or English headers in any order. "
                    + "Answers at once: data = {jobId, warnings, secretsKey}; the job runs in the background "
                    + "(GET /api/v1/import-jobs/{id}). `secretsKey` opens the card secrets the server draws for "
                    + "rows without 卡密 (GET /api/v1/import-jobs/{id}/drawn-secrets): shown once, kept nowhere.")
    @BusinessCodes({400, 403})
    Envelope<ImportStarted> importFile(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody ImportRequest request) {
        return Envelope.ok(imports.start(caller, request));
    }

    @PostMapping(value = "/api/v1/members/import/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "op38 导入会员（上传） — import members from an uploaded file",
            description = "As op38, with the file in the multipart part `file` (at most MEMBERCARD_MAX_UPLOAD) and "
                    + "`memberCardClassId`, `memberLevelId`, `shopId` as form fields. The file is kept in the "
                    + "import folder under uploads/ so that an interrupted job can resume.")
    @BusinessCodes({400, 403, 422})
    Envelope<ImportStarted> upload(
            @AuthenticationPrincipal Caller caller,
            @RequestPart(value = "file", required = false) MultipartFile file,
            @RequestParam @Positive Long memberCardClassId,
            @RequestParam(required = false) @Positive Long memberLevelId,
            @RequestParam(required = false) @Positive Long shopId) {
        return Envelope.ok(uploads.start(caller, file, memberCardClassId, memberLevelId, shopId));
    }

    @GetMapping("/api/v1/members/import/template")
    @Operation(
            summary = "导入模板 — the .xlsx template of a member file",
            description = "Chinese headers, one example row.")
    ResponseEntity<StreamingResponseBody> template() {
        StreamingResponseBody body = out -> {
            Workbook workbook = new Workbook(out, "membercard", "1.0");
            Worksheet sheet = workbook.newWorksheet("会员");
            Column[] columns = Column.values();
            String[] example = {
                "张伟", "13812345678", "男", "1990-05-01", "310101199005010011", "上海市静安区", "8800001234",
                "a1b2c3d4e5f6", "150.00", "50.00", "", "200", "", ""
            };
            for (int c = 0; c < columns.length; c++) {
                sheet.value(0, c, columns[c].chinese());
                sheet.value(1, c, example[c]);
            }
            workbook.finish();
        };
        return download("member-import-template.xlsx", XLSX, body);
    }

    @GetMapping("/api/v1/import-jobs/{id}")
    @Operation(
            summary = "导入任务 — an import or migration job",
            description = "Its state (QUEUED, RUNNING, DONE, FAILED), rows read, imported, skipped (duplicates), "
                    + "failed, percent, the warnings and, when the file as a whole was refused, why.")
    @BusinessCodes({404})
    ImportJobView job(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return imports.view(caller.tenantId(), id);
    }

    @GetMapping("/api/v1/import-jobs/{id}/errors")
    @Operation(
            summary = "导入错误报告 — the rows a job refused or skipped",
            description = "JSON (row, column, value, reason, duplicate) by default; `format=xlsx` for a spreadsheet "
                    + "with a reason column. Reasons in the request's language (Accept-Language).")
    @BusinessCodes({400, 404})
    ResponseEntity<StreamingResponseBody> errors(
            @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @RequestParam(required = false, defaultValue = "json") String format) {
        return errorReports.of(caller.tenantId(), id, format);
    }

    @GetMapping("/api/v1/import-jobs/{id}/drawn-secrets")
    @Operation(
            summary = "抽取的卡密 — the card secrets the server drew for rows without one",
            description = "Opened with the job's `secretsKey` (op38's answer) in the header X-Secrets-Key: the "
                    + "service keeps only sealed copies it cannot open itself. A wrong key answers 400.")
    @BusinessCodes({400, 404})
    List<DrawnSecret> drawnSecrets(
            @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @RequestHeader(name = "X-Secrets-Key", required = false) String secretsKey) {
        Job job = imports.job(caller.tenantId(), id);
        if (secretsKey == null || secretsKey.isBlank()) {
            throw BusinessException.invalid("X-Secrets-Key", "error.required");
        }
        return jobs.secrets(caller.tenantId(), job.id()).stream()
                .map(secret ->
                        new DrawnSecret(secret.row(), secret.cardCode(), SecretSeal.open(secretsKey, secret.sealed())))
                .toList();
    }

    /** A drawn secret, opened. */
    record DrawnSecret(int row, String cardCode, String mac) {}

    static ResponseEntity<StreamingResponseBody> download(String fileName, MediaType type, StreamingResponseBody body) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(fileName)
                                .build()
                                .toString())
                .body(body);
    }
}
