import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A year of business on the loaded cards (issue 12's data set, {@code --bills N}): recharges with
 * payment types and plans, card payments earning points, refunds of payments and of recharges, gift
 * redemptions, spread over the shops, their cashiers and the last 365 days, plus a few shop-days of
 * {@code --heavy-bills} bills each (yesterday, the first shops) for the day-end figure.
 *
 * <p>Each card's bills are simulated in time order the way the service writes them (JdbcLedger,
 * PaymentRecords, PointsLots: entries with the balances after them, payment records and their
 * refunds, points lots and their uses, FIFO by expiry), so the card's cached totals are the sums of
 * its entries and its points what its lots have left: the reconciliation stays clean. Like the
 * members, a chunk is a pure function of its index and the seed. It is simulated twice: once to
 * count its rows (the id blocks are reserved from the sequences for exactly that many), once to
 * write them.
 */
final class BillHistory {

    /** What the API created that bills name: per shop its cashiers, and the plans and gifts. */
    record Catalogue(
            List<Long> shopIds,
            List<List<Long>> cashiersByShop,
            long apiKeyId,
            List<long[]> plans,
            List<long[]> gifts) {}

    /** Payment types of recharges and how often each is used (cash, WeChat, Alipay, UnionPay, offline). */
    static final int[] PAYMENT_TYPES = {1, 1, 1, 3, 3, 3, 3, 4, 4, 4, 10, 6, 7};

    static final long DAY = 86_400;
    /** A card payment's POS order number (op23's {@code code}): PO and its bill's number; a refund names it. */
    static final String ORDER_PREFIX = "PO";
    /** Passed as the order code of a new card payment: its own order number. */
    static final String NEW_ORDER = "new order";
    static final long POINTS_VALID = 365 * DAY;

    final long seed;
    final int members;
    final Catalogue catalogue;
    /** The business days of the year: [firstDay, lastDay]; yesterday is the heavy day. */
    final LocalDate firstDay;
    final LocalDate lastDay;
    final LocalDate heavyDay;
    /** Mean bills of a card that existed the whole year. */
    final double meanPerCard;
    final int heavyBills;
    final int heavyShops;

    BillHistory(long seed, int members, Catalogue catalogue, LocalDate today, long bills, int heavyBills,
            int heavyShops, boolean money) {
        this.seed = seed;
        this.members = members;
        this.catalogue = catalogue;
        this.firstDay = today.minusDays(365);
        this.lastDay = today.minusDays(1);
        this.heavyDay = lastDay;
        this.heavyBills = heavyBills;
        this.heavyShops = heavyShops;
        // the target counts every bill: opening balances (~64.7% of cards with money) and the heavy
        // days come first; the year's bills share the rest, a card of the last year by its months
        double openings = money ? members * 0.975 * 0.65 + members * 0.02 * 0.65 : 0;
        double year = Math.max(0, bills - openings - (double) heavyBills * heavyShops);
        // cards open evenly over 3 years: 2/3 existed the whole year, 1/3 half of it on average
        this.meanPerCard = year / (members * 0.995 * (5.0 / 6.0));
    }

    /** The rows of one chunk as COPY text, and its cards' totals after their history. */
    static final class Chunk {
        final StringBuilder bills = new StringBuilder(1 << 22);
        final StringBuilder entries = new StringBuilder(1 << 22);
        final StringBuilder records = new StringBuilder(1 << 18);
        final StringBuilder refunds = new StringBuilder(1 << 16);
        final StringBuilder lots = new StringBuilder(1 << 21);
        final StringBuilder lotUses = new StringBuilder(1 << 18);
        final List<LoadMembers.Person> people = new ArrayList<>();
        final long[] kinds = new long[Kind.values().length];
        long billCount;
        long entryCount;
        long recordCount;
        long refundCount;
        long lotCount;
        long lotUseCount;
    }

    enum Kind {
        OPENING_BALANCE("QC"),
        RECHARGE("CZ"),
        CARD_PAYMENT("XF"),
        PAYMENT_REFUND("TX"),
        RECHARGE_REFUND("TC"),
        GIFT_REDEMPTION("DH");

