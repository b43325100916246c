import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads a benchmark data set into a running membercard service: the tenant "基准商户" with its shops,
 * levels, card classes and a cashier API key through the HTTP API (so they are exactly what the
 * service would create), then members and their cards straight into PostgreSQL with COPY (the
 * API would take hours for a million members).
 *
 * <p>Every row is a pure function of its index and the seed, so any worker can produce any chunk
 * and the manifest's samples can be regenerated without keeping the data set in memory.
 *
 * <p>Run through {@code bench/load-members.sh}, which puts the PostgreSQL driver on the class path.
 */
public class LoadMembers {

    // ------------------------------------------------------------------ options

    static final class Options {
        String baseUrl = "http://localhost:8080";
        int dbPort = -1;
        String dbHost = "127.0.0.1";
        /** The schema's owner: COPY into every table, reserving id blocks, VACUUM (--db-user). */
        String dbUser = "membercard_owner";
        /** --db-password, else PGPASSWORD, else the user's line in DATA_DIR/postgres.pgpass. */
        String dbPassword = System.getenv("PGPASSWORD");
        Path dataDir;
        /**
         * Sharded mode: the nodes' ports (DATA_DIR/node-<i>, as bench/shard-nodes.sh starts them); the
         * tenant is loaded into its node, which the placement directory on node 0 names.
         */
        final List<Integer> nodePorts = new ArrayList<>();
        String secretKey = System.getenv("MEMBERCARD_SECRET_KEY");
        int members = 1_000_000;
        String adminUsername = "admin";
        String adminPassword = "admin-pass";
        String tenantName = "基准商户";
        int workers = 2;
        int chunk = 10_000;
        int samples = 2_000;
        long seed = 20240601L;
        Path out = Path.of("bench/target/dataset.properties");
        boolean vacuum = true;
        boolean money = true;
        /** Fen each card is funded with through the ledger (--funded); 0: the default money columns. */
        long fundedFen = 0;
        /** Fen of the hot card, the first one (--hot-card). */
        long hotFen = 100_000_000L;
        /** Bills in all, opening balances included (--bills): a year of business, see BillHistory. */
        long bills = 0;
        /** Bills of each heavy shop-day (--heavy-bills) and how many shops have one yesterday (--heavy-shops). */
        int heavyBills = 20_000;
        int heavyShops = 3;

        static Options parse(String[] args) {
            Options o = new Options();
            CommandLine.parse(args, Set.of("--no-vacuum", "--no-money"), (name, v) -> {
                switch (name) {
                    case "--no-vacuum" -> o.vacuum = false;
                    case "--no-money" -> o.money = false;
                    case "--base-url" -> o.baseUrl = v.replaceAll("/+$", "");
                    case "--db-port" -> o.dbPort = Integer.parseInt(v);
                    case "--db-host" -> o.dbHost = v;
                    case "--db-user" -> o.dbUser = v;
                    case "--db-password" -> o.dbPassword = v;
                    case "--data-dir" -> o.dataDir = Path.of(v);
                    case "--secret-key" -> o.secretKey = v;
                    case "--members" -> o.members = Integer.parseInt(v.replace("_", ""));
                    case "--admin-username" -> o.adminUsername = v;
                    case "--admin-password" -> o.adminPassword = v;
                    case "--tenant-name" -> o.tenantName = v;
                    case "--workers" -> o.workers = Integer.parseInt(v);
                    case "--chunk" -> o.chunk = Integer.parseInt(v);
                    case "--samples" -> o.samples = Integer.parseInt(v);
                    case "--seed" -> o.seed = Long.parseLong(v);
                    case "--out" -> o.out = Path.of(v);
                    case "--funded" -> o.fundedFen = fen(v);
                    case "--hot-card" -> o.hotFen = fen(v);
                    case "--bills" -> o.bills = Long.parseLong(v.replace("_", ""));
                    case "--heavy-bills" -> o.heavyBills = Integer.parseInt(v.replace("_", ""));
                    case "--heavy-shops" -> o.heavyShops = Integer.parseInt(v);
                    default -> usage("unknown option " + name);
                }
            }, Options::usage);
            if (o.dbPort <= 0 && o.dataDir != null) {
                o.dbPort = postmasterPort(o.dataDir);
                for (int node = 0; o.dbPort <= 0 && Files.isDirectory(o.dataDir.resolve("node-" + node)); node++) {
                    o.nodePorts.add(postmasterPort(o.dataDir.resolve("node-" + node)));
                }
                if (!o.nodePorts.isEmpty() && !o.nodePorts.contains(-1)) {
                    o.dbPort = o.nodePorts.get(0); // the directory's node; the tenant's comes after the set-up
                }
            }
            if (o.dbPort <= 0) {
                usage("--db-port is required (the log prints \"Embedded PostgreSQL on port N\")");
            }
            if (o.dbPassword == null && o.dataDir != null) {
                o.dbPassword = pgpassPassword(o.dataDir, o.dbUser);
            }
            if (o.dbPassword == null) {
                usage("no password for " + o.dbUser + ": --data-dir (its postgres.pgpass), --db-password or PGPASSWORD");
            }
            if (o.dataDir == null && (o.secretKey == null || o.secretKey.isBlank())) {
                usage("--data-dir (holding card-secret.key) or --secret-key / MEMBERCARD_SECRET_KEY is required");
            }
            if (o.fundedFen > 0) {
                o.money = false;
            }
            if (o.bills > 0 && !o.nodePorts.isEmpty()) {
                usage("--bills: single-node mode only (its id blocks are not interleaved across nodes)");
            }
            if (o.bills > 0 && o.fundedFen > 0) {
                usage("--bills and --funded are two different data sets");
            }
            if (o.heavyShops > 20) {
                usage("--heavy-shops: at most the 20 shops");
            }
            return o;
        }

        /** Yuan (up to 2 decimals) as fen. */
        static long fen(String yuan) {
            long fen = new java.math.BigDecimal(yuan.replace("_", "")).movePointRight(2).longValueExact();
            if (fen <= 0) {
                usage("an amount must be positive: " + yuan);
            }
            return fen;
        }

