import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read benchmark of the membercard service: drives the member and card reads over HTTP with a
 * number of concurrent clients and prints latency percentiles and throughput per scenario, against
 * the targets. Uses only the JDK: {@code bench/java.sh ReadBench [options]}.
 *
 * <p>Input is the manifest written by bench/LoadMembers.java (API key, ids, sampled rows). Every
 * scenario first runs unrecorded warm-up requests, then each a fixed number of requests (or seconds);
 * any answer other than HTTP 200 is an error, and a 200 that lacks what it was asked for (the phone
 * searched, the card code, ...) is counted as "wrong".
 */
public class ReadBench {

    // ------------------------------------------------------------------ options

    static final class Options {
        Path manifest = Path.of("bench/target/dataset.properties");
        String baseUrl;
        int clients = 8;
        int requests = 3_000;
        int seconds = 0;
        int warmup = 3_000;
        long seed = 7;
        Set<String> only = new LinkedHashSet<>();
        Path report = Path.of("bench/target/read-results.md");

        static Options parse(String[] args) {
            Options o = new Options();
            CommandLine.parse(args, Set.of(), (name, v) -> {
                switch (name) {
                    case "--manifest" -> o.manifest = Path.of(v);
                    case "--base-url" -> o.baseUrl = v.replaceAll("/+$", "");
                    case "--clients" -> o.clients = Integer.parseInt(v);
                    case "--requests" -> o.requests = Integer.parseInt(v.replace("_", ""));
                    case "--seconds" -> o.seconds = Integer.parseInt(v);
                    case "--warmup" -> o.warmup = Integer.parseInt(v);
                    case "--seed" -> o.seed = Long.parseLong(v);
                    case "--only" -> o.only.addAll(Arrays.asList(v.split(",")));
                    case "--report" -> o.report = Path.of(v);
                    default -> usage("unknown option " + name);
                }
            }, Options::usage);
            if (o.clients < 1 || o.requests < 1 || o.seconds < 0 || o.warmup < 0) {
                usage("counts must be positive");
            }
            return o;
        }

        static void usage(String problem) {
            if (problem != null) {
                System.err.println("error: " + problem);
            }
            System.err.println("""
                    usage: bench/java.sh ReadBench [options]
                      --manifest FILE   the loader's manifest (default bench/target/dataset.properties)
                      --base-url URL    service (default: the manifest's baseUrl)
                      --clients N       concurrent clients (default 8)
                      --requests N      measured requests per scenario (default 3000)
                      --seconds S       measure for S seconds per scenario instead of --requests
                      --warmup N        unrecorded requests per scenario, all before any is measured (default 3000)
                      --only A,B        run only these scenarios (names as printed)
                      --seed N          seed of the random choices (default 7)
                      --report FILE     also write the table as Markdown (default bench/target/read-results.md)
                    """);
            System.exit(problem == null ? 0 : 2);
        }
    }

    // ------------------------------------------------------------------ the data set

    /** One sampled member, as written by the loader into samples.tsv. */
    record Sample(long memberId, String memberCode, String name, String phone, String cardCode, String secret,
            String nameFragment) {}

    static final class DataSet {
        final Properties properties = new Properties();
        final List<Sample> samples = new ArrayList<>();
        final long[] levelIds;
        final long[] shopIds;
        final long memberIdMin;
        final long memberIdMax;
        final String apiKey;

        DataSet(Path manifest) throws IOException {
            if (!Files.exists(manifest)) {
                throw new IllegalStateException(manifest + " not found: run bench/load-members.sh first");
            }
            try (var reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            levelIds = ids("levelIds");
            shopIds = ids("shopIds");
            memberIdMin = Long.parseLong(required("memberIdMin"));
            memberIdMax = Long.parseLong(required("memberIdMax"));
            apiKey = required("apiKey");
            Path file = manifest.resolveSibling(required("samples"));
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t");
                samples.add(new Sample(Long.parseLong(f[0]), f[1], f[2], f[3], f[4], f[5], f[6]));
            }
            if (samples.isEmpty()) {
                throw new IllegalStateException(file + " holds no samples");
            }
        }

        String required(String key) {
            String value = properties.getProperty(key);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("the manifest has no " + key);
            }
            return value.strip();
        }

        long[] ids(String key) {
            return Arrays.stream(required(key).split(",")).mapToLong(Long::parseLong).toArray();
        }

