package com.membercard.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.support.Api;
import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.IntegrationTest;
import com.membercard.support.MemberFiles;
import com.membercard.support.MemberFiles.Formula;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** op38 through HTTP: files in, members, cards and opening balances out, every bad row reported. */
@IntegrationTest
class ImportApiTest {

    @Autowired
    Fixtures fixtures;

    TenantFixture tenant;
    long levelId;
    long classId;
    String tag;
    String prefix;

    @BeforeEach
    void freshTenant() {
        tenant = fixtures.tenant();
        levelId = Fixtures.createdId(
                tenant.admin().post("/api/v1/member-levels", Map.of("name", "银卡", "level", 2, "discount", "0.95")));
        Fixtures.createdId(
                tenant.admin().post("/api/v1/member-levels", Map.of("name", "金卡", "level", 3, "discount", "0.9")));
        classId = Fixtures.createdId(tenant.admin().post("/api/v1/card-classes", Fixtures.cardClass("储值卡")));
        tag = Fixtures.unique("咖啡");
        Fixtures.createdId(tenant.admin().post("/api/v1/member-tags", Map.of("name", tag)));
        prefix = "IM" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    private String phone() {
        return "137" + String.format("%08d", Math.abs(UUID.randomUUID().hashCode()) % 100_000_000);
    }

    private JsonNode member(String cardCode) {
        JsonNode page =
                tenant.admin().get("/api/v1/members?keyword=" + cardCode).body();
        assertThat(page.path("data").size())
                .as("members with card %s", cardCode)
                .isEqualTo(1);
        return page.path("data").path(0);
    }

    private JsonNode errors(long jobId) {
        return tenant.admin().get("/api/v1/import-jobs/" + jobId + "/errors").body();
    }

    @Test
    void aCsvWithChineseHeadersInAnyOrderImportsGoodRowsWithOpeningBalancesAndReportsTheRest() {
        String samePhone = phone();
        List<List<String>> rows = List.of(
                List.of("卡号", "余额", "姓名", "手机", "赠送余额", "积分", "标签", "等级", "卡密", "备注", "性别", "生日"),
                List.of(
                        prefix + "1",
                        "150.00",
                        "王芳",
                        samePhone,
                        "50.00",
                        "200",
                        tag,
                        "金卡",
                        "secret-0001",
                        "老会员",
                        "女",
                        "1988-02-03"),
                List.of(prefix + "2", "", "李雷", phone(), "", "", "", "", "secret-0002", "", "男", ""),
                List.of(prefix + "3", "10", "韩梅梅", "138abc", "", "", "", "", "secret-0003", "", "", ""),
                List.of(prefix + "4", "1.234", "赵四", phone(), "", "", "", "", "secret-0004", "", "", ""),
                List.of(prefix + "5", "", "钱五", samePhone, "", "", "", "", "secret-0005", "", "", ""),
                List.of(prefix + "6", "", "孙六", phone(), "", "", "不存在的标签", "", "secret-0006", "", "", ""),
                List.of(prefix + "7", "", "周七", phone(), "", "", "", "钻石", "secret-0007", "", "", ""),
                List.of(prefix + "8", "5", "吴八", phone(), "6", "", "", "", "secret-0008", "", "", ""));
        String file = prefix + ".csv";
        MemberFiles.write(tenant.id(), file, MemberFiles.csv(rows));

        JsonNode job = MemberFiles.importAndWait(tenant.admin(), file, classId, levelId);

        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.path("rowsTotal").asInt()).isEqualTo(8);
        assertThat(job.path("rowsRead").asInt()).isEqualTo(8);
        assertThat(job.path("rowsImported").asInt()).isEqualTo(2);
        assertThat(job.path("rowsSkipped").asInt())
                .as("the phone of an earlier row")
                .isEqualTo(1);
        assertThat(job.path("rowsFailed").asInt()).isEqualTo(5);
        assertThat(job.path("percent").asInt()).isEqualTo(100);
        assertThat(job.path("warnings").toString()).contains("备注");

        JsonNode first = member(prefix + "1");
        assertThat(first.path("name").asString()).isEqualTo("王芳");
        assertThat(first.path("balance").decimalValue()).isEqualByComparingTo("150.00");
        assertThat(first.path("giveBalance").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(first.path("actualBalance").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(first.path("actualPoints").asLong()).isEqualTo(200);
        assertThat(first.path("sex").asInt()).isEqualTo(2);
        assertThat(first.path("memberLevelName").asString()).isEqualTo("金卡");
        assertThat(member(prefix + "2").path("memberLevelId").asLong()).isEqualTo(levelId);

        Map<Integer, String> columns = new java.util.HashMap<>();
        errors(job.path("id").asLong())
                .forEach(
                        e -> columns.put(e.path("row").asInt(), e.path("column").asString()));
        assertThat(columns)
                .containsEntry(4, "手机/phone")
                .containsEntry(5, "余额/balance")
                .containsEntry(6, "手机/phone")
                .containsEntry(7, "标签/tags")
                .containsEntry(8, "等级/level")
                .containsEntry(9, "赠送余额/giveBalance");
        JsonNode english = tenant.admin()
                .inEnglish()
                .get("/api/v1/import-jobs/" + job.path("id").asLong() + "/errors")
                .body();
        assertThat(english.toString()).contains("already taken");

        // the card works with its secret, and the opening balance is a bill of the ledger
        JsonNode card = tenant.cashier()
                .get("/api/v1/cards?cardCode=" + prefix + "1&mac=secret-0001")
                .body();
        assertThat(card.toString()).contains(prefix + "1");
        JsonNode reconciliation =
                tenant.admin().get("/api/v1/ledger/reconciliation").body();
        assertThat(reconciliation.toString()).doesNotContain(prefix);
    }

    @Test
    void importingTheSameFileAgainCreatesNoDuplicates() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("name", "cardCode", "mac", "balance", "points", "phone"));
        for (int i = 1; i <= 5; i++) {
            rows.add(List.of("会员" + i, prefix + i, "secret-000" + i, "20.00", "3", phone()));
        }
        String file = prefix + "-again.csv";
        MemberFiles.write(tenant.id(), file, MemberFiles.csv(rows));

        JsonNode first = MemberFiles.importAndWait(tenant.admin(), file, classId, levelId);
        JsonNode second = MemberFiles.importAndWait(tenant.admin(), file, classId, levelId);

        assertThat(first.path("rowsImported").asInt()).as(first.toString()).isEqualTo(5);
        assertThat(second.path("rowsImported").asInt()).as(second.toString()).isZero();
        assertThat(second.path("rowsSkipped").asInt()).isEqualTo(5);
        assertThat(tenant.admin()
                        .get("/api/v1/members?keyword=" + prefix)
                        .body()
                        .path("totalCount")
                        .asInt())
                .isEqualTo(5);
        assertThat(member(prefix + "1").path("balance").decimalValue()).isEqualByComparingTo("20.00");
    }