        final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    /** Where the chunk's ids start (reserved blocks); a counting pass has none. */
    static final class Ids {
        long bill;
        long entry;
        long record;
        long refund;
        long lot;
        long lotUse;
        long billNo;
    }

    /** Counts the chunk, reserves its id blocks on {@code c}, then writes it. */
    Chunk chunk(Connection c, long tenantId, List<LoadMembers.Person> people, int from, int to)
            throws SQLException {
        Chunk counted = new Chunk();
        simulate(counted, null, tenantId, people, from, to);
        Ids ids = new Ids();
        ids.bill = reserve(c, "pg_get_serial_sequence('public.bill', 'id')", counted.billCount);
        ids.entry = reserve(c, "pg_get_serial_sequence('public.ledger_entry', 'id')", counted.entryCount);
        ids.record = reserve(c, "pg_get_serial_sequence('public.payment_record', 'id')", counted.recordCount);
        ids.refund = reserve(c, "pg_get_serial_sequence('public.payment_refund', 'id')", counted.refundCount);
        ids.lot = reserve(c, "pg_get_serial_sequence('public.points_lot', 'id')", counted.lotCount);
        ids.lotUse = reserve(c, "pg_get_serial_sequence('public.points_lot_use', 'id')", counted.lotUseCount);
        ids.billNo = reserve(c, "'public.bill_no_seq'", counted.billCount);
        Chunk written = new Chunk();
        simulate(written, ids, tenantId, people, from, to);
        return written;
    }

    private static long reserve(Connection c, String sequence, long n) throws SQLException {
        return n == 0 ? 0 : LoadMembers.reserve(c, sequence, Math.toIntExact(n));
    }

    /** One event of a card's year: when, at which shop (index), whether it is a heavy day's. */
    record Event(long epochSecond, int shop) {}

    private void simulate(Chunk out, Ids ids, long tenantId, List<LoadMembers.Person> people, int from, int to) {
        // the heavy days' bills of this chunk: its exact share of each, on random cards that can have them
        List<List<Event>> extra = new ArrayList<>();
        for (int k = 0; k < people.size(); k++) {
            extra.add(new ArrayList<>());
        }
        SplittableRandom chunkRandom = new SplittableRandom(seed * 31 + from);
        long heavyStart = heavyDay.atStartOfDay(LoadMembers.SHANGHAI).toEpochSecond();
        for (int shop = 0; shop < heavyShops; shop++) {
            long share = (long) heavyBills * to / members - (long) heavyBills * from / members;
            for (long n = 0; n < share; ) {
                int k = chunkRandom.nextInt(people.size());
                LoadMembers.Person p = people.get(k);
                if (p.status() != 3 && p.effectiveEpochSecond() < heavyStart) {
                    extra.get(k).add(new Event(heavyStart + 9 * 3600 + chunkRandom.nextLong(13 * 3600), shop));
                    n++;
                }
            }
        }
        Writer w = new Writer(out, ids, tenantId);
        for (int k = 0; k < people.size(); k++) {
            LoadMembers.Person p = people.get(k);
            List<Event> events = events(p, from + k);
            events.addAll(extra.get(k));
            events.sort((a, b) -> Long.compare(a.epochSecond, b.epochSecond));
            out.people.add(new Card(p, from + k).live(w, events));
        }
    }

