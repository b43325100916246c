package com.membercard.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
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

/**
 * A member's phone and ID card number, role by role and view by view (issue 10, item 10): in full
 * for the tenant's administrators everywhere and for cashiers at the till; masked for auditors, and
 * in the export (op04) for everyone but the administrators.
 */
@IntegrationTest
class PersonalDataTest {

    static final String PHONE = "13812345678";
    static final String MASKED_PHONE = "138****5678";
    static final String ID_CARD = "110101199003071234";
    static final String MASKED_ID_CARD = "1101**********1234";

    @Autowired
    Fixtures fixtures;

    TenantFixture tenant;
    Catalogue catalogue;
    long memberId;
    String cardCode;
    String cardMac;

    @BeforeEach
    void aMemberWithAPhoneAndAnIdCard() {
        tenant = fixtures.tenant();
        catalogue = Fixtures.catalogue(tenant);
        Map<String, Object> body = Fixtures.member(catalogue, "phone", PHONE, "idCard", ID_CARD);
        memberId = Fixtures.createdId(tenant.cashier().post("/api/v1/members", body));
        cardCode = (String) body.get("cardCode");
        cardMac = (String) body.get("cardMac");
    }

    @Test
    void tenantAdministratorsSeeThemInFullEverywhere() {
        for (JsonNode member : everyView(tenant.admin())) {
            assertThat(member.path("phone").asString()).isEqualTo(PHONE);
            assertThat(member.path("idCard").asString()).isEqualTo(ID_CARD);
        }
        assertThat(exported(tenant.admin()).path("phone").asString()).isEqualTo(PHONE);
        assertThat(exported(tenant.admin()).path("idCard").asString()).isEqualTo(ID_CARD);
    }

    @Test
    void cashiersSeeThemInFullAtTheTillButNotInTheExport() {
        for (JsonNode member : everyView(tenant.cashier())) {
            assertThat(member.path("phone").asString()).isEqualTo(PHONE);
            assertThat(member.path("idCard").asString()).isEqualTo(ID_CARD);
        }
        assertThat(exported(tenant.cashier()).path("phone").asString()).isEqualTo(MASKED_PHONE);
        assertThat(exported(tenant.cashier()).path("idCard").asString()).isEqualTo(MASKED_ID_CARD);
    }

    @Test
    void auditorsSeeThemMaskedEverywhere() {
        for (JsonNode member : everyView(tenant.auditor())) {
            assertThat(member.path("phone").asString()).as(member.toString()).isEqualTo(MASKED_PHONE);
            assertThat(member.path("idCard").asString()).isEqualTo(MASKED_ID_CARD);
        }
        JsonNode export = exported(tenant.auditor());
        assertThat(export.path("phone").asString()).isEqualTo(MASKED_PHONE);
        assertThat(export.path("idCard").asString()).isEqualTo(MASKED_ID_CARD);
        assertThat(tenant.auditor().get("/api/v1/members/" + memberId).raw())
                .doesNotContain(PHONE)
                .doesNotContain(ID_CARD);
    }

    @Test
    void thePlatformAdministratorsExportOfATenantIsMasked() {
        Api.Response export = fixtures.platform()
                .get("/api/v1/members/by-class?classId=" + catalogue.classId() + "&tenantId=" + tenant.id());

        assertThat(export.body().get(0).path("phone").asString()).isEqualTo(MASKED_PHONE);
        assertThat(export.raw()).doesNotContain(PHONE).doesNotContain(ID_CARD);
    }

    @Test
    void theMasksKeepTheEndsAndHideTheMiddle() {
        assertThat(PersonalData.maskPhone(PHONE)).isEqualTo(MASKED_PHONE);
        assertThat(PersonalData.maskIdCard(ID_CARD)).isEqualTo(MASKED_ID_CARD);
        assertThat(PersonalData.maskIdCard("11010119900307")).isEqualTo("1101******0307");
        assertThat(PersonalData.maskPhone("0571-8888")).isEqualTo("*******88");
        assertThat(PersonalData.maskPhone("1234")).isEqualTo("****");
        assertThat(PersonalData.maskPhone(null)).isNull();
        assertThat(PersonalData.maskPhone("")).isEmpty();
    }

    /** op01, op02, op03, op07 by keyword and op07 by secret: the member as each shows it. */
    private List<JsonNode> everyView(Api caller) {
        JsonNode one = ok(caller.get("/api/v1/members/" + memberId));
        JsonNode list = ok(caller.get("/api/v1/members?keyword=" + cardCode)).path("data");
        JsonNode opened =
                ok(caller.get("/api/v1/members/opened?keyword=" + cardCode)).path("data");
        JsonNode search = ok(caller.get("/api/v1/members/search?keyword=" + PHONE));
        JsonNode bySecret = ok(caller.get("/api/v1/members/search?mac=" + cardMac));
        for (JsonNode rows : List.of(list, opened, search, bySecret)) {
            assertThat(rows.size()).as(rows.toString()).isEqualTo(1);
        }
        return List.of(one, list.get(0), opened.get(0), search.get(0), bySecret.get(0));
    }

    private JsonNode exported(Api caller) {
        JsonNode export = ok(caller.get("/api/v1/members/by-class?classId=" + catalogue.classId()));
        assertThat(export.size()).isEqualTo(1);
        return export.get(0);
    }

    private static JsonNode ok(Api.Response answer) {
        assertThat(answer.http()).as(answer.toString()).isEqualTo(200);
        return answer.body();
    }
}
