package com.membercard.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import tools.jackson.databind.JsonNode;

/** Member files for op38: written into the service's import folder, imported, waited for. */
public final class MemberFiles {

    private MemberFiles() {}

    /** A tenant's import folder in the service under test (the build sets membercard.data-dir), made if need be. */
    public static Path folder(long tenantId) {
        Path folder = Path.of(System.getProperty("membercard.data-dir", "./data"))
                .toAbsolutePath()
                .normalize()
                .resolve("import")
                .resolve(Long.toString(tenantId));
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(long tenantId, String name, byte[] content) {
        try {
            Path path = folder(tenantId).resolve(name);
            Files.createDirectories(path.getParent());
            Files.write(path, content);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] csv(List<List<String>> rows) {
        return csv(rows, StandardCharsets.UTF_8, false);
    }

    public static byte[] csv(List<List<String>> rows, Charset charset, boolean bom) {
        String text = rows.stream()
                .map(row -> row.stream()
                        .map(cell -> cell.contains(",") || cell.contains("\"")
                                ? '"' + cell.replace("\"", "\"\"") + '"'
                                : cell)
                        .collect(Collectors.joining(",")))
                .collect(Collectors.joining("\r\n", "", "\r\n"));
        byte[] body = text.getBytes(charset);
        if (!bom) {
            return body;
        }
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        return withBom;
    }

    /** A .xlsx of the rows; a cell that is a {@code Formula} is written as a formula. */
    public static byte[] xlsx(List<List<Object>> rows) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Workbook workbook = new Workbook(out, "test", "1.0");
            Worksheet sheet = workbook.newWorksheet("会员");
            for (int r = 0; r < rows.size(); r++) {
                List<Object> row = rows.get(r);
                for (int c = 0; c < row.size(); c++) {
                    Object cell = row.get(c);
                    if (cell instanceof Formula formula) {
                        sheet.formula(r, c, formula.text());
                    } else if (cell instanceof Number number) {
                        sheet.value(r, c, number);
                    } else if (cell != null) {
                        sheet.value(r, c, cell.toString());
                    }
                }
            }
            workbook.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Formula(String text) {}

    /** op38's body. */
    public static Map<String, Object> request(String filePath, long classId, Long levelId) {
        Map<String, Object> body = new HashMap<>();
        body.put("filePath", filePath);
        body.put("memberCardClassId", classId);
        if (levelId != null) {
            body.put("memberLevelId", levelId);
        }
        return body;
    }

    /** Starts op38 and waits for the job to end; answers the job as GET /api/v1/import-jobs/{id} shows it. */
    public static JsonNode importAndWait(Api admin, String filePath, long classId, Long levelId) {
        Api.Response started = admin.post("/api/v1/members/import", request(filePath, classId, levelId));
        assertThat(started.status()).as("op38: %s", started).isEqualTo(200);
        return waitFor(admin, started.data().path("jobId").asLong());
    }

    public static JsonNode waitFor(Api admin, long jobId) {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(until)) {
            Api.Response job = admin.get("/api/v1/import-jobs/" + jobId);
            assertThat(job.http()).as(job.toString()).isEqualTo(200);
            String status = job.body().path("status").asString();
            if (status.equals("DONE") || status.equals("FAILED")) {
                return job.body();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("import job " + jobId + " did not end within 60 s");
    }
}