    /** The card's own bills of the year: none for a void card, fewer for a card opened in it. */
    private List<Event> events(LoadMembers.Person p, int i) {
        List<Event> events = new ArrayList<>();
        if (p.status() == 3) {
            return events;
        }
        SplittableRandom r = new SplittableRandom(seed * 0x2545F4914F6CDD1DL + i);
        LocalDate opened = LocalDate.ofInstant(Instant.ofEpochSecond(p.effectiveEpochSecond()), LoadMembers.SHANGHAI);
        LocalDate first = opened.plusDays(1).isAfter(firstDay) ? opened.plusDays(1) : firstDay;
        if (first.isAfter(lastDay)) {
            return events;
        }
        long days = lastDay.toEpochDay() - first.toEpochDay() + 1;
        // a skewed activity: exponential around the mean, so some cards are regulars and many rare
        double mean = meanPerCard * days / 365.0;
        int n = (int) Math.floor(mean * -Math.log(1 - r.nextDouble()) + r.nextDouble());
        for (int e = 0; e < n; e++) {
            LocalDate day = first.plusDays(r.nextLong(days));
            long at = day.atStartOfDay(LoadMembers.SHANGHAI).toEpochSecond() + 9 * 3600 + r.nextLong(13 * 3600);
            // most visits at the shop that issued the card
            int shop = r.nextInt(100) < 85 ? p.shop() : r.nextInt(catalogue.shopIds.size());
            events.add(new Event(at, shop));
        }
        return events;
    }

    /** A card's pots and history while its year is simulated (fen and points). */
    final class Card {
        final LoadMembers.Person p;
        final SplittableRandom r;
        long real;
        long gift;
        long points;
        long rechargeReal;
        long rechargeGift;
        long expenseReal;
        long expenseGift;
        long earned;
        long used;
        /** Points lots: id, remaining, expiry (epoch second, Long.MAX_VALUE = never). */
        final List<long[]> lots = new ArrayList<>();
        /** Card payments: bill id, real, gift, points earned, lot id (-1: none), refunded (0/1), order number. */
        final List<long[]> payments = new ArrayList<>();
        /** Recharges: bill id, pay, give, refunded (0/1), then record id and money pairs. */
        final List<long[]> recharges = new ArrayList<>();

        Card(LoadMembers.Person p, int i) {
            this.p = p;
            this.r = new SplittableRandom(seed * 0x632BE59BD9B4E019L + i);
        }

        LoadMembers.Person live(Writer w, List<Event> events) {
            if (p.actualRechargeFen() + p.giveRechargeFen() + p.totalPoints() > 0) {
                opening(w);
            }
            for (Event e : events) {
                int roll = r.nextInt(100);
                boolean done = false;
                if (roll < 4) {
                    done = refundPayment(w, e);
                } else if (roll < 5) {
                    done = refundRecharge(w, e);
                } else if (roll < 9) {
                    done = redeemGift(w, e);
                } else if (roll < 21) {
                    recharge(w, e);
                    done = true;
                }
                if (!done) {
                    pay(w, e);
                }
            }
            return new LoadMembers.Person(p.memberId(), p.cardId(), p.memberCode(), p.name(), p.sex(), p.birthday(),
                    p.phone(), p.level(), p.shop(), p.cardClass(), p.cardCode(), p.status(),
                    p.effectiveEpochSecond(), rechargeReal, rechargeGift, expenseReal, expenseGift, earned, used);
        }

        /** The loader's opening balance (LoadMembers.openingBalances), as the history's first bill. */
        private void opening(Writer w) {
            long at = p.effectiveEpochSecond();
            long bill = w.bill(Kind.OPENING_BALANCE, p, at, p.shop(), false, p.balanceFen(), null, null, null, null,
                    null);
            real = p.actualBalanceFen();
            gift = p.giveBalanceFen();
            points = p.actualPoints();
            rechargeReal = p.actualRechargeFen();
            rechargeGift = p.giveRechargeFen();
            expenseReal = p.actualExpenseFen();
            expenseGift = p.giveExpenseFen();
            earned = p.totalPoints();
            used = p.usedPoints();
            w.entry(bill, this, at, "OPENING_BALANCE", real, gift, points, rechargeReal, rechargeGift, expenseReal,
                    expenseGift, earned, used, 0);
            if (points > 0) {
                lots.add(new long[] {w.lot(bill, p.cardId(), points, Long.MAX_VALUE, at), points, Long.MAX_VALUE});
            }
        }

