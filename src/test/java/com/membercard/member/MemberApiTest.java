package com.membercard.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Concurrently;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.Catalogue;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** op19, op20 and op01: creating, changing and reading a member with their card. */
@IntegrationTest
class MemberApiTest {

    @Autowired
    Fixtures fixtures;

    TenantFixture tenant;
    Catalogue catalogue;

    @BeforeEach
    void freshTenant() {
        tenant = fixtures.tenant();
        catalogue = Fixtures.catalogue(tenant);
    }

    @Test
    void op19OpensTheCardAndOp01ShowsEveryDocumentedField() {
        Map<String, Object> body = Fixtures.member(
                catalogue,
                "name",
                "李娜",
                "cardMac",
                "long-secret-8765",
                "memberTagIds",
                List.of(catalogue.tagA(), catalogue.tagB()),
                "balance",
                999,
                "actualPoints",
                50);

        long id = Fixtures.createdId(tenant.cashier().post("/api/v1/members", body));
        JsonNode member = tenant.cashier().get("/api/v1/members/" + id).body();

        assertThat(member.propertyNames())
                .containsExactlyInAnyOrder(
                        "cardId",
                        "cardCode",
                        "cardMac",
                        "cardClassId",
                        "cardClassName",
                        "totalRecharge",
                        "actualRecharge",
                        "giveRecharge",
                        "totalExpense",
                        "actualExpense",
                        "giveExpense",
                        "balance",
                        "actualBalance",
                        "giveBalance",
                        "totalPoints",
                        "actualPoints",
                        "usedPoints",
                        "pointsDisabledDate",
                        "effectiveTime",
                        "cardStatus",
                        "cardStatusName",
                        "cardSendMode",
                        "cardSendShopName",
                        "name",
                        "sex",
                        "birthday",
                        "phone",
                        "idCard",
                        "address",
                        "code",
                        "memberLevelId",
                        "memberLevel",
                        "memberLevelName",
                        "memberTagIds",
                        "memberTagNames",
                        "memberTags",
                        "id");
        assertThat(member.path("id").asLong()).isEqualTo(id);
        assertThat(member.path("name").asString()).isEqualTo("李娜");
        assertThat(member.path("cardCode").asString()).isEqualTo(body.get("cardCode"));
        assertThat(member.path("cardMac").asString()).isEqualTo("****8765");
        assertThat(member.path("cardClassName").asString()).isEqualTo("储值金卡");
        assertThat(member.path("memberLevel").asInt()).isEqualTo(3);
        assertThat(member.path("memberLevelName").asString()).isEqualTo("金卡会员");
        assertThat(member.path("memberTagIds").size()).isEqualTo(2);
        assertThat(member.path("memberTags").get(0).path("name").asString()).isNotBlank();
        assertThat(member.path("cardStatus").asInt()).isEqualTo(1);
        assertThat(member.path("cardStatusName").asString()).isEqualTo("正常");
        assertThat(member.path("cardSendMode").asInt()).isEqualTo(1);
        assertThat(member.path("cardSendShopName").asString())
                .as("the cashier key's shop")
                .isNotBlank();
        assertThat(member.path("birthday").asString()).isEqualTo("1990-05-01 00:00:00");
        assertThat(member.path("effectiveTime").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(member.path("code").asString()).as("generated member number").matches("M\\d{8}");
        assertThat(member.path("balance").decimalValue())
                .as("money fields of the request are ignored")
                .isZero();
        assertThat(member.path("actualPoints").asLong()).isZero();
        assertThat(member.path("pointsDisabledDate").isNull()).isTrue();
    }

    @Test
    void theSecretIsStoredOnlyAsAKeyedHashAndThePinOnlyAsASlowHash() {
        long id = Fixtures.createdId(tenant.cashier()
                .post(
                        "/api/v1/members",
                        Fixtures.member(catalogue, "cardMac", "plain-secret-4321", "cardPassword", "246810")));

        Map<String, Object> stored = fixtures.jdbc()
                .sql("select encode(mac_hash, 'hex') as mac_hash, mac_last4, pin_hash from card where member_id = ?")
                .param(id)
                .query()
                .singleRow();

        assertThat(stored.get("mac_hash").toString()).hasSize(64).doesNotContain("plain-secret");
        assertThat(stored.get("mac_last4")).isEqualTo("4321");
        assertThat(stored.get("pin_hash").toString()).startsWith("$2a$").doesNotContain("246810");
    }

    @Test
    void aCardNeedsItsCodeAndClass() {
        // without cardMac the server draws the secret (CardPolicyTest)
        for (String field : List.of("cardCode", "cardClassId")) {
            Api.Response answer = tenant.cashier().post("/api/v1/members", Fixtures.member(catalogue, field, null));

            assertThat(answer.status()).as(field).isEqualTo(400);
            assertThat(answer.data().path("field").asString()).isEqualTo(field);
        }
        assertThat(memberCount()).isZero();
    }

    @Test
    void unknownLevelClassOrTagIsRefusedNamingTheField() {
        TenantFixture other = fixtures.tenant();
        Catalogue foreign = Fixtures.catalogue(other);
        Object[][] cases = {
            {"memberLevelId", foreign.levelId()},
            {"cardClassId", foreign.classId()},
            {"memberTagIds", List.of(foreign.tagA())},
            {"memberLevelId", 987654321L}
        };
        for (Object[] bad : cases) {
            Api.Response answer = tenant.cashier().post("/api/v1/members", Fixtures.member(catalogue, bad[0], bad[1]));

            assertThat(answer.status()).as("%s", bad[0]).isEqualTo(400);
            assertThat(answer.data().path("field").asString()).isEqualTo(bad[0]);
        }
        assertThat(memberCount()).isZero();
    }

    @Test
    void aPhoneCardCodeOrMemberCodeAlreadyTakenIsAConflictNamingTheField() {
        Map<String, Object> first = Fixtures.member(catalogue, "code", "VIP001");
        Fixtures.createdId(tenant.cashier().post("/api/v1/members", first));

        Api.Response samePhone =
                tenant.cashier().post("/api/v1/members", Fixtures.member(catalogue, "phone", first.get("phone")));
        Api.Response sameCard =
                tenant.cashier().post("/api/v1/members", Fixtures.member(catalogue, "cardCode", first.get("cardCode")));
        Api.Response sameSecret =
                tenant.cashier().post("/api/v1/members", Fixtures.member(catalogue, "cardMac", first.get("cardMac")));
        Api.Response sameCode = tenant.cashier().post("/api/v1/members", Fixtures.member(catalogue, "code", "VIP001"));

        assertThat(List.of(samePhone, sameCard, sameSecret, sameCode))
                .allSatisfy(a -> assertThat(a.http()).isEqualTo(409));
        assertThat(samePhone.data().path("field").asString()).isEqualTo("phone");
        assertThat(sameCard.data().path("field").asString()).isEqualTo("cardCode");
        assertThat(sameSecret.data().path("field").asString()).isEqualTo("cardMac");
        assertThat(sameCode.data().path("field").asString()).isEqualTo("code");
        assertThat(memberCount()).isEqualTo(1);
    }

    @Test
    void theSamePhoneOrCardInAnotherTenantIsFine() {
        Map<String, Object> body = Fixtures.member(catalogue);
        Fixtures.createdId(tenant.cashier().post("/api/v1/members", body));
        TenantFixture other = fixtures.tenant();
        Catalogue otherCatalogue = Fixtures.catalogue(other);

        Api.Response answer = other.cashier()
                .post(
                        "/api/v1/members",
                        Fixtures.member(
                                otherCatalogue,
                                "phone",
                                body.get("phone"),
                                "cardCode",
                                body.get("cardCode"),
                                "cardMac",
                                body.get("cardMac")));

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void twoConcurrentCreatesWithOnePhoneGiveOneMember() throws Exception {
        String phone = "13700001111";
        List<Api.Response> answers = Concurrently.run(
                8, i -> tenant.cashier().post("/api/v1/members", Fixtures.member(catalogue, "phone", phone)));

        assertThat(answers.stream().filter(a -> a.status() == 200)).hasSize(1);
        assertThat(answers.stream().filter(a -> a.http() == 409)).hasSize(7);
        assertThat(memberCount()).isEqualTo(1);
    }

    @Test
    void op20ChangesTheMembersOwnFieldsTagsAndLevel() {
        long id = Fixtures.createdId(tenant.cashier().post("/api/v1/members", Fixtures.member(catalogue)));
        long silver = Fixtures.createdId(
                tenant.admin().post("/api/v1/member-levels", Map.of("name", "银卡会员", "level", 2, "discount", "0.95")));

        Api.Response answer = tenant.cashier()
                .put(
                        "/api/v1/members/" + id,
                        Map.of(
                                "name",
                                "王芳",
                                "sex",
                                2,
                                "phone",
                                "13600002222",
                                "memberLevelId",
                                silver,
                                "memberTagIds",
                                List.of(catalogue.tagB()),
                                "address",
                                "北京市",
                                "balance",
                                500,
                                "cardCode",
                                "IGNORED"));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode member = tenant.cashier().get("/api/v1/members/" + id).body();
        assertThat(member.path("name").asString()).isEqualTo("王芳");
        assertThat(member.path("phone").asString()).isEqualTo("13600002222");
        assertThat(member.path("memberLevelName").asString()).isEqualTo("银卡会员");
        assertThat(member.path("memberTagIds").get(0).asLong()).isEqualTo(catalogue.tagB());
        assertThat(member.path("balance").decimalValue()).isZero();
        assertThat(member.path("cardCode").asString()).isNotEqualTo("IGNORED");
        assertThat(tenant.cashier()
                        .get("/api/v1/members?memberLevel=" + silver)
                        .body()
                        .path("totalCount")
                        .asLong())
                .as("the list filter follows the new level")
                .isEqualTo(1);
    }

    @Test
    void op20RefusesAPhoneOfAnotherMember() {
        Map<String, Object> first = Fixtures.member(catalogue);
        Fixtures.createdId(tenant.cashier().post("/api/v1/members", first));
        long second = Fixtures.createdId(tenant.cashier().post("/api/v1/members", Fixtures.member(catalogue)));

        Api.Response answer = tenant.cashier()
                .put("/api/v1/members/" + second, Fixtures.member(catalogue, "phone", first.get("phone")));

        assertThat(answer.http()).isEqualTo(409);
        assertThat(answer.data().path("field").asString()).isEqualTo("phone");
    }

    @Test
    void unknownMembersAnswer404() {
        assertThat(tenant.cashier().get("/api/v1/members/987654321").status()).isEqualTo(404);
        assertThat(tenant.cashier()
                        .put("/api/v1/members/987654321", Fixtures.member(catalogue))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void badMemberFieldsAreRefusedNamingTheField() {
        Object[][] cases = {
            {"name", "名".repeat(51)},
            {"sex", 3},
            {"phone", "not-a-phone!"},
            {"birthday", "2999-01-01"},
            {"birthday", "1990-02-30"},
            {"cardMac", "abc"},
            {"cardPassword", "12ab"},
            {"code", "bad code with spaces"},
            {"memberTagIds", "not a list"}
        };
        for (Object[] bad : cases) {
            Api.Response answer = tenant.cashier().post("/api/v1/members", Fixtures.member(catalogue, bad[0], bad[1]));

            assertThat(answer.status()).as("%s=%s: %s", bad[0], bad[1], answer).isEqualTo(400);
            assertThat(answer.data().path("field").asString()).isEqualTo(bad[0]);
        }
        assertThat(memberCount()).isZero();
    }

    private long memberCount() {
        return tenant.admin().get("/api/v1/members").body().path("totalCount").asLong();
    }
}
