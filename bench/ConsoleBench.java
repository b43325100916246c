import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-page speed of the admin console: signs in as a browser does (the login form with its CSRF
 * token, then the session cookie) as the manifest's tenant administrator, and requests each main
 * page N times, one after the other on one keep-alive connection, so that each figure is the
 * page's own server time (loopback, no concurrency). Prints p50/p95/p99/max per page against the
 * issue's 300 ms. A page that answers anything but 200 with the console's page, or sends the
 * browser back to sign in, is an error. JDK only: {@code bench/java.sh ConsoleBench [options]}.
 */
public class ConsoleBench {

    static final double TARGET_MILLIS = 300;

    static final class Options {
        Path manifest = Path.of("bench/target/dataset.properties");
        String baseUrl;
        int requests = 50;
        int warmup = 10;
        long seed = 11;
        Set<String> only = new LinkedHashSet<>();
        Path report = Path.of("bench/target/console-results.md");

        static Options parse(String[] args) {
            Options o = new Options();
            CommandLine.parse(args, Set.of(), (name, v) -> {
                switch (name) {
                    case "--manifest" -> o.manifest = Path.of(v);
                    case "--base-url" -> o.baseUrl = v.replaceAll("/+$", "");
                    case "--requests" -> o.requests = Integer.parseInt(v);
                    case "--warmup" -> o.warmup = Integer.parseInt(v);
                    case "--seed" -> o.seed = Long.parseLong(v);
                    case "--only" -> o.only.addAll(Arrays.asList(v.split(",")));
                    case "--report" -> o.report = Path.of(v);
                    default -> usage("unknown option " + name);
                }
            }, Options::usage);
            if (o.requests < 1 || o.warmup < 0) {
                usage("counts must be positive");
            }
            return o;
        }

        static void usage(String problem) {
            if (problem != null) {
                System.err.println("error: " + problem);
            }
            System.err.println("""
                    usage: bench/java.sh ConsoleBench [options]
                      --manifest FILE   the loader's manifest (default bench/target/dataset.properties):
                                        tenantAdminUsername/Password, levelIds, shopIds, samples, lastDay
                      --base-url URL    service (default: the manifest's baseUrl)
                      --requests N      measured requests per page (default 50)
                      --warmup N        unrecorded requests per page first (default 10)
                      --only a,b        only these pages
                      --seed N          which sampled members, fragments and filters (default 11)
                      --report FILE     Markdown table (default bench/target/console-results.md)""");
            System.exit(problem == null ? 0 : 2);
        }
    }

    /** A page: its name, what it shows, and the path of its next request. */
    record Page(String name, String what, Function<SplittableRandom, String> path) {}

    /** A sampled member of the data set: id, phone, card code, a fragment of the name. */
    record Sample(long memberId, String phone, String cardCode, String fragment) {}

    static List<Page> pages(Properties manifest, List<Sample> samples) {
        long[] levels = ids(manifest.getProperty("levelIds"));
        long[] shops = ids(manifest.getProperty("shopIds"));
        LocalDate lastDay = LocalDate.parse(manifest.getProperty("lastDay", LocalDate.now().toString()));
        String month = "startDate=" + lastDay.minusDays(30) + "&endDate=" + lastDay;
        Function<SplittableRandom, Sample> any = r -> samples.get(r.nextInt(samples.size()));
        return List.of(
                new Page("dashboard", "today's and the month's figures, liability, chart", r -> "/console"),
                new Page("members", "op02 list, first page, totals row", r -> "/console/members"),
                new Page(
                        "members-filtered",
                        "op02 by level and shop, totals row",
                        r -> "/console/members?memberLevel=" + levels[r.nextInt(levels.length)] + "&shopId="
                                + shops[r.nextInt(shops.length)]),
                new Page(
                        "members-keyword",
                        "op02 by a name fragment, totals row",
                        r -> "/console/members?keyword=" + enc(any.apply(r).fragment())),
                new Page(
                        "member-search-phone",
                        "op07 (till search) by a whole phone",
                        r -> "/console/members/search?keyword=" + any.apply(r).phone()),
                new Page(
                        "member-search-name",
                        "op07 (till search) by a name fragment",
                        r -> "/console/members/search?keyword=" + enc(any.apply(r).fragment())),
                new Page(
                        "member",
                        "a member: card, balances, transactions page 1",
                        r -> "/console/members/" + any.apply(r).memberId()),
                new Page(
                        "card-transactions",
                        "a member's card transactions, page 2",
                        r -> "/console/members/" + any.apply(r).memberId() + "?pageIndex=2"),
                new Page("reports-today", "card payments today by day", r -> "/console/reports?subject=card-payments"),
                new Page(
                        "reports-31-days",
                        "card payments over 31 days by day",
                        r -> "/console/reports?subject=card-payments&" + month),
                new Page(
                        "reports-31-days-shop",
                        "recharges over 31 days by shop",
                        r -> "/console/reports?subject=recharges&groupBy=shop&" + month),
                new Page("day-end", "each shop's day and its closes of 31 days", r -> "/console/day-end"),
                new Page("catalog-levels", "member levels", r -> "/console/catalog/levels"),
                new Page("catalog-card-classes", "card classes", r -> "/console/catalog/card-classes"),
                new Page("catalog-shops", "shops", r -> "/console/catalog/shops"),
                new Page("catalog-plans", "recharge plans", r -> "/console/catalog/plans"));
    }

    /** One browser: a keep-alive connection and the session cookie. */
    static final class Browser {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
        private final String host;
        private final int port;
        private final HttpConnection http;
        private String cookie;

        Browser(String base) {
            URI uri = URI.create(base);
            host = uri.getHost();
            port = uri.getPort();
            http = new HttpConnection(host, port);
        }