        private void recharge(Writer w, Event e) {
            long pay;
            long give;
            Long planId = null;
            if (r.nextInt(100) < 55) {
                long[] plan = catalogue.plans.get(r.nextInt(catalogue.plans.size()));
                planId = plan[0];
                pay = plan[1];
                give = plan[2];
            } else {
                pay = 5_000L * (2 + r.nextInt(40)); // 100 to 2,050 yuan in 50s
                give = 0;
            }
            long bill = w.bill(Kind.RECHARGE, p, e.epochSecond, e.shop, true, pay + give, null, null, planId, null,
                    null);
            real += pay;
            gift += give;
            rechargeReal += pay;
            rechargeGift += give;
            w.entry(bill, this, e.epochSecond, "RECHARGE", pay, give, 0, pay, give, 0, 0, 0, 0, 0);
            // most pay one way, some split cash and a wallet
            int parts = r.nextInt(100) < 88 ? 1 : 2;
            long[] recharge = new long[4 + 3 * parts];
            recharge[0] = bill;
            recharge[1] = pay;
            recharge[2] = give;
            long left = pay;
            for (int k = 0; k < parts; k++) {
                long money = k == parts - 1 ? left : 100L * (1 + r.nextLong(pay / 100 - 1));
                left -= money;
                int type = PAYMENT_TYPES[r.nextInt(PAYMENT_TYPES.length)];
                recharge[4 + 3 * k] = w.record(bill, p.cardId(), type, money, e.epochSecond);
                recharge[5 + 3 * k] = money;
                recharge[6 + 3 * k] = type;
            }
            recharges.add(recharge);
        }

        private void pay(Writer w, Event e) {
            long balance = real + gift;
            long amount = 500 + r.nextLong(29_501); // 5.00 to 300.00 yuan
            if (balance < amount) {
                if (balance < 500) {
                    recharge(w, e);
                    return;
                }
                amount = balance; // what is left on the card
            }
            // DeductOrder.PROPORTIONAL (Split.payment): gift part = round(amount × gift ÷ balance)
            long fromGift = Math.floorDiv(2 * amount * gift + balance, 2 * balance);
            long fromReal = amount - fromGift;
            long earnedNow = amount / 100; // pointsBasic 1: a point per whole yuan
            long bill = w.bill(Kind.CARD_PAYMENT, p, e.epochSecond, e.shop, true, amount, null, null, null, null,
                    NEW_ORDER);
            real -= fromReal;
            gift -= fromGift;
            expenseReal += fromReal;
            expenseGift += fromGift;
            w.entry(bill, this, e.epochSecond, "PAYMENT", -fromReal, -fromGift, 0, 0, 0, fromReal, fromGift, 0, 0, 0);
            long lot = -1;
            if (earnedNow > 0) {
                points += earnedNow;
                earned += earnedNow;
                w.entry(bill, this, e.epochSecond, "POINTS_EARN", 0, 0, earnedNow, 0, 0, 0, 0, earnedNow, 0, 0);
                long expires = e.epochSecond + POINTS_VALID;
                lot = w.lot(bill, p.cardId(), earnedNow, expires, e.epochSecond);
                lots.add(new long[] {lot, earnedNow, expires});
            }
            payments.add(new long[] {bill, fromReal, fromGift, earnedNow, lot, 0, w.lastBillNo});
        }

        /** op24 of a recent payment, whole: its own split back, its points taken back as far as they are left. */
        private boolean refundPayment(Writer w, Event e) {
            for (int k = payments.size() - 1; k >= Math.max(0, payments.size() - 5); k--) {
                long[] payment = payments.get(k);
                if (payment[5] != 0) {
                    continue;
                }
                payment[5] = 1;
                long amount = payment[1] + payment[2];
                long takeBack = payment[3];
                long taken = Math.min(takeBack, points);
                long bill = w.bill(Kind.PAYMENT_REFUND, p, e.epochSecond, e.shop, true, amount, null, payment[0],
                        null, null, ORDER_PREFIX + payment[6]);
                real += payment[1];
                gift += payment[2];
                expenseReal -= payment[1];
                expenseGift -= payment[2];
                w.entry(bill, this, e.epochSecond, "PAYMENT_REFUND", payment[1], payment[2], 0, 0, 0, -payment[1],
                        -payment[2], 0, 0, 0);
                if (takeBack > 0) {
                    points -= taken;
                    earned -= taken;
                    w.entry(bill, this, e.epochSecond, "POINTS_REVERSE", 0, 0, -taken, 0, 0, 0, 0, -taken, 0,
                            takeBack - taken);
                    take(w, bill, "REVERSE", taken, payment[4], e.epochSecond);
                }
                return true;
            }
            return false;
        }