        Sample sample(SplittableRandom r) {
            return samples.get(r.nextInt(samples.size()));
        }

        long level(SplittableRandom r) {
            return levelIds[r.nextInt(levelIds.length)];
        }

        long shop(SplittableRandom r) {
            return shopIds[r.nextInt(shopIds.length)];
        }
    }

    // ------------------------------------------------------------------ scenarios

    /** A request to make and what its 200 answer must contain (null: anything). */
    record Call(String path, String expect) {}

    record Scenario(String name, String what, double targetP95Millis, Function<SplittableRandom, Call> next) {}

    static List<Scenario> scenarios(DataSet d, int deepFilteredPage) {
        List<Scenario> s = new ArrayList<>();
        s.add(new Scenario("op01-member-by-id", "GET /members/{id}, random id of the whole range", 15, r -> {
            long id = d.memberIdMin + r.nextLong(d.memberIdMax - d.memberIdMin + 1);
            return new Call("/api/v1/members/" + id, "\"id\":" + id);
        }));
        s.add(new Scenario("op08-card-by-code", "GET /cards?cardCode=", 15, r -> {
            Sample x = d.sample(r);
            return new Call("/api/v1/cards?cardCode=" + enc(x.cardCode()), x.cardCode());
        }));
        s.add(new Scenario("op08-card-by-secret", "GET /cards?mac=", 15, r -> {
            Sample x = d.sample(r);
            return new Call("/api/v1/cards?mac=" + enc(x.secret()), x.cardCode());
        }));
        s.add(new Scenario("op07-search-phone", "GET /members/search?keyword={11-digit phone}", 15, r -> {
            Sample x = d.sample(r);
            return new Call("/api/v1/members/search?keyword=" + enc(x.phone()), x.phone());
        }));
        s.add(new Scenario("op07-search-card-code", "GET /members/search?keyword={card code}", 15, r -> {
            Sample x = d.sample(r);
            return new Call("/api/v1/members/search?keyword=" + enc(x.cardCode()), x.cardCode());
        }));
        s.add(new Scenario("op07-search-secret", "GET /members/search?mac={card secret}", 15, r -> {
            Sample x = d.sample(r);
            return new Call("/api/v1/members/search?mac=" + enc(x.secret()), x.cardCode());
        }));
        s.add(new Scenario("op07-search-name", "GET /members/search?keyword={surname + first given char}", 50, r -> {
            Sample x = d.sample(r);
            return new Call("/api/v1/members/search?keyword=" + enc(x.nameFragment()), x.nameFragment());
        }));
        s.add(new Scenario("op02-first-page", "GET /members?pageSize=20, unfiltered, totalCount+sumData", 300,
                r -> new Call("/api/v1/members?pageSize=20", "\"totalCount\"")));
        s.add(new Scenario("op02-filtered", "GET /members?memberLevel=&shopId=&pageSize=20 (~1/100 of members)", 100,
                r -> new Call("/api/v1/members?pageSize=20&memberLevel=" + d.level(r) + "&shopId=" + d.shop(r),
                        "\"totalCount\"")));
        s.add(new Scenario("op02-deep", "GET /members?pageIndex=1000&pageSize=20, unfiltered", 300,
                r -> new Call("/api/v1/members?pageSize=20&pageIndex=1000", "\"totalCount\"")));
        s.add(new Scenario("op02-deep-filtered",
                "GET /members?memberLevel=&shopId=&pageIndex=" + deepFilteredPage + "&pageSize=20", 100,
                r -> new Call("/api/v1/members?pageSize=20&pageIndex=" + deepFilteredPage + "&memberLevel="
                        + d.level(r) + "&shopId=" + d.shop(r), "\"totalCount\"")));
        return s;
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ running

    /** What one scenario measured. */
    static final class Result {
        final Scenario scenario;
        long[] nanos = new long[0];
        long errors;
        long wrong;
        double seconds;
        final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

        Result(Scenario scenario) {
            this.scenario = scenario;
        }

        double percentile(double p) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            // nearest rank: the smallest value with at least p of the samples at or below it
            int rank = (int) Math.ceil(p / 100.0 * nanos.length);
            return nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))] / 1e6;
        }

        double throughput() {
            return seconds == 0 ? 0 : nanos.length / seconds;
        }

        boolean met() {
            return errors == 0 && wrong == 0 && nanos.length > 0 && percentile(95) <= scenario.targetP95Millis();
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        DataSet d = new DataSet(o.manifest);
        String base = o.baseUrl != null ? o.baseUrl : d.required("baseUrl");
        Client probe = new Client(base, d.apiKey);

        // The deep filtered page: page 1000 where the filter holds that many rows (1M members), else
        // the last full page, so the page is never empty and OFFSET always skips most of the matches.
        String first = probe.get("/api/v1/members?pageSize=20&memberLevel=" + d.levelIds[0] + "&shopId="
                + d.shopIds[0]);
        if (probe.connection.httpStatus != 200) {
            throw new IllegalStateException("probe answered " + probe.connection.httpStatus + ": " + first);
        }
        long filteredCount = Long.parseLong(field(first, "totalCount"));
        int deepFilteredPage = (int) Math.max(1, Math.min(1000, filteredCount / 20));

        List<Scenario> all = scenarios(d, deepFilteredPage);
        List<Scenario> chosen = all.stream().filter(s -> o.only.isEmpty() || o.only.contains(s.name())).toList();
        if (chosen.isEmpty()) {
            Options.usage("--only names none of: " + all.stream().map(Scenario::name).toList());
        }
        System.out.printf(
                "%s: %,d members (ids %d..%d), %d samples; %d clients, %s per scenario after %d warm-up requests%n",
                base, Long.parseLong(d.required("members")), d.memberIdMin, d.memberIdMax, d.samples.size(),
                o.clients, o.seconds > 0 ? o.seconds + " s" : o.requests + " requests", o.warmup);
        System.out.printf("a (level, shop) filter holds ~%,d members; the deep filtered page is %d%n%n",
                filteredCount, deepFilteredPage);
        System.out.println(header());

        List<Result> results = new ArrayList<>();
        SplittableRandom seeds = new SplittableRandom(o.seed);
        // Every scenario is warmed up before any is measured: the service's JIT compiles the code
        // they share while the first ones run, so measuring each right after its own warm-up
        // would charge the first scenarios with the compilation. A service in use runs warm.
        for (Scenario scenario : chosen) {
            run(o, base, d.apiKey, scenario, o.warmup, 0, seeds.split(), null);
        }
        for (Scenario scenario : chosen) {
            Result result = new Result(scenario);
            run(o, base, d.apiKey, scenario, o.requests, o.seconds, seeds.split(), result);
            results.add(result);
            System.out.println(line(result));
            for (String problem : result.problems) {
                System.out.println("      " + problem);
            }
        }
        long met = results.stream().filter(Result::met).count();
        System.out.printf("%n%d of %d scenarios met their p95 target without errors.%n", met, results.size());
        writeReport(o, base, d, results, deepFilteredPage);
        System.exit(met == results.size() ? 0 : 1);
    }

    /**
     * Runs {@code count} requests (or {@code seconds} of them) of one scenario across the clients. With
     * a null result it is a warm-up: nothing is kept.
     */
    static void run(Options o, String base, String apiKey, Scenario scenario, int count, int seconds,
            SplittableRandom seeds, Result result) throws InterruptedException {
        if (count == 0 && seconds == 0) {
            return;
        }
        AtomicInteger issued = new AtomicInteger();
        long deadline = seconds > 0 ? System.nanoTime() + seconds * 1_000_000_000L : Long.MAX_VALUE;
        List<long[]> perClient = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(o.clients);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < o.clients; c++) {
            SplittableRandom random = seeds.split();
            long[] samples = new long[seconds > 0 ? 1 << 16 : count];
            int index = c;
            perClient.add(samples);
            counts.add(0);
            Thread thread = new Thread(() -> {
                Client client = new Client(base, apiKey);
                int n = 0;
                long[] mine = samples;
                try {
                    start.await();
                    while (seconds > 0 ? System.nanoTime() < deadline : issued.getAndIncrement() < count) {
                        Call call = scenario.next().apply(random);
                        long t0 = System.nanoTime();
                        String outcome = client.call(call);
                        long elapsed = System.nanoTime() - t0;
                        if (result == null) {
                            continue;
                        }
                        if (outcome == null) {
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, mine.length * 2);
                            }
                            mine[n++] = elapsed;
                        } else {
                            (outcome.startsWith("wrong") ? wrong : errors).incrementAndGet();
                            if (result.problems.size() < 5) {
                                result.problems.add(outcome + "  <- " + call.path());
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    synchronized (perClient) {
                        perClient.set(index, mine);
                        counts.set(index, n);
                    }
                    done.countDown();
                }
            }, "client-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        long t0 = System.nanoTime();
        start.countDown();
        done.await();
        double wall = (System.nanoTime() - t0) / 1e9;
        if (result != null) {
            int total = counts.stream().mapToInt(Integer::intValue).sum();
            long[] all = new long[total];
            int at = 0;
            for (int c = 0; c < perClient.size(); c++) {
                System.arraycopy(perClient.get(c), 0, all, at, counts.get(c));
                at += counts.get(c);
            }
            Arrays.sort(all);
            result.nanos = all;
            result.errors = errors.get();
            result.wrong = wrong.get();
            result.seconds = wall;
        }
    }

    /** One keep-alive connection per client thread, as a till would hold. */
    static final class Client {
        private final HttpConnection connection;
        private final String host;
        private final int port;
        private final String apiKey;

        Client(String base, String apiKey) {
            URI uri = URI.create(base);
            this.host = uri.getHost();
            this.port = uri.getPort() < 0 ? 80 : uri.getPort();
            this.apiKey = apiKey;
            this.connection = new HttpConnection(host, port);
        }

        /** GETs {@code path}; the answer's status in {@link HttpConnection#httpStatus}, its body as text. */
        String get(String path) throws IOException {
            try {
                connection.exchange(HttpConnection.head("GET", host, port, path, apiKey, 0), new byte[0]);
            } catch (IOException e) {
                connection.close();
                throw e;
            }
            return connection.bodyText();
        }

        /** Null when the answer is a 200 holding what was expected; else what went wrong. */
        String call(Call call) {
            try {
                String body = get(call.path());
                if (connection.httpStatus != 200) {
                    return "HTTP " + connection.httpStatus + " " + snippet(body);
                }
                if (call.expect() != null && !body.contains(call.expect())) {
                    return "wrong: 200 without " + call.expect() + ": " + snippet(body);
                }
                return null;
            } catch (IOException e) {
                return "I/O " + e;
            }
        }

        static String snippet(String body) {
            return body.length() <= 160 ? body : body.substring(0, 160) + "…";
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(-?[0-9]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no \"" + name + "\" in " + Client.snippet(json));
        }
        return m.group(1);
    }

    // ------------------------------------------------------------------ output

    static String header() {
        return String.format("%-22s %7s %7s %5s %5s %8s %8s %8s %8s %8s  %s", "scenario", "target", "ok", "err",
                "wrong", "p50 ms", "p95 ms", "p99 ms", "max ms", "req/s", "p95 vs target");
    }

    static String line(Result r) {
        return String.format("%-22s %5.0fms %7d %5d %5d %8.2f %8.2f %8.2f %8.2f %8.1f  %s", r.scenario.name(),
                r.scenario.targetP95Millis(), r.nanos.length, r.errors, r.wrong, r.percentile(50), r.percentile(95),
                r.percentile(99), r.percentile(100), r.throughput(), r.met() ? "met" : "MISSED");
    }

    static void writeReport(Options o, String base, DataSet d, List<Result> results, int deepFilteredPage) {
        StringBuilder md = new StringBuilder();
        md.append("Read benchmark, ").append(Instant.now()).append(": ").append(base).append(", ")
                .append(String.format("%,d", Long.parseLong(d.required("members")))).append(" members, ")
                .append(o.clients).append(" clients, ")
                .append(o.seconds > 0 ? o.seconds + " s" : o.requests + " requests").append(" per scenario after ")
                .append(o.warmup).append(" warm-up requests; deep filtered page = ").append(deepFilteredPage)
                .append(".\n\n");
        md.append("| scenario | what | target p95 | ok | errors | wrong | p50 ms | p95 ms | p99 ms | max ms | req/s | |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Result r : results) {
            md.append(String.format("| %s | %s | %.0f ms | %d | %d | %d | %.2f | %.2f | %.2f | %.2f | %.1f | %s |%n",
                    r.scenario.name(), r.scenario.what(), r.scenario.targetP95Millis(), r.nanos.length, r.errors,
                    r.wrong, r.percentile(50), r.percentile(95), r.percentile(99), r.percentile(100), r.throughput(),
                    r.met() ? "met" : "**missed**"));
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