        /** The running embedded server's port: line 4 of its postmaster.pid. */
        static int postmasterPort(Path dataDir) {
            Path pid = dataDir.resolve("postgres").resolve("postmaster.pid");
            try {
                List<String> lines = Files.readAllLines(pid);
                return lines.size() >= 4 ? Integer.parseInt(lines.get(3).strip()) : -1;
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
        }

        /** The embedded server's generated password of a role: its line in DATA_DIR/postgres.pgpass. */
        static String pgpassPassword(Path dataDir, String user) {
            try {
                for (String line : Files.readAllLines(dataDir.resolve("postgres.pgpass"))) {
                    String[] fields = line.split(":", 5);
                    if (!line.startsWith("#") && fields.length == 5 && fields[3].equals(user)) {
                        return fields[4];
                    }
                }
            } catch (IOException e) {
                // no file: the caller asks for the password another way
            }
            return null;
        }

        static void usage(String problem) {
            if (problem != null) {
                System.err.println("error: " + problem);
            }
            System.err.println("""
                    usage: bench/load-members.sh --data-dir DIR [--db-port N] [options]
                      --base-url URL         service (default http://localhost:8080)
                      --data-dir DIR         the service's MEMBERCARD_DATA_DIR: card-secret.key, and the
                                             database port from postgres/postmaster.pid; sharded mode
                                             (bench/shard-nodes.sh on the same DIR): the nodes' ports from
                                             node-<i>/postgres/postmaster.pid, and the tenant loaded into
                                             its node (tenant_placement on node 0)
                      --db-port N            the embedded PostgreSQL's port, if not from --data-dir
                      --db-user U            database role (default membercard_owner: the schema's owner)
                      --db-password P        its password (default: PGPASSWORD, else its line in
                                             DATA_DIR/postgres.pgpass, the embedded server's generated passwords)
                      --secret-key BASE64    the HMAC key instead (default: MEMBERCARD_SECRET_KEY)
                      --members N            members to load (default 1000000)
                      --admin-username U     platform administrator (default admin)
                      --admin-password P     (default admin-pass)
                      --workers N            parallel COPY connections (default 2)
                      --chunk N              members per transaction (default 10000)
                      --samples N            rows sampled into the manifest (default 2000)
                      --seed N               data seed (default 20240601)
                      --out FILE             manifest (default bench/target/dataset.properties)
                      --no-vacuum            ANALYZE only, skip VACUUM after loading
                      --no-money             cards without money or points (as an empty ledger has them)
                      --funded YUAN          every card normal and funded with YUAN of real money by one
                                             RECHARGE through the ledger (bill, ledger entry, payment record,
                                             all by COPY): the data set reconciles (payment benchmark)
                      --hot-card YUAN        with --funded: the first card's recharge (default 1000000)
                      --bills N              about N bills in all (opening balances included): a year of
                                             recharges, card payments, refunds and gift redemptions on the
                                             cards, over the shops and their cashiers (3 per shop, created
                                             through the API with 4 recharge plans and 4 gifts), every card
                                             reconciling with its entries and points lots (issue 12)
                      --heavy-bills N        with --bills: the bills of each heavy shop-day (default 20000),
                                             yesterday, on the first --heavy-shops shops (default 3)
                    """);
            System.exit(problem == null ? 0 : 2);
        }
    }

    // ------------------------------------------------------------------ the data

    /** Roughly by frequency: the first ones are drawn most often (see {@link Weighted}). */
    static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
            + "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

    /** Common characters of given names, also roughly by frequency; repeats are dropped. */
    static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰华玉萍红建文辉力国鹏宇浩凯俊峰波斌宁晨阳博鑫欣怡雪琳婷"
            + "慧颖佳梅丹莉倩晶燕玲琴云凤洁蓉薇菲璐瑶悦晓思雨嘉子涵轩梓睿泽昊然一诺依可心安若语萱彤馨妍琪晗铭宸皓煜辰逸航哲瀚霖"
            + "旭毅锐坤振鸿志家豪天龙海林山春秋冬东南成德福贵荣祥瑞兴旺发财宝金银珍珠翠青蓝紫彩虹光亮星月日晖朗清洪江河湖源泉溪"
            + "森松柏桦竹菊荷莲芬香美娇媛婉婕姗娅妮婧嫣娴惠捷聪智贤良善仁义礼信忠孝勤诚实正直毅坚武威雄英健康和谐乐欢喜庆祺琦琛"
            + "瑜璇瑾璋珏玥琰昕昱晟曦炜烨熙焕炎灿淼品彬彪飞鹤鹰凌霄岚峻岩崇嵩巍昌盛茂蔚蕾芸芝苗蓓萌茜莎菁荣华丰年永长久远达通"
            + "顺利新立树本根基业守卫保护传承继续先进步登攀高升腾跃越超群卓伦理论书画琴棋诗词歌赋墨砚笔章程序方圆规矩"
            + "亚楠帆舟渊泓澜沛淑婵娥媚嫦姣娥怀念恩情谊友朋宾客";

    record Person(
            long memberId,
            long cardId,
            String memberCode,
            String name,
            int sex,
            LocalDate birthday,
            String phone,
            int level,
            int shop,
            int cardClass,
            String cardCode,
            int status,
            long effectiveEpochSecond,
            long actualRechargeFen,
            long giveRechargeFen,
            long actualExpenseFen,
            long giveExpenseFen,
            long totalPoints,
            long usedPoints) {

        String secret() {
            return "sec-" + cardCode;
        }

        long actualBalanceFen() {
            return actualRechargeFen - actualExpenseFen;
        }

        long giveBalanceFen() {
            return giveRechargeFen - giveExpenseFen;
        }

        long balanceFen() {
            return actualBalanceFen() + giveBalanceFen();
        }

        long actualPoints() {
            return totalPoints - usedPoints;
        }
    }

    /** Draws index i with weight 1/(i+offset): a gentle Zipf, so common names repeat like real ones. */
    static final class Weighted {
        final String[] items;
        final double[] cumulative;

        Weighted(String chars, double offset) {
            LinkedHashSet<String> distinct = new LinkedHashSet<>();
            chars.codePoints().forEach(cp -> distinct.add(new String(Character.toChars(cp))));
            items = distinct.toArray(String[]::new);
            cumulative = new double[items.length];
            double sum = 0;
            for (int i = 0; i < items.length; i++) {
                sum += 1.0 / (i + offset);
                cumulative[i] = sum;
            }
            for (int i = 0; i < items.length; i++) {
                cumulative[i] /= sum;
            }
        }

        String draw(SplittableRandom random) {
            int at = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
            return items[Math.min(at < 0 ? -at - 1 : at, items.length - 1)];
        }
    }

    /** 29 mobile prefixes of mainland operators; with 8 more digits they give 11-digit numbers. */
    static final int[] PHONE_PREFIXES = {
        130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 150, 151, 152, 153, 155, 156, 157, 158, 159, 180, 181, 182,
        183, 184, 185, 186, 187, 188, 189
    };
    static final long PHONE_SPACE = PHONE_PREFIXES.length * 100_000_000L;
    /**
     * A prime sharing no factor with PHONE_SPACE (29 * 2^8 * 5^8), so i -> i*A+B mod SPACE is a bijection:
     * unique numbers without a set to check against. Its size scatters neighbours over prefixes and digits.
     */
    static final long PHONE_MULTIPLIER = 2_654_435_761L;