        /** op31 of the newest recharge the card still holds whole, along its payment records. */
        private boolean refundRecharge(Writer w, Event e) {
            for (int k = recharges.size() - 1; k >= 0; k--) {
                long[] recharge = recharges.get(k);
                if (recharge[3] != 0 || recharge[1] > real || recharge[2] > gift) {
                    continue;
                }
                recharge[3] = 1;
                long pay = recharge[1];
                long give = recharge[2];
                long bill = w.bill(Kind.RECHARGE_REFUND, p, e.epochSecond, e.shop, true, pay + give,
                        (int) recharge[6], recharge[0], null, null, null);
                real -= pay;
                gift -= give;
                rechargeReal -= pay;
                rechargeGift -= give;
                w.entry(bill, this, e.epochSecond, "RECHARGE_REFUND", -pay, -give, 0, -pay, -give, 0, 0, 0, 0, 0);
                for (int part = 4; part < recharge.length; part += 3) {
                    w.refund(bill, recharge[part], recharge[part + 1], e.epochSecond);
                }
                return true;
            }
            return false;
        }

        /** op26: the dearest gift the card's points reach. */
        private boolean redeemGift(Writer w, Event e) {
            long[] chosen = null;
            for (long[] g : catalogue.gifts) {
                if (g[1] <= points && (chosen == null || g[1] > chosen[1])) {
                    chosen = g;
                }
            }
            if (chosen == null) {
                return false;
            }
            long spent = chosen[1];
            long bill = w.bill(Kind.GIFT_REDEMPTION, p, e.epochSecond, e.shop, true, 0, null, null, null, chosen[0],
                    null);
            points -= spent;
            used += spent;
            w.entry(bill, this, e.epochSecond, "POINTS_SPEND", 0, 0, -spent, 0, 0, 0, 0, 0, spent, 0);
            take(w, bill, "SPEND", spent, -1, e.epochSecond);
            return true;
        }

        /** PointsLots.take: the preferred lot first, then by expiry (never-expiring last), then id. */
        private void take(Writer w, long bill, String reason, long amount, long preferred, long at) {
            List<long[]> order = new ArrayList<>(lots);
            order.sort((a, b) -> a[0] == preferred ? -1 : b[0] == preferred ? 1
                    : a[2] != b[2] ? Long.compare(a[2], b[2]) : Long.compare(a[0], b[0]));
            long left = amount;
            for (long[] lot : order) {
                if (left == 0) {
                    break;
                }
                long taken = Math.min(left, lot[1]);
                if (taken > 0) {
                    lot[1] -= taken;
                    left -= taken;
                    w.lotUse(lot[0], bill, reason, taken, at);
                }
            }
            if (left != 0) {
                throw new IllegalStateException("card " + p.cardCode() + " lots hold fewer points than it has");
            }
        }
    }

    /** Appends the rows (or only counts them: {@code ids} null) and hands out the ids. */
    final class Writer {
        final Chunk out;
        final Ids ids;
        final long tenantId;
        long lastBillNo;

        Writer(Chunk out, Ids ids, long tenantId) {
            this.out = out;
            this.ids = ids;
            this.tenantId = tenantId;
        }