    @Test
    void gbkAndUtf8WithAByteOrderMarkAreBothRead() {
        List<List<String>> rows =
                List.of(List.of("姓名", "卡号", "卡密", "地址"), List.of("欧阳娜娜", prefix + "G", "secret-gbk1", "北京市朝阳区"));
        MemberFiles.write(tenant.id(), prefix + "-gbk.csv", MemberFiles.csv(rows, Charset.forName("GBK"), false));
        List<List<String>> bomRows = List.of(List.of("姓名", "卡号", "卡密"), List.of("诸葛亮", prefix + "B", "secret-bom1"));
        MemberFiles.write(tenant.id(), prefix + "-bom.csv", MemberFiles.csv(bomRows, StandardCharsets.UTF_8, true));

        JsonNode gbk = MemberFiles.importAndWait(tenant.admin(), prefix + "-gbk.csv", classId, levelId);
        JsonNode bom = MemberFiles.importAndWait(tenant.admin(), prefix + "-bom.csv", classId, levelId);

        assertThat(gbk.path("rowsImported").asInt()).as(gbk.toString()).isEqualTo(1);
        assertThat(bom.path("rowsImported").asInt()).as(bom.toString()).isEqualTo(1);
        assertThat(member(prefix + "G").path("name").asString()).isEqualTo("欧阳娜娜");
        assertThat(member(prefix + "B").path("name").asString()).isEqualTo("诸葛亮");
    }

    @Test
    void anXlsxIsReadWithNumbersDatesAndFormulasTakenAsTheyShouldBe() {
        String phone = phone();
        List<List<Object>> rows = List.of(
                List.of("手机", "姓名", "卡号", "卡密", "余额", "生日"),
                List.of(Long.parseLong(phone), "表格会员", prefix + "X1", "secret-x001", 88.5, 32994),
                List.of(phone(), "公式会员", prefix + "X2", "secret-x002", new Formula("1+1"), ""));
        MemberFiles.write(tenant.id(), prefix + ".xlsx", MemberFiles.xlsx(rows));

        JsonNode job = MemberFiles.importAndWait(tenant.admin(), prefix + ".xlsx", classId, levelId);

        assertThat(job.path("rowsImported").asInt()).as(job.toString()).isEqualTo(1);
        assertThat(job.path("rowsFailed").asInt()).isEqualTo(1);
        JsonNode member = member(prefix + "X1");
        assertThat(member.path("phone").asString()).isEqualTo(phone);
        assertThat(member.path("balance").decimalValue()).isEqualByComparingTo("88.50");
        assertThat(member.path("birthday").asString()).startsWith("1990-05-01");
        assertThat(errors(job.path("id").asLong()).path(0).path("column").asString())
                .isEqualTo("余额/balance");
    }

