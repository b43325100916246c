import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Card payment benchmark (op23, {@code POST /api/v1/card-payments}) over HTTP: closed-loop clients,
 * each a thread with its own keep-alive HTTP/1.1 connection, paying a fixed amount with a card
 * drawn at random from the funded data set (or always the hot card), every payment with a fresh
 * serial ({@code code}). Prints throughput, latency percentiles and the answers by business status.
 * Uses only the JDK: {@code bench/java.sh PaymentBench [options]}.
 *
 * <p>Input is the manifest written by {@code bench/load-members.sh --funded ...}: the cashier API
 * key, the card codes (card i has code 8800 + (i + 1) in 8 digits and secret "sec-" + code) and the
 * hot card. The HTTP client is {@link HttpConnection}, a plain socket.
 */
public class PaymentBench {

    // ------------------------------------------------------------------ options

    static final class Options {
        Path manifest = Path.of("bench/target/payment/dataset.properties");
        String baseUrl;
        List<Integer> clients = List.of(8, 32);
        List<String> cards = List.of("random", "hot");
        int seconds = 30;
        int warmup = 5;
        String money = "0.01";
        long seed = 11;
        String tag = "PB" + Long.toString(System.currentTimeMillis(), 36);
        Path report = Path.of("bench/target/payment/http-results.md");
        long servicePid = -1;
        long postmasterPid = -1;
        int clockTicks = 100;
        Path timeline;

        static Options parse(String[] args) {
            Options o = new Options();
            CommandLine.parse(args, Set.of(), (name, v) -> {
                switch (name) {
                    case "--manifest" -> o.manifest = Path.of(v);
                    case "--base-url" -> o.baseUrl = v.replaceAll("/+$", "");
                    case "--clients" -> o.clients = Arrays.stream(v.split("[, ]+")).map(Integer::parseInt).toList();
                    case "--cards" -> o.cards = Arrays.asList(v.split("[, ]+"));
                    case "--seconds" -> o.seconds = Integer.parseInt(v);
                    case "--warmup" -> o.warmup = Integer.parseInt(v);
                    case "--money" -> o.money = new java.math.BigDecimal(v).setScale(2).toPlainString();
                    case "--seed" -> o.seed = Long.parseLong(v);
                    case "--tag" -> o.tag = v;
                    case "--report" -> o.report = Path.of(v);
                    case "--service-pid" -> o.servicePid = Long.parseLong(v);
                    case "--postmaster-pid" -> o.postmasterPid = Long.parseLong(v);
                    case "--clock-ticks" -> o.clockTicks = Integer.parseInt(v);
                    case "--timeline" -> o.timeline = Path.of(v);
                    default -> usage("unknown option " + name);
                }
            }, Options::usage);
            if (o.clients.stream().anyMatch(c -> c < 1) || o.seconds < 1 || o.warmup < 0) {
                usage("clients and seconds must be positive");
            }
            for (String c : o.cards) {
                if (!c.equals("random") && !c.equals("hot")) {
                    usage("--cards takes random and/or hot, not " + c);
                }
            }
            return o;
        }

        static void usage(String problem) {
            if (problem != null) {
                System.err.println("error: " + problem);
            }
            System.err.println("""
                    usage: bench/java.sh PaymentBench [options]
                      --manifest FILE      the funded loader's manifest (default bench/target/payment/dataset.properties)
                      --base-url URL       service (default: the manifest's baseUrl)
                      --clients N[,M]      concurrent clients, one scenario each (default 8,32)
                      --cards random,hot   random: a card drawn uniformly from all funded cards but the hot one;
                                           hot: always the hot card (default both)
                      --seconds S          measured seconds per scenario (default 30)
                      --warmup S           unrecorded seconds first, on the same connections (default 5)
                      --money YUAN         amount of each payment (default 0.01)
                      --seed N             seed of the card choices (default 11)
                      --tag TEXT           serial prefix; serials are TAG-scenario-client-n (default PB + time)
                      --report FILE        also write the table as Markdown (default bench/target/payment/http-results.md)
                      --service-pid PID    also report the service JVM's CPU per payment (from /proc)
                      --postmaster-pid PID also report PostgreSQL's CPU per payment (postmaster and its children)
                      --clock-ticks N      /proc clock ticks per second (default 100: getconf CLK_TCK)
                      --timeline FILE      also write the successful payments of every second, warm-up included,
                                           as "second count serviceCpuMs stealMs" lines (of the last scenario):
                                           how the service warms up
                    Prints one "RESULT key=value ..." line per scenario for bench/payment-bench.sh.
                    """);
            System.exit(problem == null ? 0 : 2);
        }
    }

