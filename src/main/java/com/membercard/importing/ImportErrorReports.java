package com.membercard.importing;

import com.membercard.shared.BusinessException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows an import or migration job refused or skipped, as the API's {@code …/errors} serves them
 * and the console's import page downloads them: one writer for both, so the bytes are the same.
 */
@Component
public class ImportErrorReports {

    private final MemberImport imports;
    private final JdbcImportJobs jobs;
    private final JsonMapper json;

    ImportErrorReports(MemberImport imports, JdbcImportJobs jobs, JsonMapper json) {
        this.imports = imports;
        this.jobs = jobs;
        this.json = json;
    }

    /**
     * The error report of the tenant's job {@code jobId} (an import or a migration), as JSON or
     * ({@code format=xlsx}) a spreadsheet, in the request's language; a job of another tenant is
     * none (404).
     */
    public ResponseEntity<StreamingResponseBody> of(long tenantId, long jobId, String format) {
        imports.job(tenantId, jobId);
        boolean english = Locale.ENGLISH
                .getLanguage()
                .equals(LocaleContextHolder.getLocale().getLanguage());
        if ("xlsx".equals(format)) {
            StreamingResponseBody body = out -> writeXlsx(out, tenantId, jobId, english);
            return ImportController.download("import-" + jobId + "-errors.xlsx", ImportController.XLSX, body);
        }
        if (!"json".equals(format)) {
            throw BusinessException.invalid("format", "error.type");
        }
        StreamingResponseBody body = out -> {
            try (JsonGenerator generator = json.createGenerator(out)) {
                generator.writeStartArray();
                jobs.problems(
                        tenantId,
                        jobId,
                        problem -> json.writeValue(
                                generator,
                                new ProblemView(
                                        problem.row(),
                                        problem.column(),
                                        problem.value(),
                                        english ? problem.reasonEn() : problem.reasonZh(),
                                        problem.duplicate())));
                generator.writeEndArray();
            }
        };
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** One line of the error report. */
    record ProblemView(int row, String column, String value, String reason, boolean duplicate) {}

    private void writeXlsx(OutputStream out, long tenantId, long jobId, boolean english) throws IOException {
        Workbook workbook = new Workbook(out, "membercard", "1.0");
        Worksheet sheet = workbook.newWorksheet(english ? "errors" : "错误");
        String[] headers = english
                ? new String[] {"row", "column", "value", "reason", "duplicate"}
                : new String[] {"行号", "列", "值", "原因", "重复"};
        for (int c = 0; c < headers.length; c++) {
            sheet.value(0, c, headers[c]);
        }
        int[] line = {1};
        jobs.problems(tenantId, jobId, problem -> {
            int r = line[0]++;
            sheet.value(r, 0, problem.row());
            sheet.value(r, 1, problem.column());
            sheet.value(r, 2, problem.value());
            sheet.value(r, 3, english ? problem.reasonEn() : problem.reasonZh());
            sheet.value(r, 4, problem.duplicate() ? (english ? "yes" : "是") : "");
            if (r % 1000 == 0) {
                try {
                    sheet.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        workbook.finish();
    }
}