    static final long THREE_YEARS = 3L * 365 * 24 * 3600;

    /** The rows of one data set: ids, codes and the start of time are fixed by the run. */
    static final class DataSet {
        final long seed;
        final int size;
        final long firstMemberId;
        final long firstCardId;
        final long firstCodeNumber;
        /**
         * The sequences' increment, from which every id and number block is taken: 1, or N on a node of
         * the sharded mode, whose sequences issue only every Nth value (the service's NodeSequences).
         */
        final long step;
        final long startEpochSecond;
        final long phoneOffset;
        final Weighted surnames = new Weighted(SURNAMES, 3);
        final Weighted given = new Weighted(GIVEN, 8);

        final boolean money;
        /** --funded: the recharge of every card (fen) and the hot card's. */
        long fundedFen;
        long hotFen;
        /** The ledger's id blocks: row i's bill, entry, payment record (--funded) or points lot is first + i. */
        long firstBillId;
        long firstEntryId;
        long firstRecordId;
        long firstLotId;
        long firstBillNo;

        DataSet(long seed, int size, long firstMemberId, long firstCardId, long firstCodeNumber, long step,
                long nowEpochSecond, boolean money) {
            this.seed = seed;
            this.money = money;
            this.size = size;
            this.firstMemberId = firstMemberId;
            this.firstCardId = firstCardId;
            this.firstCodeNumber = firstCodeNumber;
            this.step = step;
            this.startEpochSecond = nowEpochSecond - THREE_YEARS;
            this.phoneOffset = Math.floorMod(new SplittableRandom(seed).nextLong(), PHONE_SPACE);
        }

        /** Value i of a block reserved from a sequence (first one 0). */
        long nth(long first, int i) {
            return first + i * step;
        }

        /** Which row of the data set a person is. */
        int index(Person p) {
            return (int) ((p.cardId - firstCardId) / step);
        }

        Person person(int i) {
            // one generator per row, seeded by the row: rows do not depend on the order they are made in
            SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
            String name = surnames.draw(r) + given.draw(r) + (r.nextInt(100) < 75 ? given.draw(r) : "");
            int sex = r.nextInt(100) < 4 ? 0 : 1 + r.nextInt(2);
            LocalDate birthday = r.nextInt(100) < 80
                    ? LocalDate.of(1955, 1, 1).plusDays(r.nextInt(365 * 50))
                    : null;
            long x = Math.floorMod(i * PHONE_MULTIPLIER + phoneOffset, PHONE_SPACE);
            String phone = PHONE_PREFIXES[(int) (x / 100_000_000L)] + String.format("%08d", x % 100_000_000L);
            // members joined over three years in id order (as they would have), give or take half a day
            long effective = startEpochSecond + (THREE_YEARS * i) / size + r.nextLong(-43_200, 43_200);
            effective = Math.min(effective, startEpochSecond + THREE_YEARS - 1);

            int status = 1;
            int roll = r.nextInt(1000);
            if (roll < 20) {
                status = 2; // lost
            } else if (roll < 25) {
                status = 3; // void
            }
            long actualRecharge = 0, giveRecharge = 0, actualExpense = 0, giveExpense = 0;
            // void cards hold nothing (op36 refuses to void a card with real balance)
            if (money && status != 3 && r.nextInt(100) < 65) {
                actualRecharge = 100_00L * (1 + r.nextInt(50)); // 100 to 5,000 yuan in fen
                int[] givePercent = {0, 0, 5, 10, 20};
                giveRecharge = actualRecharge * givePercent[r.nextInt(givePercent.length)] / 100;
                actualExpense = r.nextLong(actualRecharge + 1);
                giveExpense = giveRecharge == 0 ? 0 : r.nextLong(giveRecharge + 1);
            }
            // a point per yuan spent (pointsBasic 1), some of them used
            long totalPoints = (actualExpense + giveExpense) / 100;
            long usedPoints = totalPoints == 0 ? 0 : r.nextLong(totalPoints / 2 + 1);
            if (fundedFen > 0) {
                // payment benchmark: every card usable, holding one recharge of real money and nothing else
                status = 1;
                actualRecharge = i == 0 ? hotFen : fundedFen;
            }
            return new Person(
                    nth(firstMemberId, i),
                    nth(firstCardId, i),
                    String.format("M%08d", nth(firstCodeNumber, i)),
                    name,
                    sex,
                    birthday,
                    phone,
                    r.nextInt(5),
                    r.nextInt(20),
                    r.nextInt(5),
                    String.format("8800%08d", i + 1),
                    status,
                    effective,
                    actualRecharge,
                    giveRecharge,
                    actualExpense,
                    giveExpense,
                    totalPoints,
                    usedPoints);
        }
    }

    // ------------------------------------------------------------------ main

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        long started = System.nanoTime();
        byte[] key = hmacKey(o);

        System.out.printf("Setting up tenant \"%s\" through %s ...%n", o.tenantName, o.baseUrl);
        Setup setup = Setup.create(o);
        BillHistory history = null;
        System.out.printf(
                "  tenant %d, %d shops, %d levels, %d card classes, API key %s…%n",
                setup.tenantId,
                setup.shopIds.size(),
                setup.levelIds.size(),
                setup.classIds.size(),
                setup.apiKey.substring(0, 8));

