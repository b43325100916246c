import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Issue 14's benchmark: a .csv and a .xlsx of N member rows each (1% of them bad), imported by op38
 * into fresh tenants, and the members of the .csv's tenant migrated by op40 into another; prints
 * the seconds each job took from its start to DONE, with its counts. The service runs apart (see
 * README.md), with the import folder given here.
 *
 * <pre>bench/java.sh ImportBench --import-dir /tmp/membercard-import-bench/import --rows 100000</pre>
 */
public final class ImportBench {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String baseUrl = "http://localhost:8080";
    /** The service's JVM and its PostgreSQL data folder, to count the CPU a job costs (0/null: not counted). */
    private static long servicePid;
    private static Path databaseDir;
    /** Linux's clock ticks per second (USER_HZ) in /proc/<pid>/stat. */
    private static final double TICKS = 100;

    public static void main(String[] args) throws Exception {
        Path importDir = null;
        int rows = 100_000;
        String admin = "admin";
        String password = "admin-pass";
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--import-dir" -> importDir = Path.of(args[i + 1]);
                case "--rows" -> rows = Integer.parseInt(args[i + 1]);
                case "--base-url" -> baseUrl = args[i + 1];
                case "--admin" -> admin = args[i + 1];
                case "--password" -> password = args[i + 1];
                case "--service-pid" -> servicePid = Long.parseLong(args[i + 1]);
                case "--database-dir" -> databaseDir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--import-dir DIR --rows N --base-url URL --admin NAME --password PASS)");
            }
        }
        if (importDir == null) {
            throw new IllegalArgumentException("--import-dir is required: the service's MEMBERCARD_IMPORT_DIR");
        }
        Files.createDirectories(importDir);
        String platform = token(admin, password);
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);

        Tenant csvTenant = tenant(platform, "bench-csv-" + run);
        // a tenant's filePath is resolved in its own subfolder of the import folder
        Path csv = Files.createDirectories(importDir.resolve(Long.toString(csvTenant.id))).resolve("bench-" + run + ".csv");
        long started = System.nanoTime();
        writeCsv(csv, rows, "C" + run, "131");
        System.out.printf("generated %s (%d rows, %.1f MB) in %.1f s%n", csv.getFileName(), rows, Files.size(csv) / 1e6,
                (System.nanoTime() - started) / 1e9);
        report(".csv import", csvTenant.admin, importJob(csvTenant, csv.getFileName().toString()), "/api/v1/import-jobs/");

        Tenant xlsxTenant = tenant(platform, "bench-xlsx-" + run);
        Path xlsx = Files.createDirectories(importDir.resolve(Long.toString(xlsxTenant.id))).resolve("bench-" + run + ".xlsx");
        started = System.nanoTime();
        writeXlsx(xlsx, rows, "X" + run, "132");
        System.out.printf("generated %s (%d rows, %.1f MB) in %.1f s%n", xlsx.getFileName(), rows, Files.size(xlsx) / 1e6,
                (System.nanoTime() - started) / 1e9);
        report(".xlsx import", xlsxTenant.admin, importJob(xlsxTenant, xlsx.getFileName().toString()), "/api/v1/import-jobs/");

        Tenant target = tenant(platform, "bench-target-" + run);
        String body = "{\"tenantIdByMemberExport\":" + csvTenant.id + ",\"tenantIdByMemberImport\":" + target.id
                + ",\"shopId\":" + target.shopId + "}";
        long jobId = Long.parseLong(find(send(platform, "POST", "/api/v1/tenants/migrate-members", body), "\"jobId\":(\\d+)"));
        report("op40 migration", platform, jobId, "/api/v1/tenants/" + target.id + "/migrations/");

        // what the jobs posted must add up: every card against its ledger, points against lots
        reconcile(".csv tenant", csvTenant);
        reconcile(".xlsx tenant", xlsxTenant);
        reconcile("migration target", target);
    }

    private static void reconcile(String what, Tenant tenant) throws Exception {
        long started = System.nanoTime();
        String answer = send(tenant.admin, "GET", "/api/v1/ledger/reconciliation", null);
        boolean clean = answer.contains("\"differences\":[]");
        System.out.printf("reconciliation of the %s: %s cards checked, %s (%.1f s)%n", what,
                find(answer, "\"cardsChecked\":(\\d+)"),
                clean ? "no difference" : "DIFFERENCES " + answer.substring(0, Math.min(answer.length(), 500)),
                (System.nanoTime() - started) / 1e9);
    }

    record Tenant(long id, String admin, long levelId, long classId, long shopId) {}

    private static Tenant tenant(String platform, String name) throws Exception {
        String user = name.toLowerCase(Locale.ROOT).replace('-', '_');
        long id = Long.parseLong(find(
                send(platform, "POST", "/api/v1/tenants",
                        "{\"name\":\"" + name + "\",\"adminUsername\":\"" + user + "\",\"adminPassword\":\"bench-pass-1\"}"),
                "\"id\":(\\d+)"));
        String admin = token(user, "bench-pass-1");
        long levelId = created(send(admin, "POST", "/api/v1/member-levels", "{\"name\":\"普通会员\",\"level\":1,\"discount\":1}"));
        long classId = created(send(admin, "POST", "/api/v1/card-classes",
                "{\"name\":\"储值卡\",\"cardType\":1,\"canRecharge\":true,\"canMemberPrice\":true,\"canDiscount\":true,"
                        + "\"canPoint\":true,\"pointsBasic\":1,\"pointsToOne\":100,\"pointsValidDays\":0}"));
        long shopId = created(send(admin, "POST", "/api/v1/shops", "{\"name\":\"总店\"}"));
        return new Tenant(id, admin, levelId, classId, shopId);
    }

    private static long importJob(Tenant tenant, String file) throws Exception {
        String answer = send(tenant.admin, "POST", "/api/v1/members/import",
                "{\"filePath\":\"" + file + "\",\"memberCardClassId\":" + tenant.classId + ",\"memberLevelId\":"
                        + tenant.levelId + ",\"shopId\":" + tenant.shopId + "}");
        return Long.parseLong(find(answer, "\"jobId\":(\\d+)"));
    }

    /** Waits for the job and prints how long it took from its creation to DONE, by the service's own stamps. */
    private static void report(String what, String token, long jobId, String path) throws Exception {
        long started = System.nanoTime();
        double[] cpuBefore = cpu();
        String loadBefore = load();
        String job;
        while (true) {
            job = send(token, "GET", path + jobId, null);
            if (job.contains("\"status\":\"DONE\"") || job.contains("\"status\":\"FAILED\"")) {
                break;
            }
            Thread.sleep(500);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double[] cpuAfter = cpu();
        System.out.printf("%s: %.1f s (from the answer to DONE), CPU %s, load average %s -> %s %s%n", what, seconds,
                servicePid == 0 ? "not counted" : String.format("java %.1f s + postgres %.1f s",
                        cpuAfter[0] - cpuBefore[0], cpuAfter[1] - cpuBefore[1]),
                loadBefore, load(), job);
    }

    /**
     * CPU seconds so far of the service's JVM and of its PostgreSQL: the postmaster with the children
     * it has reaped (autovacuum workers come and go) and those alive (the service's sessions).
     */
    private static double[] cpu() throws IOException {
        if (servicePid == 0) {
            return new double[] {0, 0};
        }
        long postmaster = Long.parseLong(Files.readAllLines(databaseDir.resolve("postmaster.pid")).get(0).strip());
        double postgres = ticks(postmaster, true);
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String[] fields = stat(Long.parseLong(process.getFileName().toString()));
                if (fields != null && Long.parseLong(fields[1]) == postmaster) {
                    postgres += ticks(fields, false);
                }
            }
        }
        return new double[] {ticks(servicePid, false) / TICKS, postgres / TICKS};
    }

    private static double ticks(long pid, boolean withReapedChildren) throws IOException {
        String[] fields = stat(pid);
        return fields == null ? 0 : ticks(fields, withReapedChildren);
    }

    /** utime + stime (and cutime + cstime): fields 14–17 of /proc/<pid>/stat, here from the state (field 3) on. */
    private static double ticks(String[] fields, boolean withReapedChildren) {
        double ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return withReapedChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
    }

    /** The fields of /proc/<pid>/stat after the command's name, or null when the process is gone. */
    private static String[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
            return null;
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void writeCsv(Path path, int rows, String prefix, String phonePrefix) throws IOException {
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8), 1 << 16)) {
            out.write("姓名,手机,性别,生日,卡号,卡密,余额,赠送余额,积分\r\n");
            for (int i = 1; i <= rows; i++) {
                String[] row = row(i, prefix, phonePrefix);
                out.write(String.join(",", row));
                out.write("\r\n");
            }
        }
    }

    /** One row; every 100th is bad (a phone op19 refuses). */
    private static String[] row(int i, String prefix, String phonePrefix) {
        String phone = i % 100 == 0 ? "bad-phone!" : phonePrefix + String.format("%08d", i);
        return new String[] {
            "会员" + i, phone, i % 2 == 0 ? "女" : "男", "1990-01-01", prefix + String.format("%07d", i),
            "secret-" + prefix + i, "100.00", "20.00", "50"
        };
    }

    private static void writeXlsx(Path path, int rows, String prefix, String phonePrefix) throws IOException {
        try (OutputStream file = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(file)) {
            entry(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                    <Default Extension="xml" ContentType="application/xml"/>\
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
                    </Types>""");
            entry(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
                    </Relationships>""");
            entry(zip, "xl/workbook.xml", """
                    <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
                    <sheet name="会员" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            entry(zip, "xl/_rels/workbook.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
                    </Relationships>""");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            Writer out = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 1 << 16);
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            writeXlsxRow(out, 1, new String[] {"姓名", "手机", "性别", "生日", "卡号", "卡密", "余额", "赠送余额", "积分"});
            for (int i = 1; i <= rows; i++) {
                writeXlsxRow(out, i + 1, row(i, prefix, phonePrefix));
            }
            out.write("</sheetData></worksheet>");
            out.flush();
            zip.closeEntry();
        }
    }

    private static void writeXlsxRow(Writer out, int number, String[] cells) throws IOException {
        out.write("<row r=\"" + number + "\">");
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c];
            // fastexcel-reader needs each cell's reference (r="A1"), which the format makes optional
            out.write("<c r=\"" + (char) ('A' + c) + number + "\" t=\"inlineStr\"><is><t>");
            out.write(cell);
            out.write("</t></is></c>");
        }
        out.write("</row>");
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String token(String user, String password) throws Exception {
        return find(send(null, "POST", "/api/v1/auth/login",
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"), "\"token\":\"([^\"]+)\"");
    }

    private static long created(String answer) {
        return Long.parseLong(find(answer, "\"data\":(\\d+)"));
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + regex + " in " + text);
        }
        return matcher.group(1);
    }

    private static String send(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return answer.body();
    }
}
