package com.membercard.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.shared.security.SecurityEvent;
import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import com.membercard.support.MemberFiles;
import com.membercard.support.SecurityEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** op38 as a job: resumed after a crash, uploaded, its template and its error report as .xlsx. */
@IntegrationTest
class ImportJobTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    Fixtures fixtures;

    @Autowired
    ImportRunner runner;

    @Autowired
    SecurityEvents events;

    @LocalServerPort
    int port;

    TenantFixture tenant;
    long levelId;
    long classId;
    String prefix;

    @BeforeEach
    void freshTenant() {
        tenant = fixtures.tenant();
        levelId = Fixtures.createdId(
                tenant.admin().post("/api/v1/member-levels", Map.of("name", "普通", "level", 1, "discount", "1")));
        classId = Fixtures.createdId(tenant.admin().post("/api/v1/card-classes", Fixtures.cardClass("储值卡")));
        prefix = "JB" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    private List<List<String>> rows(int count) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("姓名", "卡号", "卡密", "余额", "积分"));
        for (int i = 1; i <= count; i++) {
            rows.add(List.of("会员" + i, prefix + i, "secret-" + prefix + i, "10.00", "5"));
        }
        return rows;
    }

    @Test
    void aJobInterruptedAfterACommittedChunkResumesAfterItAndImportsNothingTwice() {
        List<List<String>> all = rows(6);
        // the first three rows were committed as a chunk before the crash ...
        MemberFiles.write(tenant.id(), prefix + "-done.csv", MemberFiles.csv(all.subList(0, 4)));
        assertThat(MemberFiles.importAndWait(tenant.admin(), prefix + "-done.csv", classId, levelId)
                        .path("rowsImported")
                        .asInt())
                .isEqualTo(3);
        // ... of a job over the whole file, which the crash left RUNNING with last_row at row 4
        Path file = MemberFiles.write(tenant.id(), prefix + "-all.csv", MemberFiles.csv(all));
        long jobId = fixtures.jdbc()
                .sql("""
                        insert into import_job (tenant_id, kind, file_name, file_path, status, card_class_id,
                                                member_level_id, rows_total, rows_read, rows_imported, last_row,
                                                secrets_key)
                        values (:tenant, 'IMPORT', 'all.csv', :path, 'RUNNING', :classId, :levelId, 6, 3, 3, 4, :key)
                        returning id""")
                .param("tenant", tenant.id())
                .param("path", file.toString())
                .param("classId", classId)
                .param("levelId", levelId)
                .param("key", SecretSeal.newKeys().publicKey())
                .query(Long.class)
                .single();

        runner.resumeUnfinished();
        JsonNode job = MemberFiles.waitFor(tenant.admin(), jobId);

        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.path("rowsImported").asInt()).isEqualTo(6);
        assertThat(job.path("rowsSkipped").asInt())
                .as("rows before last_row are not read again")
                .isZero();
        assertThat(tenant.admin()
                        .get("/api/v1/members?keyword=" + prefix)
                        .body()
                        .path("totalCount")
                        .asInt())
                .isEqualTo(6);
    }

    @Test
    void anUploadedFileIsImportedAndTheStartIsASecurityEvent() throws Exception {
        byte[] xlsx = MemberFiles.xlsx(List.of(
                List.of("name", "cardCode", "mac", "giveBalance", "balance"),
                List.of("上传会员", prefix + "U", "secret-upload1", "5", "15")));

        HttpResponse<String> answer =
                upload("members.xlsx", xlsx, "memberCardClassId=" + classId + "&memberLevelId=" + levelId);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        long jobId = JsonMapper.builder()
                .build()
                .readTree(answer.body())
                .path("data")
                .path("jobId")
                .asLong();
        JsonNode job = MemberFiles.waitFor(tenant.admin(), jobId);
        assertThat(job.path("rowsImported").asInt()).as(job.toString()).isEqualTo(1);
        assertThat(job.path("fileName").asString()).isEqualTo("members.xlsx");
        JsonNode member = tenant.admin()
                .get("/api/v1/members?keyword=" + prefix + "U")
                .body()
                .path("data")
                .path(0);
        assertThat(member.path("actualBalance").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(events.count("member import members.xlsx", SecurityEvent.Kind.IMPORT))
                .isPositive();

        HttpResponse<String> pdf =
                upload("members.pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII), "memberCardClassId=" + classId);
        assertThat(pdf.statusCode()).isEqualTo(400);
    }

    @Test
    void theTemplateHasChineseHeadersAndAnExampleRowThatImports() throws Exception {
        byte[] template = download("/api/v1/members/import/template");
        List<String> header = new ArrayList<>();
        List<String> example = new ArrayList<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(template))) {
            List<Row> rows = workbook.getFirstSheet().read();
            rows.get(0).forEach(cell -> header.add(cell.getText()));
            rows.get(1).forEach(cell -> example.add(cell == null ? "" : cell.getText()));
            assertThat(rows).hasSize(2);
        }
        assertThat(header).contains("姓名", "手机", "卡号", "卡密", "余额", "赠送余额", "积分", "标签");

        MemberFiles.write(tenant.id(), prefix + "-template.xlsx", template);
        JsonNode job = MemberFiles.importAndWait(tenant.admin(), prefix + "-template.xlsx", classId, levelId);
        assertThat(job.path("rowsImported").asInt()).as(job.toString()).isEqualTo(1);
    }

    @Test
    void theErrorReportIsASpreadsheetWithAReasonColumn() throws Exception {
        List<List<String>> rows = rows(2);
        rows.add(List.of("坏金额", prefix + "BAD", "secret-bad-1", "1.234", "0"));
        MemberFiles.write(tenant.id(), prefix + "-report.csv", MemberFiles.csv(rows));
        long jobId = MemberFiles.importAndWait(tenant.admin(), prefix + "-report.csv", classId, levelId)
                .path("id")
                .asLong();

        byte[] report = download("/api/v1/import-jobs/" + jobId + "/errors?format=xlsx");

        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(report))) {
            List<Row> lines = workbook.getFirstSheet().read();
            assertThat(lines.get(0).getCellText(3)).isEqualTo("原因");
            assertThat(lines).hasSize(2);
            assertThat(lines.get(1).getCellText(0)).isEqualTo("4");
            assertThat(lines.get(1).getCellText(1)).isEqualTo("余额/balance");
            assertThat(lines.get(1).getCellText(2)).isEqualTo("1.234");
            assertThat(lines.get(1).getCellText(3)).isNotBlank();
        }
        Api.Response other = fixtures.tenant().admin().get("/api/v1/import-jobs/" + jobId + "/errors");
        assertThat(other.status()).as("another tenant's job").isEqualTo(404);
    }

    private byte[] download(String path) throws Exception {
        HttpResponse<byte[]> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + tenant.admin().credential())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");
        return answer.body();
    }

    private HttpResponse<String> upload(String name, byte[] content, String query) throws Exception {
        String boundary = "----b" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(
                HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/api/v1/members/import/upload?" + query))
                        .header("Authorization", "Bearer " + tenant.admin().credential())
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
