package com.membercard.demo;

import com.membercard.catalog.CardClassRequest;
import com.membercard.catalog.CardClasses;
import com.membercard.catalog.DeductOrder;
import com.membercard.catalog.GiftRequest;
import com.membercard.catalog.Gifts;
import com.membercard.catalog.MemberLevelRequest;
import com.membercard.catalog.MemberLevels;
import com.membercard.catalog.MemberTagRequest;
import com.membercard.catalog.MemberTags;
import com.membercard.catalog.RechargePlanRequest;
import com.membercard.catalog.RechargePlans;
import com.membercard.member.MemberManagement;
import com.membercard.member.MemberRequest;
import com.membercard.shared.Hashing;
import com.membercard.tenancy.ApiKeyManagement;
import com.membercard.tenancy.ApiKeyRequest;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.OperatorManagement;
import com.membercard.tenancy.OperatorRequest;
import com.membercard.tenancy.Role;
import com.membercard.tenancy.ShopManagement;
import com.membercard.tenancy.ShopRequest;
import com.membercard.tenancy.TenantDirectory;
import com.membercard.tenancy.TenantManagement;
import com.membercard.tenancy.TenantRequest;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code MEMBERCARD_DEMO=true}: on a database without tenants, a demo tenant to try the API in a
 * minute: two shops, an administrator and a cashier for each shop, a cashier API key (printed), a
 * full catalogue, 300 members with cards {@code DEMO000001…} whose secrets are {@code
 * demo-secret-000001…}, and three weeks at the tills ({@link DemoHistory}). Everything is made
 * through the same services as the API uses, so it obeys the same rules. It runs once, on a database
 * without tenants: a restart finds the tenant and adds nothing.
 */
@Component
@Order(10)
@ConditionalOnBooleanProperty("membercard.demo")
class DemoData implements ApplicationRunner {

    static final int MEMBERS = 300;
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英";

    private final TenantDirectory directory;
    private final DemoHistory history;
    private final TenantManagement tenants;
    private final ShopManagement shops;
    private final OperatorManagement operators;
    private final ApiKeyManagement apiKeys;
    private final MemberLevels levels;
    private final MemberTags tags;
    private final CardClasses cardClasses;
    private final Gifts gifts;
    private final RechargePlans plans;
    private final MemberManagement members;