    @Test
    void aRowWithoutASecretGetsOneThatOnlyTheKeyOfOp38sAnswerOpens() {
        MemberFiles.write(
                tenant.id(),
                prefix + "-nosecret.csv",
                MemberFiles.csv(List.of(List.of("姓名", "卡号"), List.of("无卡密", prefix + "N"))));
        Api.Response started = tenant.admin()
                .post("/api/v1/members/import", MemberFiles.request(prefix + "-nosecret.csv", classId, levelId));
        long jobId = started.data().path("jobId").asLong();
        String key = started.data().path("secretsKey").asString();
        JsonNode job = MemberFiles.waitFor(tenant.admin(), jobId);
        assertThat(job.path("drawnSecrets").asInt()).as(job.toString()).isEqualTo(1);

        Api.Response opened = tenant.admin()
                .sendRaw("GET", "/api/v1/import-jobs/" + jobId + "/drawn-secrets", null, Map.of("X-Secrets-Key", key));
        String mac = opened.body().path(0).path("mac").asString();
        Api.Response wrongKey = tenant.admin()
                .sendRaw(
                        "GET",
                        "/api/v1/import-jobs/" + jobId + "/drawn-secrets",
                        null,
                        Map.of("X-Secrets-Key", SecretSeal.newKeys().privateKey()));

        assertThat(mac).hasSizeGreaterThanOrEqualTo(8);
        assertThat(wrongKey.status()).isEqualTo(400);
        assertThat(tenant.cashier()
                        .get("/api/v1/cards?cardCode=" + prefix + "N&mac=" + mac)
                        .http())
                .isEqualTo(200);
        String stored = fixtures.jdbc()
                .sql("select encode(sealed, 'escape') from import_job_secret where tenant_id = :t and job_id = :j")
                .param("t", tenant.id())
                .param("j", jobId)
                .query(String.class)
                .single();
        assertThat(stored).doesNotContain(mac);
    }

    @Test
    void aSecretShorterThanTheTenantsPolicyIsAReportedRow() {
        MemberFiles.write(
                tenant.id(),
                prefix + "-short.csv",
                MemberFiles.csv(List.of(List.of("姓名", "卡号", "卡密"), List.of("短卡密", prefix + "S", "abc"))));

        JsonNode job = MemberFiles.importAndWait(tenant.admin(), prefix + "-short.csv", classId, levelId);

        assertThat(job.path("rowsFailed").asInt()).as(job.toString()).isEqualTo(1);
        assertThat(errors(job.path("id").asLong()).path(0).path("column").asString())
                .isEqualTo("卡密/mac");
    }

    @Test
    void aTenantNeverImportsAnotherTenantsFile() {
        java.nio.file.Path theirs = MemberFiles.write(
                tenant.id(),
                prefix + "-theirs.csv",
                MemberFiles.csv(List.of(List.of("姓名", "卡号"), List.of("别家会员", prefix + "T"))));
        TenantFixture other = fixtures.tenant();
        long otherClass = Fixtures.createdId(other.admin().post("/api/v1/card-classes", Fixtures.cardClass("储值卡")));

        for (String path : List.of(
                prefix + "-theirs.csv", "../" + tenant.id() + "/" + prefix + "-theirs.csv", theirs.toString())) {
            Api.Response answer =
                    other.admin().post("/api/v1/members/import", MemberFiles.request(path, otherClass, null));
            assertThat(answer.http()).as(path + ": " + answer).isEqualTo(400);
            assertThat(answer.message()).as(path).contains("filePath");
        }
    }

    @Test
    void onlyFilesInsideTheImportFolderAreOpened() throws Exception {
        java.nio.file.Path outside = java.nio.file.Files.createTempFile("members", ".csv");
        java.nio.file.Files.write(outside, MemberFiles.csv(List.of(List.of("姓名", "卡号"), List.of("外面", prefix + "O"))));
        java.nio.file.Path link = MemberFiles.folder(tenant.id()).resolve(prefix + "-link.csv");
        java.nio.file.Files.createSymbolicLink(link, outside);

        for (String path : List.of(
                "../" + prefix + ".csv", outside.toString(), prefix + "-link.csv", "sub/../../x.csv", "/etc/passwd")) {
            Api.Response answer =
                    tenant.admin().post("/api/v1/members/import", MemberFiles.request(path, classId, levelId));
            assertThat(answer.http()).as(path + ": " + answer).isEqualTo(400);
            assertThat(answer.message()).as(path).contains("filePath");
        }
        assertThat(tenant.admin()
                        .get("/api/v1/members?keyword=" + prefix)
                        .body()
                        .path("totalCount")
                        .asInt())
                .isZero();
    }

    @Test
    void onlyTenantAdministratorsImport() {
        MemberFiles.write(
                tenant.id(),
                prefix + "-role.csv",
                MemberFiles.csv(List.of(List.of("姓名", "卡号"), List.of("收银", prefix + "R"))));

        Api.Response byCashier = tenant.cashier()
                .post("/api/v1/members/import", MemberFiles.request(prefix + "-role.csv", classId, levelId));

        assertThat(byCashier.http()).isEqualTo(403);
    }
}
