package com.membercard.reliability.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.AdminResource;
import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.MemberFiles;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A tenant with one of everything an attacker could aim at: a row of every catalogue and admin
 * resource, a member whose card holds money and points, a paid order, a recharge and its payment
 * record, a lost card and an empty one. Every name and card code contains the tenant's
 * {@link #canary}, so that an answer showing any of them to someone else is caught by a text search.
 */
final class TargetTenant {

    /** What an attacker may call itself: the roles of the access rules, and no credential at all. */
    enum Who {
        ANONYMOUS,
        PLATFORM_ADMIN,
        TENANT_ADMIN,
        CASHIER,
        AUDITOR
    }

    /** the password {@link Fixtures#tenant()} gives every tenant administrator */
    static final String ADMIN_PASSWORD = "secret-123";

    final Fixtures fixtures;
    final TillFixture till;
    final String canary;
    final long id;
    /** the shop of the tenant's cashier key */
    final long shopId;
    /**
     * holds money and points; {@link #orderCode} was paid with it (and by scan pay), {@link #rechargeCode}
     * onto it
     */
    final TestCard card;

    final String orderCode;
    final String rechargeCode;
    /** a payment record of {@link #card} (what a balance refund follows back) */
    final long recordId;
    /** reported lost */
    final TestCard lostCard;
    /** holds nothing: it may be voided */
    final TestCard emptyCard;
    /** the card whose payment codes the attacks use: none of them voids or returns it */
    final TestCard payCodeCard;
    /** locked by wrong secrets: its code, with the canary, is the subject of an event in the tenant's log */
    final TestCard lockedCard;

    /** a member file in the import folder, named after the canary, imported once by {@link #importJobId} */
    final String importFile;

    final long importJobId;

    private final Map<String, Long> resourceIds = new HashMap<>();
    private final long tagId;
    private String stateSql;

    private TargetTenant(Fixtures fixtures) {
        this.fixtures = fixtures;
        this.till = TillFixture.create(fixtures, "PROPORTIONAL", 1, 0);
        this.canary = "cnry" + UUID.randomUUID().toString().substring(0, 8);
        this.id = till.tenant.id();
        this.shopId = till.tenant.shopId();
        for (AdminResource resource : AdminResource.ALL) {
            String name =
                    canary + "-" + resource.path().substring(resource.path().lastIndexOf('/') + 1);
            resourceIds.put(
                    resource.path(),
                    AdminResource.idOf(
                            admin().post(resource.path(), resource.body().apply(name))));
        }
        this.tagId = resourceIds.get("/api/v1/member-tags");
        this.card = newCard("300.00", "30.00");
        this.rechargeCode = Fixtures.recharge(cashier(), card.code(), card.mac(), "50.00", "0")
                .data()
                .path("rechargeCode")
                .asString();
        this.orderCode = canary + "-order";
        assertThat(till.pay(card, "150.00", orderCode).status()).isEqualTo(200);
        // the same order number also names a scan payment (op25) of the tenant
        assertThat(cashier()
                        .post(
                                "/api/v1/scan-payments",
                                Map.of("payCode", "134567890123456700", "orderCode", orderCode, "money", "150.00"))
                        .status())
                .isEqualTo(200);
        this.recordId = cashier()
                .get("/api/v1/balance-refunds/draft?cardCode=" + card.code())
                .body()
                .path("details")
                .path(0)
                .path("recordId")
                .asLong();
        this.lostCard = newCard("10.00", "0");
        assertThat(cashier()
                        .post(
                                "/api/v1/cards/report-loss",
                                Map.of("cardCode", lostCard.code(), "timestamp", Fixtures.unique("lost")))
                        .status())
                .isEqualTo(200);
        this.emptyCard = newCard(null, null);
        this.payCodeCard = newCard("10.00", "0");
        this.lockedCard = newCard(null, null);
        for (int i = 1; i <= 5; i++) {
            cashier().get("/api/v1/cards?cardCode=" + lockedCard.code() + "&mac=wrong-" + i);
        }
        assertThat(cashier()
                        .get("/api/v1/cards?cardCode=" + lockedCard.code() + "&mac=" + lockedCard.mac())
                        .status())
                .as("even the right secret, once locked")
                .isEqualTo(610);
        this.importFile = canary + ".csv";
        MemberFiles.write(
                id,
                importFile,
                MemberFiles.csv(List.of(List.of("姓名", "卡号", "余额"), List.of(canary, newCardCode(), "12.00"))));
        this.importJobId = MemberFiles.importAndWait(admin(), importFile, till.classId, till.levelId)
                .path("id")
                .asLong();
    }

    static TargetTenant create(Fixtures fixtures) {
        return new TargetTenant(fixtures);
    }

    /** A member with a card of this tenant, named after the canary; with money when {@code real} is given. */
    TestCard newCard(String real, String gift) {
        Map<String, Object> member = Fixtures.member(catalogue(), "name", canary, "cardCode", newCardCode());
        long memberId = Fixtures.createdId(cashier().post("/api/v1/members", member));
        TestCard fresh = new TestCard((String) member.get("cardCode"), (String) member.get("cardMac"), memberId);
        if (real != null) {
            assertThat(till.recharge(fresh, real, gift).status()).isEqualTo(200);
        }
        return fresh;
    }

    /** A member body for op19/op20 on this tenant's catalogue, with a fresh card. */
    Map<String, Object> memberBody() {
        return Fixtures.member(catalogue(), "cardCode", newCardCode());
    }

    private Fixtures.Catalogue catalogue() {
        return new Fixtures.Catalogue(till.levelId, till.classId, tagId, tagId);
    }

    private String newCardCode() {
        return Fixtures.unique(canary + "-");
    }

    long id(String resourcePath) {
        return resourceIds.get(resourcePath);
    }

    long giftId() {
        return id("/api/v1/gifts");
    }

    /** A payment code of {@link #payCodeCard}, fresh: they live 60 seconds. */
    String payCode() {
        Api.Response issued =
                cashier().post("/api/v1/cards/pay-code", Map.of("code", payCodeCard.code(), "mac", payCodeCard.mac()));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
        return issued.data().asString();
    }

    Api admin() {
        return till.tenant.admin();
    }

    Api cashier() {
        return till.tenant.cashier();
    }

    Api as(Who who) {
        return switch (who) {
            case ANONYMOUS -> fixtures.anonymous();
            case PLATFORM_ADMIN -> fixtures.platform();
            case TENANT_ADMIN -> admin();
            case CASHIER -> cashier();
            case AUDITOR -> till.tenant.auditor();
        };
    }

    /**
     * A session of its own for a call that ends the caller's session (sign-out), so that the shared
     * ones live on. API keys are not ended by a sign-out; login tokens are.
     */
    Api freshSession(Who who) {
        return switch (who) {
            case PLATFORM_ADMIN ->
                fixtures.anonymous().as(fixtures.login(Fixtures.PLATFORM_ADMIN, Fixtures.PLATFORM_PASSWORD));
            case TENANT_ADMIN -> fixtures.anonymous().as(fixtures.login(till.tenant.adminUsername(), ADMIN_PASSWORD));
            default -> as(who);
        };
    }

    /**
     * Every row this tenant owns, table by table (row count and a digest of the rows): any change
     * an attack makes, a new row or a changed field, shows as a difference. The member totals are
     * left out: a background job folds them all the time, and reconciliation checks them anyway.
     */
    Map<String, String> state() {
        return fixtures
                .nodeOf(id)
                .sql(stateSql())
                .param("tenant", id)
                .query((rs, n) -> Map.entry(rs.getString("name"), rs.getString("rows")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** One query over every table with a tenant_id, whichever tables the schema has by now. */
    private String stateSql() {
        if (stateSql != null) {
            return stateSql;
        }
        List<String> tables = fixtures.nodeOf(id).sql("""
                        select c.table_name from information_schema.columns c
                        join information_schema.tables t
                          on t.table_schema = c.table_schema and t.table_name = c.table_name
                        where c.table_schema = current_schema() and c.column_name = 'tenant_id'
                          and t.table_type = 'BASE TABLE' -- a view shows what the tables hold
                          -- the fold job moves rows between these two; the reconciliation checks them
                          and c.table_name not in ('member_totals', 'member_totals_delta')
                        order by c.table_name""").query(String.class).list();
        stateSql = tables.stream()
                        .map(table -> "select '" + table
                                + "' as name, count(*) || ' rows ' || md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as rows from "
                                + table + " t where tenant_id = :tenant")
                        .collect(Collectors.joining(" union all "))
                + " union all select 'tenant', md5(t::text) from tenant t where id = :tenant";
        return stateSql;
    }

    @Override
    public String toString() {
        return canary;
    }
}
