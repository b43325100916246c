import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Issue 12's benchmark on the loader's business-day data set ({@code load-members.sh --bills N}):
 *
 * <ol>
 *   <li>day-end of each heavy shop-day (20,000 bills and the shop's ordinary ones): target 2 s;
 *   <li>every report over the 31 days to the last loaded day, all shops, by each grouping: 3 s;
 *   <li>the bill list (流水明细) of the days back from the last one that hold 100,000 bills, as a
 *       streamed .xlsx: 15 s, the service started with -Xmx512m -XX:+ExitOnOutOfMemoryError.
 * </ol>
 *
 * Each figure is printed with the load average before it (the machine is shared) and per bill. The
 * client is the JDK's: a few dozen requests, its cost does not matter here.
 */
public final class BusinessDayBench {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        Path manifestPath = Path.of("bench/target/business-day/dataset.properties");
        String[] baseUrl = {null};
        int[] repeat = {3};
        int[] rows = {100_000};
        Path[] reportPath = {Path.of("bench/target/business-day/results.md")};
        Path[] manifestOption = {manifestPath};
        Set<String> only = new java.util.HashSet<>(Set.of("day-end", "close", "reports", "xlsx"));
        CommandLine.parse(args, Set.of(), (name, v) -> {
            switch (name) {
                case "--manifest" -> manifestOption[0] = Path.of(v);
                case "--base-url" -> baseUrl[0] = v.replaceAll("/+$", "");
                case "--repeat" -> repeat[0] = Integer.parseInt(v);
                case "--rows" -> rows[0] = Integer.parseInt(v.replace("_", ""));
                case "--report" -> reportPath[0] = Path.of(v);
                case "--only" -> only.retainAll(Set.of(v.split(",")));
                default -> usage("unknown option " + name);
            }
        }, BusinessDayBench::usage);
        Properties manifest = new Properties();
        try (var in = Files.newBufferedReader(manifestOption[0], StandardCharsets.UTF_8)) {
            manifest.load(in);
        }
        if (manifest.getProperty("heavyDay") == null) {
            usage(manifestOption[0] + " is not a --bills data set (no heavyDay)");
        }
        String base = baseUrl[0] != null ? baseUrl[0] : manifest.getProperty("baseUrl");
        String token = login(base, manifest.getProperty("tenantAdminUsername"),
                manifest.getProperty("tenantAdminPassword"));
        LocalDate lastDay = LocalDate.parse(manifest.getProperty("lastDay"));
        LocalDate heavyDay = LocalDate.parse(manifest.getProperty("heavyDay"));
        List<String> lines = new ArrayList<>();
        lines.add("| what | bills | ms | per 1,000 bills | target | | load avg before |");
        lines.add("|---|---:|---:|---:|---:|---|---|");

        // 1. day-end of the heavy shop-days; a day closed before (801) is left out: close another
        for (String shop : only.contains("day-end") ? manifest.getProperty("heavyShopIds").split(",") : new String[0]) {
            String load = loadAverage();
            long started = System.nanoTime();
            Response r = send(base, token, "POST", "/api/v1/day-end",
                    "{\"shopId\":" + shop + ",\"businessDate\":\"" + heavyDay + "\"}");
            double ms = (System.nanoTime() - started) / 1e6;
            int status = Integer.parseInt(field(r.body, "status"));
            if (status == 801) {
                System.out.printf("day-end shop %s %s: closed before (801), not measured%n", shop, heavyDay);
                continue;
            }
            long bills = Long.parseLong(field(r.body, "bills"));
            System.out.printf("day-end shop %s %s: %,d bills in %.0f ms (status %s)%n", shop, heavyDay, bills, ms,
                    field(r.body.substring(r.body.indexOf("\"data\"")), "status"));
            lines.add(row("day-end, shop " + shop + ", " + heavyDay, bills, ms, 2_000, load));
        }

        // 2. every shop closes the 31 days as day-end would have (a day closed before answers 801): the
        // reports then read those days' kept totals; without --only close, they read every bill
        LocalDate from = lastDay.minusDays(30);
        if (only.contains("close")) {
            long closes = 0;
            String load = loadAverage();
            long started = System.nanoTime();
            for (LocalDate day = from; !day.isAfter(lastDay); day = day.plusDays(1)) {
                for (String shop : manifest.getProperty("shopIds").split(",")) {
                    Response r = send(base, token, "POST", "/api/v1/day-end",
                            "{\"shopId\":" + shop + ",\"businessDate\":\"" + day + "\"}");
                    if (r.status != 200 && r.status != 409) {
                        throw new IllegalStateException("day-end " + shop + " " + day + ": " + r.body);
                    }
                    closes += field(r.body, "status").equals("200") ? 1 : 0;
                }
            }
            double ms = (System.nanoTime() - started) / 1e6;
            System.out.printf("closed %,d shop-days (%s..%s) in %.0f ms, %.0f ms each%n", closes, from, lastDay, ms,
                    ms / Math.max(1, closes));
            lines.add(String.format(Locale.ROOT, "| %,d ordinary day-ends (every shop, %s..%s), each | | %.0f | | | | %s |",
                    closes, from, lastDay, ms / Math.max(1, closes), load));
        }

        // 3. the 31-day reports over all shops
        String range = "startDate=" + from + "&endDate=" + lastDay;
        long rangeBills = billCount(base, token, range);
        String[][] reports = {
            {"recharges", "day"}, {"recharges", "shop"}, {"recharges", "operator"}, {"recharges", "paymentType"},
            {"recharges", "plan"}, {"card-payments", "day"}, {"card-payments", "shop"}, {"card-payments", "operator"},
            {"refunds", "kind"}, {"refunds", "paymentType"}, {"points", "day"}, {"gift-redemptions", "shop"}
        };
        for (String[] report : only.contains("reports") ? reports : new String[0][]) {
            String path = "/api/v1/reports/" + report[0] + "?groupBy=" + report[1] + "&" + range;
            List<Double> times = new ArrayList<>();
            String load = loadAverage();
            for (int k = 0; k < repeat[0]; k++) {
                long started = System.nanoTime();
                Response r = send(base, token, "GET", path, null);
                times.add((System.nanoTime() - started) / 1e6);
                if (r.status != 200 || !r.body.contains("\"totals\"")) {
                    throw new IllegalStateException(path + " answered " + r.status + ": " + r.body);
                }
            }
            times.sort(Double::compare);
            double worst = times.get(times.size() - 1);
            System.out.printf("%-40s %s ms (worst of %d)%n", report[0] + " by " + report[1] + ", 31 days", times,
                    repeat[0]);
            lines.add(row(report[0] + " by " + report[1] + ", " + from + ".." + lastDay + " (worst of " + repeat[0]
                    + ")", rangeBills, worst, 3_000, load));
        }

        // 4. the bill list of the days back from the last one that hold the rows asked for, as .xlsx
        if (only.contains("xlsx")) {
            lines.add(xlsx(base, token, lastDay, rows[0], reportPath[0]));
        }
        String table = String.join("\n", lines) + "\n";
        System.out.println();
        System.out.print(table);
        Files.createDirectories(reportPath[0].toAbsolutePath().getParent());
        Files.writeString(reportPath[0], table, StandardCharsets.UTF_8);
    }

    /** The .xlsx download of at least {@code rows} bills, the days back from {@code lastDay}: its table line. */
    static String xlsx(String base, String token, LocalDate lastDay, int rows, Path reportPath)
            throws IOException, InterruptedException {
        LocalDate start = lastDay;
        long count = 0;
        while (count < rows && start.isAfter(lastDay.minusDays(365))) {
            start = start.minusDays(1);
            count = billCount(base, token, "startDate=" + start + "&endDate=" + lastDay);
        }
        String load = loadAverage();
        long started = System.nanoTime();
        HttpResponse<InputStream> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/reports/bills/xlsx?startDate=" + start + "&endDate="
                                + lastDay))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        double firstByte = -1;
        long bytes = 0;
        // saved as it arrives, then read through the zip's central directory (POI's entries carry
        // their sizes after their data, which ZipInputStream does not follow)
        Path file = reportPath.toAbsolutePath().resolveSibling("bills.xlsx");
        Files.createDirectories(file.getParent());
        try (InputStream body = answer.body();
                var out = Files.newOutputStream(file)) {
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("bills/xlsx answered " + answer.statusCode() + ": "
                        + new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            byte[] buffer = new byte[1 << 16];
            for (int n = body.read(buffer); n > 0; n = body.read(buffer)) {
                if (firstByte < 0) {
                    firstByte = (System.nanoTime() - started) / 1e6;
                }
                out.write(buffer, 0, n);
                bytes += n;
            }
        }
        double ms = (System.nanoTime() - started) / 1e6;
        long sheetRows = 0;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                if (entry.getName().startsWith("xl/worksheets/")) {
                    try (InputStream xml = zip.getInputStream(entry)) {
                        sheetRows += countRows(xml);
                    }
                }
            }
        }
        System.out.printf("bills/xlsx %s..%s: %,d bills, %,d sheet rows, %,d bytes, first byte after %.0f ms, all in"
                + " %.0f ms%n", start, lastDay, count, sheetRows, bytes, firstByte, ms);
        if (sheetRows != count + 2) {
            throw new IllegalStateException("the sheet has " + sheetRows + " rows, not the bills + header + totals");
        }
        return row("bills/xlsx " + start + ".." + lastDay + " (" + bytes / 1024 + " KiB)", count, ms, 15_000, load);
    }

    static String row(String what, long bills, double ms, long targetMs, String load) {
        return String.format(Locale.ROOT, "| %s | %,d | %.0f | %.1f | %,d ms | %s | %s |", what, bills, ms,
                ms * 1000 / Math.max(1, bills), targetMs, ms <= targetMs ? "met" : "**missed**", load);
    }

    static long billCount(String base, String token, String range) throws IOException, InterruptedException {
        Response r = send(base, token, "GET", "/api/v1/reports/bills?pageSize=1&" + range, null);
        return Long.parseLong(field(r.body, "totalCount"));
    }

    /** The rows of a sheet's XML, counted as it streams by. */
    static long countRows(InputStream xml) throws IOException {
        byte[] pattern = "<row ".getBytes(StandardCharsets.US_ASCII);
        byte[] buffer = new byte[1 << 16];
        long rows = 0;
        int matched = 0;
        for (int n = xml.read(buffer); n > 0; n = xml.read(buffer)) {
            for (int i = 0; i < n; i++) {
                matched = buffer[i] == pattern[matched] ? matched + 1 : (buffer[i] == pattern[0] ? 1 : 0);
                if (matched == pattern.length) {
                    rows++;
                    matched = 0;
                }
            }
        }
        return rows;
    }

    static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    record Response(int status, String body) {}

    static Response send(String base, String token, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    static String login(String base, String username, String password) throws IOException, InterruptedException {
        Response r = send(base, null, "POST", "/api/v1/auth/login",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        return field(r.body, "token");
    }

    /** The first value of a field in a JSON answer: a number, or a string without escapes. */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"([^\"]*)\"|-?[0-9]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no \"" + name + "\" in " + json);
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    static void usage(String problem) {
        if (problem != null) {
            System.err.println("error: " + problem);
        }
        System.err.println("""
                usage: bench/java.sh BusinessDayBench [options]
                  --manifest FILE   the --bills data set's manifest (default bench/target/business-day/dataset.properties)
                  --base-url URL    the service (default: the manifest's)
                  --repeat N        requests per report, the worst counted (default 3)
                  --rows N          bills of the .xlsx download, at least (default 100000)
                  --report FILE     the Markdown table (default bench/target/business-day/results.md)
                  --only LIST       some of day-end,close,reports,xlsx (default all; close: every shop
                                    closes the reports' 31 days first, so that reports read kept totals)
                """);
        System.exit(problem == null ? 0 : 2);
    }
}