        long bill(Kind kind, LoadMembers.Person p, long at, int shop, boolean cashier, long amount,
                Integer paymentType, Long related, Long planId, Long giftId, String orderCode) {
            long n = out.billCount++;
            out.kinds[kind.ordinal()]++;
            if (ids == null) {
                return n;
            }
            long id = ids.bill + n;
            lastBillNo = ids.billNo + n;
            LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(at), LoadMembers.SHANGHAI);
            String billNo = kind.prefix + day.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%08d", lastBillNo);
            List<Long> cashiers = catalogue.cashiersByShop.get(shop);
            // the shop's first cashier works the most shifts
            Long operator = cashier ? cashiers.get(Math.min(cashiers.size() - 1, (int) (lastBillNo % 5) / 2)) : null;
            String order = NEW_ORDER.equals(orderCode) ? ORDER_PREFIX + lastBillNo : orderCode;
            row(out.bills, tenantId, id, billNo, kind.name(), p.cardId(), catalogue.shopIds.get(shop), operator,
                    catalogue.apiKeyId, day, LoadMembers.yuan(amount), paymentType, related, planId, giftId, order,
                    time(at));
            return id;
        }

        void entry(long bill, Card c, long at, String kind, long realDelta, long giftDelta, long pointsDelta,
                long rechargeReal, long rechargeGift, long expenseReal, long expenseGift, long pointsEarned,
                long pointsUsed, long shortfall) {
            long n = out.entryCount++;
            if (ids == null) {
                return;
            }
            row(out.entries, tenantId, ids.entry + n, bill, c.p.cardId(), kind, LoadMembers.yuan(realDelta),
                    LoadMembers.yuan(giftDelta), pointsDelta, LoadMembers.yuan(rechargeReal),
                    LoadMembers.yuan(rechargeGift), LoadMembers.yuan(expenseReal), LoadMembers.yuan(expenseGift),
                    pointsEarned, pointsUsed, shortfall, LoadMembers.yuan(c.real), LoadMembers.yuan(c.gift), c.points,
                    time(at));
        }

        /** The entry's "after" columns are the card's pots after it: call after moving them. */
        long record(long bill, long cardId, int type, long money, long at) {
            long n = out.recordCount++;
            if (ids == null) {
                return n;
            }
            row(out.records, tenantId, ids.record + n, bill, cardId, type, LoadMembers.yuan(money), time(at));
            return ids.record + n;
        }

        void refund(long bill, long record, long money, long at) {
            long n = out.refundCount++;
            if (ids != null) {
                row(out.refunds, tenantId, ids.refund + n, bill, record, LoadMembers.yuan(money), time(at));
            }
        }

        long lot(long bill, long cardId, long points, long expires, long at) {
            long n = out.lotCount++;
            if (ids == null) {
                return n;
            }
            row(out.lots, tenantId, ids.lot + n, bill, cardId, points,
                    expires == Long.MAX_VALUE ? null : time(expires), time(at));
            return ids.lot + n;
        }

        void lotUse(long lot, long bill, String reason, long points, long at) {
            long n = out.lotUseCount++;
            if (ids != null) {
                row(out.lotUses, tenantId, ids.lotUse + n, lot, bill, reason, points, time(at));
            }
        }
    }

    static final String BILL_COPY = "copy bill (tenant_id, id, bill_no, kind, card_id, shop_id, operator_id,"
            + " api_key_id, business_date, amount, payment_type, related_bill_id, plan_id, gift_id, order_code,"
            + " created_at) from stdin";
    static final String RECORD_COPY = LoadMembers.RECORD_COPY;
    static final String REFUND_COPY =
            "copy payment_refund (tenant_id, id, bill_id, payment_record_id, money, created_at) from stdin";
    static final String LOT_USE_COPY =
            "copy points_lot_use (tenant_id, id, lot_id, bill_id, reason, points, created_at) from stdin";

    static String time(long epochSecond) {
        return LoadMembers.TIMESTAMP.format(Instant.ofEpochSecond(epochSecond));
    }

    /** One line of COPY's text format; no generated value holds a tab, newline or backslash. */
    static void row(StringBuilder text, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append('\t');
            }
            text.append(values[i] == null ? "\\N" : values[i].toString());
        }
        text.append('\n');
    }
}