        if (!o.nodePorts.isEmpty()) {
            int node = placement(o, setup.tenantId);
            o.dbPort = o.nodePorts.get(node);
            System.out.printf("  sharded: %d nodes, the tenant on node %d (port %d)%n", o.nodePorts.size(), node,
                    o.dbPort);
        }
        String url = "jdbc:postgresql://" + o.dbHost + ":" + o.dbPort + "/membercard";
        DataSet data;
        try (Connection c = DriverManager.getConnection(url, o.dbUser, o.dbPassword)) {
            c.setAutoCommit(true);
            long step = increment(c, "pg_get_serial_sequence('public.card', 'id')");
            // Reserve blocks of member ids, card ids and member numbers up front, so the service's own
            // inserts (identity columns, member_code_seq) continue after the loaded rows, never into them.
            long firstMember = reserve(c, "pg_get_serial_sequence('public.member', 'id')", o.members);
            long firstCard = reserve(c, "pg_get_serial_sequence('public.card', 'id')", o.members);
            long firstCode = reserve(c, "'public.member_code_seq'", o.members);
            long now = Instant.now().getEpochSecond();
            data = new DataSet(o.seed, o.members, firstMember, firstCard, firstCode, step, now, o.money);
            if (o.bills > 0) {
                // the history reserves each chunk's ledger ids itself, once it knows how many it has
                history = new BillHistory(o.seed, o.members, setup.catalogue(),
                        LocalDate.ofInstant(Instant.ofEpochSecond(now), SHANGHAI), o.bills, o.heavyBills,
                        o.heavyShops, o.money);
            } else if (o.fundedFen > 0 || o.money) {
                // at most one bill and ledger entry per card (--funded: a recharge and its payment record;
                // else: an opening balance and its points lot); bill numbers from bill_no_seq
                data.fundedFen = o.fundedFen;
                data.hotFen = o.hotFen;
                data.firstBillId = reserve(c, "pg_get_serial_sequence('public.bill', 'id')", o.members);
                data.firstEntryId = reserve(c, "pg_get_serial_sequence('public.ledger_entry', 'id')", o.members);
                if (o.fundedFen > 0) {
                    data.firstRecordId =
                            reserve(c, "pg_get_serial_sequence('public.payment_record', 'id')", o.members);
                } else {
                    data.firstLotId = reserve(c, "pg_get_serial_sequence('public.points_lot', 'id')", o.members);
                }
                data.firstBillNo = reserve(c, "'public.bill_no_seq'", o.members);
            }
        }

        long loadStarted = System.nanoTime();
        long[] kinds = load(o, url, setup, data, history);
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
        System.out.printf("  COPY done in %.1f s%n", loadSeconds);

