package com.membercard.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import com.membercard.support.MemberFiles;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14 item 7: files that are not member files. Each is refused with a 400 naming filePath and
 * saying why (or, found past the first 64 KB, fails the job before any row is imported); none is a
 * 500, and nothing is imported from them.
 */
@IntegrationTest
class BadFileTest {

    @Autowired
    Fixtures fixtures;

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
        prefix = "BF" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    private Api.Response start(String name, byte[] content) {
        MemberFiles.write(tenant.id(), name, content);
        return tenant.admin().inEnglish().post("/api/v1/members/import", MemberFiles.request(name, classId, levelId));
    }

    private void refused(String name, byte[] content, String why) {
        Api.Response answer = start(name, content);
        assertThat(answer.http()).as(name + ": " + answer).isEqualTo(400);
        assertThat(answer.message()).as(name).contains("filePath").containsIgnoringCase(why);
    }

    private void nothingImported() {
        assertThat(tenant.admin()
                        .get("/api/v1/members")
                        .body()
                        .path("totalCount")
                        .asInt())
                .isZero();
    }

    @Test
    void emptyHeaderOnlyWrongExtensionAndRenamedFilesAreRefusedSayingWhy() {
        refused(prefix + "-empty.csv", new byte[0], "empty");
        refused(prefix + "-header.csv", MemberFiles.csv(List.of(List.of("姓名", "卡号"))), "no data rows");
        refused(prefix + ".pdf", "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), ".xlsx or .csv");
        byte[] pdf = "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\u0000<< /Type /Catalog >>".getBytes(StandardCharsets.ISO_8859_1);
        refused(prefix + "-pdf.xlsx", pdf, "not a readable");
        refused(prefix + "-pdf.csv", pdf, "not a readable");
        refused(
                prefix + "-dup.csv",
                MemberFiles.csv(List.of(List.of("姓名", "name", "卡号"), List.of("a", "b", "c"))),
                "twice");
        refused(
                prefix + "-nocode.csv",
                MemberFiles.csv(List.of(List.of("姓名", "手机"), List.of("a", "13812345678"))),
                "missing");
        nothingImported();
    }

    @Test
    void aFileOfTwoHundredMegabytesIsRefusedUnread() throws Exception {
        Path big = MemberFiles.folder(tenant.id()).resolve(prefix + "-big.csv");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(200L * 1024 * 1024); // sparse: nothing written, nothing to read
        }
        Api.Response answer = tenant.admin()
                .inEnglish()
                .post(
                        "/api/v1/members/import",
                        MemberFiles.request(big.getFileName().toString(), classId, levelId));
        assertThat(answer.http()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.message()).contains("too large");
    }

    @Test
    void anEncodingThatIsNeitherUtf8NorGbkIsRefused() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("姓名,卡号\r\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x2C, 0x41, 0x0D, 0x0A});
        refused(prefix + "-enc.csv", bytes.toByteArray(), "encoding");
        nothingImported();
    }

    @Test
    void anUnreadableByteFarIntoTheFileFailsTheJobBeforeAnyRowIsImported() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("姓名", "卡号", "卡密"));
        for (int i = 0; i < 2000; i++) {
            rows.add(List.of("会员" + i, prefix + i, "secret-" + prefix + i));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(MemberFiles.csv(rows));
        bytes.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x2C, 0x41, 0x0D, 0x0A});
        Api.Response started = start(prefix + "-late.csv", bytes.toByteArray());
        assertThat(started.status()).as(started.toString()).isEqualTo(200);

        JsonNode job =
                MemberFiles.waitFor(tenant.admin(), started.data().path("jobId").asLong());

        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("FAILED");
        assertThat(job.path("failure").asString()).contains("编码");
        assertThat(job.path("rowsImported").asInt()).isZero();
        nothingImported();
    }

    @Test
    void aZipBombAndAMillionCellRowAreRefusedBeforeTheyAreUnpacked() throws Exception {
        byte[] small = MemberFiles.xlsx(List.of(List.of("姓名", "卡号"), List.of("a", "b")));
        byte[] zeros = new byte[1024 * 1024];
        refused(
                prefix + "-bomb.xlsx",
                replaceSheet(small, out -> {
                    for (int i = 0; i < 200; i++) {
                        out.write(zeros);
                    }
                }),
                "unpacks");
        refused(
                prefix + "-wide.xlsx",
                replaceSheet(small, out -> {
                    out.write(
                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">"
                                    .getBytes(StandardCharsets.UTF_8));
                    byte[] cell = "<c t=\"inlineStr\"><is><t>x</t></is></c>".getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; i < 1_000_000; i++) {
                        out.write(cell);
                    }
                    out.write("</row></sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
                }),
                "");
        List<Object> wide = new ArrayList<>(List.of("姓名", "卡号"));
        for (int i = 0; i < 300; i++) {
            wide.add("列" + i);
        }
        refused(prefix + "-300.xlsx", MemberFiles.xlsx(List.of(wide, List.of("a", "b"))), "at most 200 cells");
        nothingImported();
    }

    @Test
    void formulasInACsvAreNotTakenAsValues() {
        MemberFiles.write(
                tenant.id(),
                prefix + "-f.csv",
                MemberFiles.csv(List.of(
                        List.of("姓名", "卡号", "卡密"), List.of("=HYPERLINK(\"http://x\")", prefix + "F", "secret-f0001"))));

        JsonNode job = MemberFiles.importAndWait(tenant.admin(), prefix + "-f.csv", classId, levelId);

        assertThat(job.path("rowsFailed").asInt()).as(job.toString()).isEqualTo(1);
        nothingImported();
    }

    interface Writing {
        void to(ZipOutputStream out) throws Exception;
    }

    /** The .xlsx with its sheet's XML replaced by what {@code sheet} writes. */
    private static byte[] replaceSheet(byte[] xlsx, Writing sheet) throws Exception {
        Path original = java.nio.file.Files.createTempFile("template", ".xlsx");
        java.nio.file.Files.write(original, xlsx);
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(original.toFile());
                ZipOutputStream out = new ZipOutputStream(result)) {
            for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().startsWith("xl/worksheets/sheet")) {
                    sheet.to(out);
                } else {
                    try (java.io.InputStream part = in.getInputStream(entry)) {
                        part.transferTo(out);
                    }
                }
                out.closeEntry();
            }
        } finally {
            java.nio.file.Files.delete(original);
        }
        return result.toByteArray();
    }
}