    // ------------------------------------------------------------------ the data set

    static final class DataSet {
        final Properties p = new Properties();
        final String apiKey;
        final int members;
        final String codePattern;
        final String secretPrefix;
        final String hotCode;
        final String hotSecret;

        DataSet(Path manifest) throws IOException {
            if (!Files.exists(manifest)) {
                throw new IllegalStateException(manifest
                        + " not found: load a funded data set first (bench/load-members.sh --funded ... --out "
                        + manifest + ")");
            }
            try (var reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
                p.load(reader);
            }
            apiKey = required("apiKey");
            members = Integer.parseInt(required("members"));
            codePattern = p.getProperty("cardCodePattern", "8800%08d");
            secretPrefix = p.getProperty("cardSecretPrefix", "sec-");
            hotCode = p.getProperty("hotCardCode");
            hotSecret = p.getProperty("hotCardSecret");
            if (p.getProperty("fundedYuan") == null) {
                System.err.println("warning: " + manifest + " is not from a --funded load: cards may lack money");
            }
        }

        String required(String key) {
            String value = p.getProperty(key);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("the manifest has no " + key);
            }
            return value.strip();
        }

        /** Card index i's code (0 is the hot card when there is one). */
        String code(int i) {
            return String.format(codePattern, i + 1);
        }
    }

    // ------------------------------------------------------------------ a minimal HTTP/1.1 client

    // ------------------------------------------------------------------ CPU from /proc

    /**
     * The service's CPU seconds and the machine's steal seconds at every whole second from
     * {@code start}, sampled by a daemon thread into row {@code second} (for the timeline: a cold
     * JVM's warm-up shows as CPU per payment falling, which the host's steal does not blur as it
     * blurs payments per second).
     */
    static Thread sampleEverySecond(Cpu cpu, long start, double[][] samples) {
        Thread sampler = new Thread(() -> {
            try {
                for (int second = 0; second < samples.length; second++) {
                    sleepUntil(start + second * 1_000_000_000L);
                    samples[second] = new double[] {cpu.sample()[0], Cpu.steal() / (double) cpu.o.clockTicks};
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
        return sampler;
    }

    /**
     * CPU seconds of the service JVM, of PostgreSQL (postmaster, its children, and its reaped children),
     * of this process, and of the whole machine (/proc/stat: user, nice, system, irq, softirq), so
     * that what other processes took during a run shows.
     */
    static final class Cpu {
        final Options o;

        Cpu(Options o) {
            this.o = o;
        }

        double[] sample() {
            return new double[] {
                o.servicePid > 0 ? ticks(o.servicePid, false) / (double) o.clockTicks : Double.NaN,
                o.postmasterPid > 0 ? postgres() / (double) o.clockTicks : Double.NaN,
                ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                                .getProcessCpuTime() / 1e9,
                machine() / (double) o.clockTicks
            };
        }

        static long steal() {
            try {
                return Long.parseLong(Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+")[8]);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        private static long machine() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                // cpu user nice system idle iowait irq softirq steal ...
                return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                        + Long.parseLong(f[7]);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        private long postgres() {
            long total = ticks(o.postmasterPid, true);
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path proc : procs) {
                    String[] f = fields(proc.resolve("stat"));
                    if (f != null && Long.parseLong(f[1]) == o.postmasterPid) {
                        total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                }
            } catch (IOException e) {
                return -1;
            }
            return total;
        }

        private static long ticks(long pid, boolean withChildren) {
            String[] f = fields(Path.of("/proc", Long.toString(pid), "stat"));
            if (f == null) {
                return 0;
            }
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return withChildren ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
        }

        /** The fields after "(comm)": [0] state, [1] ppid, ... [11] utime, [12] stime, [13] cutime, [14] cstime. */
        private static String[] fields(Path stat) {
            try {
                String s = Files.readString(stat);
                return s.substring(s.lastIndexOf(')') + 2).split(" ");
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    // ------------------------------------------------------------------ running

    /** What one scenario measured. */
    static final class Result {
        final String cards;
        final int clients;
        long[] nanos = new long[0];
        long ok;
        double seconds;
        final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
        final Map<String, String> examples = new ConcurrentHashMap<>();
        double cpuService = Double.NaN;
        double cpuPostgres = Double.NaN;
        double cpuClient = Double.NaN;
        double cpuMachine = Double.NaN;

        Result(String cards, int clients) {
            this.cards = cards;
            this.clients = clients;
        }

        double percentile(double p) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            // nearest rank: the smallest value with at least p of the samples at or below it
            int rank = (int) Math.ceil(p / 100.0 * nanos.length);
            return nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))] / 1e6;
        }

        /** Successful payments (business status 200) per second. */
        double tps() {
            return seconds == 0 ? 0 : ok / seconds;
        }

        long errors() {
            return nanos.length - ok;
        }

        /** Answers other than 200, as "605:3,I/O:1"; empty when there were none. */
        String errorText() {
            StringBuilder s = new StringBuilder();
            new TreeMap<>(answers).forEach((k, v) -> {
                if (!k.equals("200")) {
                    s.append(s.length() > 0 ? "," : "").append(k).append(':').append(v.get());
                }
            });
            return s.toString();
        }

        double perPayment(double cpuSeconds) {
            return ok == 0 ? Double.NaN : cpuSeconds * 1000 / ok;
        }

        /** Cores other processes kept busy on average (NaN without both pids). */
        double otherCores() {
            return (cpuMachine - cpuService - cpuPostgres - cpuClient) / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        DataSet d = new DataSet(o.manifest);
        URI base = URI.create(o.baseUrl != null ? o.baseUrl : d.required("baseUrl"));
        String host = base.getHost();
        int port = base.getPort() > 0 ? base.getPort() : 80;
        if (o.cards.contains("hot") && d.hotCode == null) {
            throw new IllegalStateException("the manifest names no hot card (load with --funded)");
        }
        probe(o, d, host, port);

        System.out.printf("%s: %,d funded cards (%s yuan each), hot card %s (%s yuan); %s yuan per payment;"
                        + " %d s warm-up + %d s per scenario%n%n",
                base, d.members, d.p.getProperty("fundedYuan", "?"), d.hotCode, d.p.getProperty("hotCardYuan", "?"),
                o.money, o.warmup, o.seconds);
        System.out.println(header());
        List<Result> results = new ArrayList<>();
        SplittableRandom seeds = new SplittableRandom(o.seed);
        int scenario = 0;
        for (String cards : o.cards) {
            for (int clients : o.clients) {
                Result r = run(o, d, host, port, cards, clients, scenario++, seeds.split());
                results.add(r);
                System.out.println(line(r));
                r.examples.forEach((k, v) -> System.out.println("      " + k + ": " + v));
                System.out.println(resultLine(r));
            }
        }
        writeReport(o, base.toString(), d, results);
    }

    /** One payment before anything else, so a wrong key or an unfunded card stops the run at once. */
    static void probe(Options o, DataSet d, String host, int port) throws IOException {
        HttpConnection c = new HttpConnection(host, port);
        try {
            c.exchange(head(host, port, d.apiKey, 2), "{}".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // an empty request fails validation (400); only the connection and the key matter here
            throw new IOException("cannot reach the service at " + host + ":" + port + ": " + e.getMessage(), e);
        } finally {
            c.close();
        }
        if (c.httpStatus == 401) {
            throw new IllegalStateException("the service refused the manifest's API key (401)");
        }
    }

    static byte[] head(String host, int port, String apiKey, int length) {
        return HttpConnection.head("POST", host, port, "/api/v1/card-payments", apiKey, length);
    }

    /**
     * Runs one scenario: every client pays in a closed loop, first {@code warmup} seconds unrecorded,
     * then {@code seconds} recorded. A request counts in the window it was sent in.
     */
    static Result run(Options o, DataSet d, String host, int port, String cards, int clients, int scenario,
            SplittableRandom seeds) throws InterruptedException {
        Result result = new Result(cards, clients);
        long start = System.nanoTime() + 200_000_000L;
        long measureFrom = start + o.warmup * 1_000_000_000L;
        long measureTo = measureFrom + o.seconds * 1_000_000_000L;
        List<long[]> perClient = new ArrayList<>();
        AtomicLongArray perSecond = new AtomicLongArray(o.warmup + o.seconds + 2);
        int[] counts = new int[clients];
        long[] oks = new long[clients];
        CountDownLatch done = new CountDownLatch(clients);
        // the hot card is index 0; random cards are the others
        int lowest = d.hotCode != null ? 1 : 0;
        for (int c = 0; c < clients; c++) {
            SplittableRandom random = seeds.split();
            int index = c;
            perClient.add(new long[1 << 15]);
            Thread thread = new Thread(() -> {
                HttpConnection connection = new HttpConnection(host, port);
                long[] mine = perClient.get(index);
                int n = 0;
                long good = 0;
                long serial = 0;
                try {
                    while (System.nanoTime() < start) {
                        Thread.onSpinWait();
                    }
                    for (long sent = System.nanoTime(); sent < measureTo; sent = System.nanoTime()) {
                        String code;
                        String secret;
                        if (cards.equals("hot")) {
                            code = d.hotCode;
                            secret = d.hotSecret;
                        } else {
                            code = d.code(lowest + random.nextInt(d.members - lowest));
                            secret = d.secretPrefix + code;
                        }
                        String body = "{\"cardCode\":\"" + code + "\",\"mac\":\"" + secret + "\",\"money\":" + o.money
                                + ",\"code\":\"" + o.tag + "-" + scenario + "-" + index + "-" + serial++ + "\"}";
                        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
                        byte[] head = head(host, port, d.apiKey, payload.length);
                        String outcome;
                        long t0 = System.nanoTime();
                        try {
                            connection.exchange(head, payload);
                            int business = connection.businessStatus();
                            outcome = business > 0 ? Integer.toString(business) : "HTTP " + connection.httpStatus;
                        } catch (IOException e) {
                            connection.close();
                            outcome = "I/O " + e.getClass().getSimpleName();
                        }
                        long elapsed = System.nanoTime() - t0;
                        if (outcome.equals("200")) {
                            perSecond.incrementAndGet((int) ((t0 + elapsed - start) / 1_000_000_000L));
                        }
                        if (t0 < measureFrom) {
                            continue;
                        }
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, mine.length * 2);
                        }
                        mine[n++] = elapsed;
                        if (outcome.equals("200")) {
                            good++;
                        } else {
                            result.answers.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                            if (result.examples.size() < 5) {
                                result.examples.putIfAbsent(outcome,
                                        outcome.startsWith("I/O") ? "(no answer)" : snippet(connection.bodyText()));
                            }
                        }
                    }
                } finally {
                    connection.close();
                    synchronized (perClient) {
                        perClient.set(index, mine);
                        counts[index] = n;
                        oks[index] = good;
                    }
                    done.countDown();
                }
            }, "client-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        Cpu cpu = new Cpu(o);
        double[][] perSecondCpu = new double[o.warmup + o.seconds + 1][];
        Thread cpuSampler = o.timeline != null ? sampleEverySecond(cpu, start, perSecondCpu) : null;
        sleepUntil(measureFrom);
        double[] before = cpu.sample();
        sleepUntil(measureTo);
        double[] after = cpu.sample();
        done.await();
        synchronized (perClient) {
            int total = Arrays.stream(counts).sum();
            long[] all = new long[total];
            int at = 0;
            for (int c = 0; c < clients; c++) {
                System.arraycopy(perClient.get(c), 0, all, at, counts[c]);
                at += counts[c];
            }
            Arrays.sort(all);
            result.nanos = all;
            result.ok = Arrays.stream(oks).sum();
        }
        if (result.ok > 0) {
            result.answers.put("200", new AtomicLong(result.ok));
        }
        result.seconds = o.seconds;
        result.cpuService = after[0] - before[0];
        result.cpuPostgres = after[1] - before[1];
        result.cpuClient = after[2] - before[2];
        result.cpuMachine = after[3] - before[3];
        if (o.timeline != null) {
            cpuSampler.join();
            StringBuilder lines = new StringBuilder();
            for (int second = 0; second < o.warmup + o.seconds; second++) {
                // then the service's CPU and the machine's steal in that second, ms (NaN: no --service-pid)
                lines.append(second).append(' ').append(perSecond.get(second))
                        .append(String.format(Locale.ROOT, " %.0f %.0f%n",
                                (perSecondCpu[second + 1][0] - perSecondCpu[second][0]) * 1000,
                                (perSecondCpu[second + 1][1] - perSecondCpu[second][1]) * 1000));
            }
            try {
                Files.writeString(o.timeline, lines);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return result;
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            Thread.sleep(Math.max(1, left / 1_000_000), 0);
        }
    }

    static String snippet(String body) {
        return body.length() <= 160 ? body : body.substring(0, 160) + "…";
    }

    // ------------------------------------------------------------------ output

    static String header() {
        return String.format("%-7s %7s %8s %9s %8s %8s %8s %8s  %-22s %s", "cards", "clients", "ok", "pay/s",
                "p50 ms", "p95 ms", "p99 ms", "max ms", "other answers",
                "CPU ms/payment: client service postgres; other processes, cores");
    }

    static String line(Result r) {
        return String.format("%-7s %7d %8d %9.1f %8.2f %8.2f %8.2f %8.2f  %-22s %.3f %.3f %.3f; %.2f", r.cards,
                r.clients, r.ok, r.tps(), r.percentile(50), r.percentile(95), r.percentile(99), r.percentile(100),
                r.errorText().isEmpty() ? "none" : r.errorText(), r.perPayment(r.cpuClient),
                r.perPayment(r.cpuService), r.perPayment(r.cpuPostgres), r.otherCores());
    }

    /** For bench/payment-bench.sh: one line of key=value pairs, no spaces inside values. */
    static String resultLine(Result r) {
        return String.format(java.util.Locale.ROOT,
                "RESULT cards=%s clients=%d seconds=%.1f requests=%d ok=%d tps=%.1f p50=%.2f p95=%.2f p99=%.2f"
                        + " max=%.2f errors=%d answers=%s cpu_client=%.3f cpu_service=%.3f cpu_postgres=%.3f"
                        + " other_cores=%.2f",
                r.cards, r.clients, r.seconds, r.nanos.length, r.ok, r.tps(), r.percentile(50), r.percentile(95),
                r.percentile(99), r.percentile(100), r.errors(), r.errorText().isEmpty() ? "-" : r.errorText().replace(' ', '_'),
                r.perPayment(r.cpuClient), r.perPayment(r.cpuService), r.perPayment(r.cpuPostgres), r.otherCores());
    }

    static void writeReport(Options o, String base, DataSet d, List<Result> results) {
        StringBuilder md = new StringBuilder();
        md.append("Card payment benchmark over HTTP, ").append(Instant.now()).append(": ").append(base).append(", ")
                .append(String.format("%,d", d.members)).append(" funded cards, ").append(o.money)
                .append(" yuan per payment, ").append(o.warmup).append(" s warm-up + ").append(o.seconds)
                .append(" s per scenario.\n\n");
        md.append("| cards | clients | payments | pay/s | p50 ms | p95 ms | p99 ms | max ms | other answers |"
                + " CPU ms/payment client | service | postgres | other processes, cores |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|\n");
        for (Result r : results) {
            md.append(String.format("| %s | %d | %d | %.1f | %.2f | %.2f | %.2f | %.2f | %s | %.3f | %.3f | %.3f | %.2f |%n",
                    r.cards, r.clients, r.ok, r.tps(), r.percentile(50), r.percentile(95), r.percentile(99),
                    r.percentile(100), r.errorText().isEmpty() ? "none" : r.errorText(), r.perPayment(r.cpuClient),
                    r.perPayment(r.cpuService), r.perPayment(r.cpuPostgres), r.otherCores()));
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