        long finishStarted = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, o.dbUser, o.dbPassword);
                Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            int folded = fold(s);
            System.out.printf("  folded %d member-total deltas%n", folded);
            s.execute("set maintenance_work_mem = '256MB'");
            // VACUUM also sets the visibility map (index-only scans) and empties the GIN pending lists,
            // which autovacuum would otherwise do in the middle of a benchmark.
            String verb = o.vacuum ? "vacuum (analyze)" : "analyze";
            List<String> tables = new ArrayList<>(List.of("member", "card", "member_totals_delta", "member_totals"));
            if (history != null) {
                tables.addAll(List.of(
                        "bill", "ledger_entry", "payment_record", "payment_refund", "points_lot", "points_lot_use"));
            } else if (o.fundedFen > 0) {
                tables.addAll(List.of("bill", "ledger_entry", "payment_record"));
            } else if (o.money) {
                tables.addAll(List.of("bill", "ledger_entry", "points_lot"));
            }
            for (String table : tables) {
                s.execute(verb + " " + table);
            }
            System.out.printf("  %s in %.1f s%n", verb, (System.nanoTime() - finishStarted) / 1e9);
            verify(s, setup.tenantId, o.members);
            if (o.fundedFen > 0) {
                verifyRecharges(s, setup.tenantId, o.members);
            }
            verifyLedger(s, setup.tenantId);
        }

        if (history != null) {
            StringBuilder mix = new StringBuilder();
            for (BillHistory.Kind kind : BillHistory.Kind.values()) {
                mix.append(String.format(" %s %,d", kind, kinds[kind.ordinal()]));
            }
            System.out.printf("  bills by kind:%s%n", mix);
        }
        writeManifest(o, setup, data, history);
        double total = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "Loaded %,d members with cards in %.1f s (COPY %.1f s, %.0f members/s). Manifest: %s%n",
                o.members, total, loadSeconds, o.members / loadSeconds, o.out);
    }

    static byte[] macHash(Options o, String secret) throws IOException {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey(o), "HmacSHA256"));
            return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmacKey(Options o) throws IOException {
        if (o.secretKey != null && !o.secretKey.isBlank()) {
            return Base64.getDecoder().decode(o.secretKey.strip());
        }
        Path file = o.dataDir.resolve("card-secret.key");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " not found: is --data-dir the running service's MEMBERCARD_DATA_DIR?");
        }
        return Base64.getDecoder().decode(Files.readString(file).strip());
    }

    /**
     * Takes n values of a sequence in one statement; answers the first. Values are the sequence's
     * increment apart (1, or N on a node of N in sharded mode): value k is first + k * increment.
     */
    static long reserve(Connection c, String sequenceExpression, int n) throws SQLException {
        long step = increment(c, sequenceExpression);
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select setval(" + sequenceExpression + ", nextval(" + sequenceExpression
                        + ") + " + (n - 1) * step + ")")) {
            rs.next();
            return rs.getLong(1) - (n - 1) * step;
        }
    }

    static long increment(Connection c, String sequenceExpression) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select seqincrement from pg_sequence where seqrelid = ("
                        + sequenceExpression + ")::regclass")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Sharded mode: the node that holds the tenant, from the placement directory on node 0 (the
     * tenant was placed when the set-up's first row of it was routed).
     */
    static int placement(Options o, long tenantId) throws SQLException {
        String url = "jdbc:postgresql://" + o.dbHost + ":" + o.nodePorts.get(0) + "/membercard";
        try (Connection c = DriverManager.getConnection(url, o.dbUser, o.dbPassword);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select node from tenant_placement where tenant_id = " + tenantId)) {
            if (!rs.next()) {
                throw new IllegalStateException("tenant " + tenantId + " has no placement on node 0");
            }
            return rs.getInt(1);
        }
    }

    // ------------------------------------------------------------------ COPY

    static final String MEMBER_COPY = "copy member (tenant_id, id, code, name, sex, birthday, phone, level_id, created_at,"
            + " updated_at) from stdin";
    static final String CARD_COPY = "copy card (tenant_id, id, member_id, code, mac_hash, mac_last4, class_id,"
            + " member_level_id, status, send_mode, shop_id, effective_time, total_recharge, actual_recharge,"
            + " give_recharge, total_expense, actual_expense, give_expense, balance, actual_balance, give_balance,"
            + " total_points, actual_points, used_points, created_at) from stdin";
    static final String BILL_COPY = "copy bill (tenant_id, id, bill_no, kind, card_id, shop_id, api_key_id,"
            + " business_date, amount, created_at) from stdin";
    static final String ENTRY_COPY = "copy ledger_entry (tenant_id, id, bill_id, card_id, kind, real_delta, gift_delta,"
            + " points_delta, recharge_real, recharge_gift, expense_real, expense_gift, points_earned, points_used,"
            + " points_shortfall, real_after, gift_after, points_after, created_at) from stdin";
    static final String LOT_COPY =
            "copy points_lot (tenant_id, id, bill_id, card_id, points, expires_at, created_at) from stdin";
    static final String RECORD_COPY = "copy payment_record (tenant_id, id, bill_id, card_id, payment_type, money,"
            + " created_at) from stdin";
    /** The tenant's time zone (the default of a new tenant): a bill's business date is its shop's day there. */
    static final java.time.ZoneId SHANGHAI = java.time.ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    /** Chunks of members go to the workers in turn; each chunk is one transaction (members, then their cards). */
    static long[] load(Options o, String url, Setup setup, DataSet data, BillHistory history) throws Exception {
        long[] kinds = new long[BillHistory.Kind.values().length];
        int chunks = (o.members + o.chunk - 1) / o.chunk;
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(o.workers);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < o.workers; w++) {
            futures.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, o.dbUser, o.dbPassword)) {
                    try (Statement s = c.createStatement()) {
                        // a lost chunk is simply loaded again: no need to wait for each commit's flush
                        s.execute("set synchronous_commit = off");
                        // a larger GIN pending list means fewer, bigger merges into the name/phone indexes
                        s.execute("set gin_pending_list_limit = '32MB'");
                        s.execute("set work_mem = '64MB'");
                    }
                    c.setAutoCommit(false);
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(hmacKey(o), "HmacSHA256"));
                    CopyWriter writer = new CopyWriter(c.unwrap(PGConnection.class));
                    for (int chunk = next.getAndIncrement(); chunk < chunks; chunk = next.getAndIncrement()) {
                        int from = chunk * o.chunk;
                        int to = Math.min(o.members, from + o.chunk);
                        List<Person> people = new ArrayList<>(to - from);
                        for (int i = from; i < to; i++) {
                            people.add(data.person(i));
                        }
                        BillHistory.Chunk year = null;
                        if (history != null) {
                            year = history.chunk(c, setup.tenantId, people, from, to);
                            people = year.people; // the cards' totals after their year
                        }
                        writer.members(setup, people);
                        writer.cards(setup, people, mac);
                        if (year != null) {
                            writer.history(year);
                            synchronized (kinds) {
                                for (int k = 0; k < kinds.length; k++) {
                                    kinds[k] += year.kinds[k];
                                }
                            }
                        } else if (data.fundedFen > 0) {
                            writer.recharges(setup, data, people);
                        } else if (data.money) {
                            writer.openingBalances(setup, data, people);
                        }
                        c.commit();
                        long total = done.addAndGet(to - from);
                        if (total / 100_000 != (total - (to - from)) / 100_000 || total == o.members) {
                            double s = (System.nanoTime() - started) / 1e9;
                            System.out.printf("  %,9d members  %6.1f s  %,7.0f/s%n", total, s, total / s);
                        }
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return kinds;
    }

    /** Builds COPY text for a chunk and sends it as one COPY per table. */
    static final class CopyWriter {
        private final PGConnection connection;
        private final StringBuilder text = new StringBuilder(1 << 22);

        CopyWriter(PGConnection connection) {
            this.connection = connection;
        }

        void members(Setup setup, List<Person> people) throws SQLException {
            text.setLength(0);
            for (Person p : people) {
                String time = TIMESTAMP.format(Instant.ofEpochSecond(p.effectiveEpochSecond));
                row(setup.tenantId, p.memberId, p.memberCode, p.name, p.sex, p.birthday,
                        p.phone, setup.levelIds.get(p.level), time, time);
            }
            send(MEMBER_COPY);
        }

        void cards(Setup setup, List<Person> people, Mac mac) throws SQLException {
            text.setLength(0);
            for (Person p : people) {
                String secret = p.secret();
                byte[] hash = mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
                String time = TIMESTAMP.format(Instant.ofEpochSecond(p.effectiveEpochSecond));
                long actualBalance = p.actualRechargeFen - p.actualExpenseFen;
                long giveBalance = p.giveRechargeFen - p.giveExpenseFen;
                row(setup.tenantId, p.cardId, p.memberId, p.cardCode, "\\\\x" + hex(hash),
                        secret.substring(secret.length() - 4), setup.classIds.get(p.cardClass),
                        setup.levelIds.get(p.level), p.status, 1, setup.shopIds.get(p.shop), time,
                        yuan(p.actualRechargeFen + p.giveRechargeFen), yuan(p.actualRechargeFen),
                        yuan(p.giveRechargeFen), yuan(p.actualExpenseFen + p.giveExpenseFen), yuan(p.actualExpenseFen),
                        yuan(p.giveExpenseFen), yuan(actualBalance + giveBalance), yuan(actualBalance),
                        yuan(giveBalance), p.totalPoints, p.totalPoints - p.usedPoints, p.usedPoints, time);
            }
            send(CARD_COPY);
        }

        /**
         * The recharge behind each funded card, as op29 would have written it (its statement is
         * JdbcLedger.POST plus PaymentRecords.record): a RECHARGE bill on the card's shop and opening
         * day, its one entry, and a cash payment record. Every CHECK and foreign key holds.
         */
        void recharges(Setup setup, DataSet data, List<Person> people) throws SQLException {
            text.setLength(0);
            for (Person p : people) {
                int i = data.index(p);
                String time = TIMESTAMP.format(Instant.ofEpochSecond(p.effectiveEpochSecond));
                LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(p.effectiveEpochSecond), SHANGHAI);
                String billNo = "CZ" + day.format(DateTimeFormatter.BASIC_ISO_DATE)
                        + String.format("%08d", data.nth(data.firstBillNo, i));
                // tenant, id, bill_no, kind, card, shop, api key, business date, amount, created
                row(setup.tenantId, data.nth(data.firstBillId, i), billNo, "RECHARGE", p.cardId, setup.shopIds.get(p.shop),
                        setup.apiKeyId, day, yuan(p.actualRechargeFen), time);
            }
            send(BILL_COPY);
            text.setLength(0);
            for (Person p : people) {
                int i = data.index(p);
                String time = TIMESTAMP.format(Instant.ofEpochSecond(p.effectiveEpochSecond));
                String money = yuan(p.actualRechargeFen);
                // real_delta = recharge_real = real_after = the money; everything else 0
                row(setup.tenantId, data.nth(data.firstEntryId, i), data.nth(data.firstBillId, i), p.cardId, "RECHARGE", money, "0",
                        0, money, "0", "0", "0", 0, 0, 0, money, "0", 0, time);
            }
            send(ENTRY_COPY);
            text.setLength(0);
            for (Person p : people) {
                int i = data.index(p);
                String time = TIMESTAMP.format(Instant.ofEpochSecond(p.effectiveEpochSecond));
                row(setup.tenantId, data.nth(data.firstRecordId, i), data.nth(data.firstBillId, i), p.cardId, 1,
                        yuan(p.actualRechargeFen), time);
            }
            send(RECORD_COPY);
        }

        /**
         * The money and points a card was loaded with, as the ledger's OPENING_BALANCE (the kind an
         * import or migration writes): one bill on the card's shop and opening day, one entry that
         * brings the balances and points and carries the imported history into the running totals
         * (recharged, spent, points earned and used, which Entry.openingBalance leaves at 0 for a
         * plain balance), and one points lot, never expiring, holding the points left. So every
         * card equals its entries and lots, and GET /api/v1/ledger/reconciliation finds nothing. A
         * card that holds and counted nothing gets no bill. No payment record: imported money
         * follows none back (README, "op31/op32/op30 and refunds").
         */
        void openingBalances(Setup setup, DataSet data, List<Person> people) throws SQLException {
            List<Person> held = people.stream()
                    .filter(p -> p.actualRechargeFen + p.giveRechargeFen + p.totalPoints > 0)
                    .toList();
            text.setLength(0);
            for (Person p : held) {
                int i = data.index(p);
                String time = TIMESTAMP.format(Instant.ofEpochSecond(p.effectiveEpochSecond));
                LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(p.effectiveEpochSecond), SHANGHAI);
                String billNo = "QC" + day.format(DateTimeFormatter.BASIC_ISO_DATE)
                        + String.format("%08d", data.nth(data.firstBillNo, i));
                // tenant, id, bill_no, kind, card, shop, api key, business date, amount (the balance), created
                row(setup.tenantId, data.nth(data.firstBillId, i), billNo, "OPENING_BALANCE", p.cardId,
                        setup.shopIds.get(p.shop), setup.apiKeyId, day, yuan(p.balanceFen()), time);
            }
            send(BILL_COPY);
            text.setLength(0);
            for (Person p : held) {
                int i = data.index(p);
                String time = TIMESTAMP.format(Instant.ofEpochSecond(p.effectiveEpochSecond));
                String real = yuan(p.actualBalanceFen());
                String gift = yuan(p.giveBalanceFen());
                row(setup.tenantId, data.nth(data.firstEntryId, i), data.nth(data.firstBillId, i), p.cardId, "OPENING_BALANCE", real,
                        gift, p.actualPoints(), yuan(p.actualRechargeFen), yuan(p.giveRechargeFen),
                        yuan(p.actualExpenseFen), yuan(p.giveExpenseFen), p.totalPoints, p.usedPoints, 0, real, gift,
                        p.actualPoints(), time);
            }
            send(ENTRY_COPY);
            text.setLength(0);
            for (Person p : held) {
                if (p.actualPoints() > 0) {
                    int i = data.index(p);
                    String time = TIMESTAMP.format(Instant.ofEpochSecond(p.effectiveEpochSecond));
                    row(setup.tenantId, data.nth(data.firstLotId, i), data.nth(data.firstBillId, i), p.cardId, p.actualPoints(), null,
                            time);
                }
            }
            send(LOT_COPY);
        }

        /** A chunk's year of bills (BillHistory), parents before the rows that name them. */
        void history(BillHistory.Chunk year) throws SQLException {
            send(BillHistory.BILL_COPY, year.bills);
            send(ENTRY_COPY, year.entries);
            send(RECORD_COPY, year.records);
            send(BillHistory.REFUND_COPY, year.refunds);
            send(LOT_COPY, year.lots);
            send(BillHistory.LOT_USE_COPY, year.lotUses);
        }

        /** One line of COPY's text format; none of the generated values holds a tab, newline or backslash. */
        private void row(Object... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                text.append(values[i] == null ? "\\N" : values[i].toString());
            }
            text.append('\n');
        }

        private void send(String sql) throws SQLException {
            send(sql, text);
        }

        private void send(String sql, StringBuilder rows) throws SQLException {
            if (rows.isEmpty()) {
                return;
            }
            byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
            CopyIn copy = connection.getCopyAPI().copyIn(sql);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
    }

    /** Fen as the exact yuan text numeric(14,2) reads. */
    static String yuan(long fen) {
        return (fen < 0 ? "-" : "") + Math.abs(fen) / 100 + "." + String.format("%02d", Math.abs(fen) % 100);
    }

    static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return s.toString();
    }

    // ------------------------------------------------------------------ after the load

    /**
     * Waits for the service's own job (MemberTotalsJob, every 5 s) to fold the deltas the load's
     * card inserts appended, so the benchmark starts on folded totals. Answers the deltas seen first.
     */
    static int fold(Statement s) throws SQLException, InterruptedException {
        int pending = pendingDeltas(s);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (pendingDeltas(s) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the service did not fold the member totals within 2 minutes");
            }
            Thread.sleep(500);
        }
        return pending;
    }

    private static int pendingDeltas(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("select count(*) from member_totals_delta")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Cheap checks that the load is what the benchmark expects: counts and the folded totals. */
    static void verify(Statement s, long tenantId, int members) throws SQLException {
        try (ResultSet rs = s.executeQuery("select (select count(*) from member where tenant_id = " + tenantId
                + "), (select count(*) from card where tenant_id = " + tenantId + " and replaced_by_card_id is null),"
                + " (select sum(members) from member_totals where tenant_id = " + tenantId + ")")) {
            rs.next();
            long m = rs.getLong(1), c = rs.getLong(2), t = rs.getLong(3);
            System.out.printf("  check: %,d members, %,d current cards, member_totals.members %,d%n", m, c, t);
            if (m != members || c != members || t != members) {
                throw new IllegalStateException("counts differ from the " + members + " members loaded");
            }
        }
    }

    /** --funded: one recharge bill, entry and payment record per card. */
    static void verifyRecharges(Statement s, long tenantId, int members) throws SQLException {
        try (ResultSet rs = s.executeQuery("select (select count(*) from bill where tenant_id = " + tenantId
                + "), (select count(*) from ledger_entry where tenant_id = " + tenantId
                + "), (select count(*) from payment_record where tenant_id = " + tenantId + ")")) {
            rs.next();
            long b = rs.getLong(1), e = rs.getLong(2), r = rs.getLong(3);
            System.out.printf("  ledger: %,d recharge bills, %,d entries, %,d payment records%n", b, e, r);
            if (b != members || e != members || r != members) {
                throw new IllegalStateException("the funded ledger is not one recharge per card");
            }
        }
    }

    /**
     * The ledger reconciles: every card's cache columns equal the sums of its entries, and its points
     * its lots (the per-card part of Reconciliation.CARDS, which GET /api/v1/ledger/reconciliation
     * runs; the kept member totals are the trigger's and the service's fold job's, checked by verify).
     */
    static void verifyLedger(Statement s, long tenantId) throws SQLException {
        try (ResultSet rs = s.executeQuery("select (select count(*) from bill where tenant_id = " + tenantId
                + "), (select count(*) from points_lot where tenant_id = " + tenantId + "),"
                + " (select count(*) from (select c.id from card c left join ledger_entry e"
                + "   on e.tenant_id = c.tenant_id and e.card_id = c.id where c.tenant_id = " + tenantId
                + "   group by c.tenant_id, c.id having c.actual_balance <> coalesce(sum(e.real_delta), 0)"
                + "      or c.give_balance <> coalesce(sum(e.gift_delta), 0)"
                + "      or c.actual_recharge <> coalesce(sum(e.recharge_real), 0)"
                + "      or c.give_recharge <> coalesce(sum(e.recharge_gift), 0)"
                + "      or c.actual_expense <> coalesce(sum(e.expense_real), 0)"
                + "      or c.give_expense <> coalesce(sum(e.expense_gift), 0)"
                + "      or c.actual_points <> coalesce(sum(e.points_delta), 0)"
                + "      or c.total_points <> coalesce(sum(e.points_earned), 0)"
                + "      or c.used_points <> coalesce(sum(e.points_used), 0)) d),"
                // what each card's lots have left: their points less their uses (spent, taken back)
                + " (with u as (select lot_id, sum(points) as points from points_lot_use where tenant_id = " + tenantId
                + "   group by lot_id),"
                + "  l as (select l.card_id, sum(l.points - coalesce(u.points, 0)) as points from points_lot l"
                + "   left join u on u.lot_id = l.id where l.tenant_id = " + tenantId + " group by l.card_id)"
                + "  select count(*) from card c left join l on l.card_id = c.id where c.tenant_id = " + tenantId
                + "   and c.actual_points <> coalesce(l.points, 0))")) {
            rs.next();
            long b = rs.getLong(1), l = rs.getLong(2), off = rs.getLong(3), offLots = rs.getLong(4);
            System.out.printf("  ledger: %,d bills, %,d points lots; %,d cards off their entries, %,d off their"
                    + " lots%n", b, l, off, offLots);
            if (off != 0 || offLots != 0) {
                throw new IllegalStateException("the loaded cards do not reconcile with their ledger");
            }
        }
    }

    static void writeManifest(Options o, Setup setup, DataSet data, BillHistory history) throws IOException {
        Files.createDirectories(o.out.toAbsolutePath().getParent());
        StringBuilder p = new StringBuilder();
        p.append("# written by bench/LoadMembers.java at ").append(Instant.now()).append('\n');
        p.append("baseUrl=").append(o.baseUrl).append('\n');
        p.append("dbPort=").append(o.dbPort).append('\n');
        p.append("tenantId=").append(setup.tenantId).append('\n');
        p.append("tenantAdminUsername=").append(setup.adminUsername).append('\n');
        p.append("tenantAdminPassword=").append(setup.adminPassword).append('\n');
        p.append("apiKey=").append(setup.apiKey).append('\n');
        p.append("members=").append(o.members).append('\n');
        p.append("memberIdMin=").append(data.firstMemberId).append('\n');
        p.append("memberIdMax=").append(data.nth(data.firstMemberId, o.members - 1)).append('\n');
        p.append("levelIds=").append(join(setup.levelIds)).append('\n');
        p.append("shopIds=").append(join(setup.shopIds)).append('\n');
        p.append("classIds=").append(join(setup.classIds)).append('\n');
        p.append("seed=").append(o.seed).append('\n');
        p.append("apiKeyId=").append(setup.apiKeyId).append('\n');
        p.append("cardIdMin=").append(data.firstCardId).append('\n');
        p.append("cardIdMax=").append(data.nth(data.firstCardId, o.members - 1)).append('\n');
        // ids of row i: min + i * idStep (1; the number of nodes in sharded mode)
        p.append("idStep=").append(data.step).append('\n');
        p.append("nodes=").append(Math.max(1, o.nodePorts.size())).append('\n');
        // card i (0-based) has id cardIdMin + i, code 8800 + (i + 1) in 8 digits, secret "sec-" + code
        p.append("cardCodePattern=8800%08d").append('\n');
        p.append("cardSecretPrefix=sec-").append('\n');
        if (o.fundedFen > 0) {
            Person hot = data.person(0);
            p.append("fundedYuan=").append(yuan(o.fundedFen)).append('\n');
            p.append("hotCardYuan=").append(yuan(o.hotFen)).append('\n');
            p.append("hotCardId=").append(hot.cardId).append('\n');
            p.append("hotCardCode=").append(hot.cardCode).append('\n');
            p.append("hotCardSecret=").append(hot.secret()).append('\n');
            p.append("hotCardMacHash=").append(hex(macHash(o, hot.secret()))).append('\n');
        }
        if (history != null) {
            // BusinessDayBench: the heavy shop-days to close, the year the reports cover
            p.append("bills=").append(o.bills).append('\n');
            p.append("firstDay=").append(history.firstDay).append('\n');
            p.append("lastDay=").append(history.lastDay).append('\n');
            p.append("heavyDay=").append(history.heavyDay).append('\n');
            p.append("heavyBills=").append(o.heavyBills).append('\n');
            p.append("heavyShopIds=").append(join(setup.shopIds.subList(0, o.heavyShops))).append('\n');
        }
        Path samples = o.out.resolveSibling("samples.tsv");
        p.append("samples=").append(samples.getFileName()).append('\n');
        Files.writeString(o.out, p.toString(), StandardCharsets.UTF_8);

        // random rows across the whole data set, each with what a till would search by
        StringBuilder t = new StringBuilder("memberId\tmemberCode\tname\tphone\tcardCode\tsecret\tnameFragment\n");
        SplittableRandom pick = new SplittableRandom(o.seed + 1);
        TreeSet<Integer> chosen = new TreeSet<>();
        while (chosen.size() < Math.min(o.samples, o.members)) {
            chosen.add(pick.nextInt(o.members));
        }
        for (int i : chosen) {
            Person person = data.person(i);
            // a 2-character fragment at the start of the name: surname and first given character
            String fragment = person.name.substring(0, person.name.offsetByCodePoints(0, 2));
            t.append(person.memberId).append('\t').append(person.memberCode).append('\t').append(person.name)
                    .append('\t').append(person.phone).append('\t').append(person.cardCode).append('\t')
                    .append(person.secret()).append('\t').append(fragment).append('\n');
        }
        Files.writeString(samples, t.toString(), StandardCharsets.UTF_8);
    }

    static String join(List<Long> ids) {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }

    // ------------------------------------------------------------------ HTTP set-up

    /** What the API created: the tenant, its catalogue and the cashier key the read benchmark uses. */
    static final class Setup {
        long tenantId;
        String adminUsername;
        String adminPassword;
        String apiKey;
        long apiKeyId;
        final List<Long> shopIds = new ArrayList<>();
        final List<Long> levelIds = new ArrayList<>();
        final List<Long> classIds = new ArrayList<>();
        /** --bills: 3 cashiers per shop, recharge plans (id, pay fen, give fen) and gifts (id, points). */
        final List<List<Long>> cashiersByShop = new ArrayList<>();
        final List<long[]> plans = new ArrayList<>();
        final List<long[]> gifts = new ArrayList<>();

        BillHistory.Catalogue catalogue() {
            return new BillHistory.Catalogue(shopIds, cashiersByShop, apiKeyId, plans, gifts);
        }

        static Setup create(Options o) throws IOException, InterruptedException {
            Api api = new Api(o.baseUrl);
            String platform = api.token(o.adminUsername, o.adminPassword);
            Setup s = new Setup();
            // usernames are unique across the platform: a fresh one per run, so the loader can be rerun
            s.adminUsername = "bench" + Long.toString(System.currentTimeMillis(), 36);
            s.adminPassword = "bench-pass-" + Long.toString(System.nanoTime(), 36);
            String tenant = api.post(platform, "/api/v1/tenants", Map.of(
                    "name", o.tenantName, "adminUsername", s.adminUsername, "adminPassword", s.adminPassword));
            s.tenantId = Long.parseLong(Api.field(tenant, "id"));
            String admin = api.token(s.adminUsername, s.adminPassword);
            for (int i = 1; i <= 20; i++) {
                s.shopIds.add(api.postForId(admin, "/api/v1/shops", Map.of(
                        "name", String.format("基准%02d号店", i), "code", String.format("BS%02d", i))));
            }
            String[] levels = {"普通会员", "银卡会员", "金卡会员", "白金会员", "钻石会员"};
            String[] discounts = {"1", "0.95", "0.9", "0.88", "0.85"};
            for (int i = 0; i < levels.length; i++) {
                s.levelIds.add(api.postForId(admin, "/api/v1/member-levels", Map.of(
                        "name", levels[i], "level", i + 1, "discount", new Raw(discounts[i]))));
            }
            for (String name : List.of("储值卡", "积分卡", "员工卡", "礼品卡", "联名卡")) {
                Map<String, Object> body = new HashMap<>();
                body.put("name", name);
                body.put("cardType", 1);
                body.put("canRecharge", true);
                body.put("canMemberPrice", true);
                body.put("canDiscount", true);
                body.put("canPoint", true);
                body.put("pointsBasic", 1);
                body.put("pointsToOne", 100);
                body.put("pointsValidDays", 365);
                s.classIds.add(api.postForId(admin, "/api/v1/card-classes", body));
            }
            if (o.bills > 0) {
                for (int shop = 0; shop < s.shopIds.size(); shop++) {
                    List<Long> cashiers = new ArrayList<>();
                    for (int k = 1; k <= 3; k++) {
                        cashiers.add(api.postForId(admin, "/api/v1/operators", Map.of(
                                "username", s.adminUsername + "-s" + (shop + 1) + "c" + k,
                                "password", s.adminPassword,
                                "name", String.format("收银员%02d-%d", shop + 1, k),
                                "role", "CASHIER",
                                "shopId", s.shopIds.get(shop))));
                    }
                    s.cashiersByShop.add(cashiers);
                }
                long[][] plans = {{100_00, 10_00}, {500_00, 80_00}, {1_000_00, 200_00}, {2_000_00, 500_00}};
                for (long[] plan : plans) {
                    long id = api.postForId(admin, "/api/v1/recharge-plans", Map.of(
                            "name", "充" + plan[0] / 100 + "送" + plan[1] / 100,
                            "money", new Raw(yuan(plan[0] + plan[1])),
                            "payMoney", new Raw(yuan(plan[0])),
                            "giveMoney", new Raw(yuan(plan[1]))));
                    s.plans.add(new long[] {id, plan[0], plan[1]});
                }
                String[] giftNames = {"保温杯", "帆布袋", "蓝牙音箱", "电饭煲"};
                long[] giftPoints = {100, 300, 800, 2_000};
                for (int k = 0; k < giftNames.length; k++) {
                    long id = api.postForId(admin, "/api/v1/gifts", Map.of(
                            "name", giftNames[k], "points", giftPoints[k], "price", new Raw("0")));
                    s.gifts.add(new long[] {id, giftPoints[k]});
                }
            }
            String key = api.post(admin, "/api/v1/api-keys", Map.of("name", "基准收银台", "role", "CASHIER"));
            s.apiKey = Api.field(key, "key");
            s.apiKeyId = Long.parseLong(Api.field(key, "id"));
            return s;
        }
    }

    /** A JSON number written as is. */
    record Raw(String text) {}

    /** Just enough HTTP and JSON for the set-up calls, with the JDK's client. */
    static final class Api {
        private final HttpClient http = HttpClient.newHttpClient();
        private final String base;

        Api(String base) {
            this.base = base;
        }

        String token(String username, String password) throws IOException, InterruptedException {
            return field(post(null, "/api/v1/auth/login", Map.of("username", username, "password", password)), "token");
        }

        long postForId(String token, String path, Map<String, Object> body) throws IOException, InterruptedException {
            return Long.parseLong(field(post(token, path, body), "data"));
        }

        String post(String token, String path, Map<String, ?> body) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json(body)));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }

        static String json(Map<String, ?> body) {
            StringBuilder s = new StringBuilder("{");
            for (Map.Entry<String, ?> e : body.entrySet()) {
                if (s.length() > 1) {
                    s.append(',');
                }
                s.append('"').append(e.getKey()).append("\":");
                Object v = e.getValue();
                if (v instanceof String text) {
                    s.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                } else if (v instanceof Raw raw) {
                    s.append(raw.text());
                } else {
                    s.append(v);
                }
            }
            return s.append('}').toString();
        }

        /** The first value of a field in a JSON answer: a number, or a string without escapes. */
        static String field(String json, String name) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"([^\"]*)\"|-?[0-9]+)").matcher(json);
            if (!m.find()) {
                throw new IllegalStateException("no \"" + name + "\" in " + json);
            }
            return m.group(2) != null ? m.group(2) : m.group(1);
        }
    }
}