        void signIn(String username, String password) throws IOException {
            get("/console/login");
            Matcher csrf = CSRF.matcher(http.bodyText());
            if (!csrf.find()) {
                throw new IllegalStateException("no CSRF token on the sign-in page");
            }
            byte[] form = ("username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1)))
                    .getBytes(StandardCharsets.US_ASCII);
            http.exchange(HttpConnection.browserHead("POST", host, port, "/console/login", cookie, form.length), form);
            keepCookie();
            String location = http.header("Location");
            if (http.httpStatus != 302 || location == null || location.contains("login")) {
                throw new IllegalStateException("sign-in refused: HTTP " + http.httpStatus + " to " + location);
            }
            if (location.contains("/console/password")) {
                throw new IllegalStateException("the administrator must change a one-time password first");
            }
        }

        /** Requests a page; answers null when it is the console's page, else what went wrong. */
        String get(String path) throws IOException {
            http.exchange(HttpConnection.browserHead("GET", host, port, path, cookie, 0), new byte[0]);
            keepCookie();
            if (http.httpStatus != 200) {
                return "HTTP " + http.httpStatus + " " + http.header("Location");
            }
            String body = http.bodyText();
            return body.contains("id=\"main\"") && !body.contains("id=\"error-message\"") ? null : "not the page";
        }

        private void keepCookie() {
            for (String h : http.headers) {
                if (h.regionMatches(true, 0, "Set-Cookie:", 0, 11)) {
                    String value = h.substring(11).strip();
                    if (value.startsWith("MEMBERCARD_CONSOLE=")) {
                        cookie = value.substring(0, value.indexOf(';') < 0 ? value.length() : value.indexOf(';'));
                    }
                }
            }
        }
    }

    record Result(Page page, long[] nanos, int errors, String firstError) {
        double percentile(double p) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }

        boolean met() {
            return errors == 0 && percentile(95) <= TARGET_MILLIS;
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Properties manifest = new Properties();
        try (var in = Files.newBufferedReader(o.manifest, StandardCharsets.UTF_8)) {
            manifest.load(in);
        }
        String base = o.baseUrl != null ? o.baseUrl : manifest.getProperty("baseUrl");
        List<Sample> samples = samples(o.manifest.resolveSibling(manifest.getProperty("samples", "samples.tsv")));
        Browser browser = new Browser(base);
        browser.signIn(manifest.getProperty("tenantAdminUsername"), manifest.getProperty("tenantAdminPassword"));
        SplittableRandom random = new SplittableRandom(o.seed);
        List<Result> results = new ArrayList<>();
        System.out.printf("%-22s %5s %4s %8s %8s %8s %8s  %s%n", "page", "ok", "err", "p50 ms", "p95 ms", "p99 ms",
                "max ms", "p95 vs 300 ms");
        for (Page page : pages(manifest, samples)) {
            if (!o.only.isEmpty() && !o.only.contains(page.name())) {
                continue;
            }
            for (int i = 0; i < o.warmup; i++) {
                browser.get(page.path().apply(random));
            }
            long[] nanos = new long[o.requests];
            int ok = 0;
            int errors = 0;
            String firstError = null;
            for (int i = 0; i < o.requests; i++) {
                String path = page.path().apply(random);
                long t0 = System.nanoTime();
                String problem = browser.get(path);
                long elapsed = System.nanoTime() - t0;
                if (problem == null) {
                    nanos[ok++] = elapsed;
                } else {
                    errors++;
                    if (firstError == null) {
                        firstError = path + ": " + problem;
                    }
                }
            }
            Result r = new Result(page, Arrays.copyOf(nanos, ok), errors, firstError);
            results.add(r);
            System.out.printf("%-22s %5d %4d %8.1f %8.1f %8.1f %8.1f  %s%n", page.name(), ok, errors,
                    r.percentile(50), r.percentile(95), r.percentile(99), r.percentile(100),
                    r.met() ? "met" : "MISSED" + (firstError != null ? " (" + firstError + ")" : ""));
        }
        writeReport(o, base, manifest, results);
        System.exit(results.stream().allMatch(Result::met) ? 0 : 1);
    }

    static List<Sample> samples(Path file) throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length < 7 || f[0].equals("memberId")) {
                continue;
            }
            samples.add(new Sample(Long.parseLong(f[0]), f[3], f[4], f[6]));
        }
        if (samples.isEmpty()) {
            throw new IllegalStateException("no samples in " + file);
        }
        return samples;
    }

    static long[] ids(String list) {
        return Arrays.stream(list.split(",")).mapToLong(Long::parseLong).toArray();
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static void writeReport(Options o, String base, Properties manifest, List<Result> results) {
        StringBuilder md = new StringBuilder();
        md.append("Console benchmark, ").append(Instant.now()).append(": ").append(base).append(", ")
                .append(manifest.getProperty("members", "?")).append(" members, ")
                .append(manifest.getProperty("bills", "?")).append(" bills; one browser, ").append(o.requests)
                .append(" requests per page after ").append(o.warmup).append(" warm-up requests.\n\n");
        md.append("| page | what | ok | errors | p50 ms | p95 ms | p99 ms | max ms | p95 ≤ 300 ms |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Result r : results) {
            md.append(String.format("| %s | %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %s |%n", r.page().name(),
                    r.page().what(), r.nanos().length, r.errors(), r.percentile(50), r.percentile(95),
                    r.percentile(99), r.percentile(100), r.met() ? "met" : "**missed**"));
        }
        try {
            Files.createDirectories(o.report.toAbsolutePath().getParent());
            Files.writeString(o.report, md.toString(), StandardCharsets.UTF_8);
            System.out.println("Markdown table: " + o.report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