    DemoData(
            TenantDirectory directory,
            TenantManagement tenants,
            ShopManagement shops,
            OperatorManagement operators,
            ApiKeyManagement apiKeys,
            MemberLevels levels,
            MemberTags tags,
            CardClasses cardClasses,
            Gifts gifts,
            RechargePlans plans,
            MemberManagement members,
            DemoHistory history) {
        this.directory = directory;
        this.history = history;
        this.tenants = tenants;
        this.shops = shops;
        this.operators = operators;
        this.apiKeys = apiKeys;
        this.levels = levels;
        this.tags = tags;
        this.cardClasses = cardClasses;
        this.gifts = gifts;
        this.plans = plans;
        this.members = members;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (directory.anyTenantExists()) {
            log.info("Demo data skipped: the database already has tenants");
            return;
        }
        String adminPassword = Hashing.newSecret("").substring(0, 16);
        long tenantId = tenants.create(new TenantRequest("演示餐饮连锁", "demo-admin", adminPassword, "Asia/Shanghai"))
                .id();
        long flagship = shops.create(tenantId, new ShopRequest("南京西路旗舰店", "SH001", "上海市静安区南京西路 1 号"));
        long xujiahui = shops.create(tenantId, new ShopRequest("徐家汇店", "SH002", "上海市徐汇区漕溪北路 2 号"));
        String cashierPassword = Hashing.newSecret("").substring(0, 16);
        long cashierId = operators.create(
                tenantId, new OperatorRequest("demo-cashier", cashierPassword, "收银员小王", Role.CASHIER, flagship, true));
        String secondCashierPassword = Hashing.newSecret("").substring(0, 16);
        long secondCashierId = operators.create(
                tenantId,
                new OperatorRequest("demo-cashier2", secondCashierPassword, "收银员小陈", Role.CASHIER, xujiahui, true));
        String key = apiKeys.create(tenantId, new ApiKeyRequest("演示收银台", Role.CASHIER, flagship, null))
                .key();

        List<Long> levelIds = List.of(
                levels.create(tenantId, new MemberLevelRequest("普通会员", 1, new BigDecimal("1"), null)),
                levels.create(tenantId, new MemberLevelRequest("银卡会员", 2, new BigDecimal("0.95"), null)),
                levels.create(tenantId, new MemberLevelRequest("金卡会员", 3, new BigDecimal("0.88"), null)));
        List<Long> tagIds = List.of(
                tags.create(tenantId, new MemberTagRequest("咖啡爱好者")),
                tags.create(tenantId, new MemberTagRequest("甜品控")),
                tags.create(tenantId, new MemberTagRequest("家庭客")));
        long storedValue = cardClasses.create(
                tenantId,
                new CardClassRequest("储值卡", 1, true, true, true, true, 1, 100, 365, DeductOrder.PROPORTIONAL));
        long pointsOnly = cardClasses.create(
                tenantId, new CardClassRequest("积分卡", 2, false, true, false, true, 10, 100, 0, DeductOrder.REAL_FIRST));
        long bag = gifts.create(tenantId, new GiftRequest("帆布袋", 200L, new BigDecimal("19.90"), null, true, 100));
        gifts.create(tenantId, new GiftRequest("保温杯", 800L, new BigDecimal("69.00"), null, true, null));
        long plan = plans.create(
                tenantId,
                new RechargePlanRequest(
                        "充100送10",
                        new BigDecimal("110"),
                        new BigDecimal("100"),
                        new BigDecimal("10"),
                        null,
                        null,
                        false,
                        "常年有效",
                        true));
        long modifiablePlan = plans.create(
                tenantId,
                new RechargePlanRequest(
                        "充500送80",
                        new BigDecimal("580"),
                        new BigDecimal("500"),
                        new BigDecimal("80"),
                        null,
                        null,
                        true,
                        "可改金额",
                        true));

        Random random = new Random(2026);
        for (int i = 1; i <= MEMBERS; i++) {
            String name = "" + SURNAMES.charAt(random.nextInt(SURNAMES.length()))
                    + GIVEN.charAt(random.nextInt(GIVEN.length()))
                    + (random.nextBoolean() ? "" : String.valueOf(GIVEN.charAt(random.nextInt(GIVEN.length()))));
            String phone = "13" + (5 + random.nextInt(5)) + String.format("%08d", i * 7919 % 100_000_000);
            members.create(
                    tenantId,
                    flagship,
                    new MemberRequest(
                            name,
                            random.nextInt(3),
                            LocalDateTime.of(
                                    1960 + random.nextInt(45), 1 + random.nextInt(12), 1 + random.nextInt(28), 0, 0),
                            phone,
                            null,
                            null,
                            null,
                            levelIds.get(i % levelIds.size()),
                            List.of(tagIds.get(i % tagIds.size())),
                            String.format("DEMO%06d", i),
                            String.format("demo-secret-%06d", i),
                            null,
                            storedValue(i) ? storedValue : pointsOnly,
                            1,
                            null,
                            null,
                            null));
        }
        long started = System.nanoTime();
        DemoHistory.Written written = history.write(
                tenantId,
                List.of(
                        till(tenantId, cashierId, flagship, "demo-cashier"),
                        till(tenantId, secondCashierId, xujiahui, "demo-cashier2")),
                new DemoHistory.Catalogue(plan, modifiablePlan, bag, 200, DemoData::storedValue),
                MEMBERS);
        log.warn(
                """
                Demo tenant created (id {}): {} members with cards DEMO000001…DEMO{} (secrets demo-secret-000001…),
                  and {} days at the tills of both shops ({} bills: recharges, card payments, refunds, gifts;
                  {} shop-days closed by day-end, today open), written in {} ms.
                  console sign-in (http://localhost:<port>/): demo-admin / {}
                  cashiers: demo-cashier / {} (南京西路旗舰店)   demo-cashier2 / {} (徐家汇店)
                  cashier API key for the README walk-through:
                  export MEMBERCARD_KEY={}""",
                tenantId,
                MEMBERS,
                String.format("%06d", MEMBERS),
                DemoHistory.DAYS,
                written.bills(),
                written.closedDays(),
                (System.nanoTime() - started) / 1_000_000,
                adminPassword,
                cashierPassword,
                secondCashierPassword,
                key);
    }

    private DemoHistory.Till till(long tenantId, long operatorId, long shopId, String username) {
        Caller cashier = new Caller(tenantId, Role.CASHIER, operatorId, null, shopId, username);
        return new DemoHistory.Till(cashier, directory.actor(cashier, null));
    }

    /** Every tenth demo card is a points card; the others hold stored value. */
    private static boolean storedValue(int card) {
        return card % 10 != 0;
    }
}
