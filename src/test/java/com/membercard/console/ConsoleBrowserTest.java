package com.membercard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.membercard.support.Fixtures;
import com.membercard.support.Fixtures.TenantFixture;
import com.membercard.support.TillFixture;
import com.membercard.support.TillFixture.TestCard;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The admin console in a real browser: Debian's chromium, headless, driven through its own
 * chromedriver (never one that a tool downloads). One browser and the one shared Spring context
 * for every test here; each test signs in as operators of tenants of its own. Without chromium the
 * tests are skipped, saying so. Screenshots of the main pages land in target/console-screenshots/.
 */
@com.membercard.support.IntegrationTest
class ConsoleBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final String PASSWORD = "secret-123";

    static ChromeDriver browser;
    static WebDriverWait wait;

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    static final String NO_BROWSER = "SKIPPED the console's browser tests: no " + CHROMIUM + " and " + CHROMEDRIVER
            + " (apt-get install chromium chromium-driver; .ci/run installs them)";

    @BeforeAll
    static void startBrowser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            // said once in the build's output; each test is then reported skipped with the same words
            System.err.println(NO_BROWSER);
            return;
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--lang=zh-CN",
                "--window-size=1280,800");
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void freshBrowser() {
        assumeTrue(browser != null, NO_BROWSER);
        browser.manage().window().setSize(new Dimension(1280, 800));
        open("/console/login");
        browser.manage().deleteAllCookies();
    }

    @Test
    void signsInWithASessionCookieAndSignsOut() {
        TenantFixture tenant = fixtures.tenant();
        open("/console/members");
        assertThat(browser.getCurrentUrl()).as("a page asks for sign-in first").endsWith("/console/login");
        screenshot("sign-in");

        signIn(tenant.adminUsername(), PASSWORD);
        assertThat(text(By.id("welcome"))).contains(tenant.adminUsername());
        Cookie session = browser.manage().getCookieNamed("MEMBERCARD_CONSOLE");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");

        click(By.id("sign-out"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-out")));
        open("/console/members");
        assertThat(browser.getCurrentUrl()).as("the session ended").endsWith("/console/login");
    }

    @Test
    void aWrongPasswordIsRefusedAsTheApiRefusesIt() {
        TenantFixture tenant = fixtures.tenant();
        open("/console/login");
        type(By.id("username"), tenant.adminUsername());
        type(By.id("password"), "not-the-password");
        click(By.id("sign-in"));
        assertThat(text(By.id("form-error"))).isNotBlank();
        assertThat(browser.getCurrentUrl()).endsWith("/console/login");
    }

    @Test
    void aCashierFindsAMemberRechargesPaysRefundsAndSeesItInTheTransactions() {
        TillFixture till = TillFixture.create(fixtures, "REAL_FIRST", 1, 0);
        TestCard card = till.card();
        String cashier = cashierOf(till.tenant);

        signIn(cashier, PASSWORD);
        click(By.id("nav-till"));
        type(By.id("find-keyword"), card.code());
        WebElement choose =
                wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#search-results a.choose")));
        choose.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("till-member")));
        assertThat(text(By.id("till-balance"))).isEqualTo("0.00");

        // a recharge of 100.00 paid in two parts: 60.00 cash and 40.00 by WeChat
        type(By.id("recharge-mac"), card.mac());
        type(By.id("recharge-payMoney"), "100.00");
        new Select(browser.findElement(By.id("recharge-type-0"))).selectByValue("1");
        type(By.id("recharge-money-0"), "60.00");
        new Select(browser.findElement(By.id("recharge-type-1"))).selectByValue("3");
        type(By.id("recharge-money-1"), "40.00");
        screenshot("till");
        click(By.id("recharge-submit"));
        assertThat(text(By.id("done"))).contains("100.00");
        assertThat(text(By.id("till-balance"))).isEqualTo("100.00");

        // a card payment of 30.50, then 10.50 of it refunded
        type(By.id("pay-mac"), card.mac());
        type(By.id("pay-money"), "30.50");
        String order = browser.findElement(By.id("pay-code")).getAttribute("value");
        click(By.id("pay-submit"));
        assertThat(text(By.id("done"))).contains("30.50");
        assertThat(text(By.id("till-balance"))).isEqualTo("69.50");

        type(By.id("refund-mac"), card.mac());
        type(By.id("refund-code"), order);
        type(By.id("refund-money"), "10.50");
        click(By.id("refund-submit"));
        assertThat(text(By.id("done"))).contains("10.50");
        assertThat(text(By.id("till-balance"))).isEqualTo("80.00");
        assertThat(till.real(card)).as("the API sees the same card").isEqualByComparingTo("80.00");

        click(By.id("member-page"));
        List<String> kinds = browser.findElements(By.cssSelector("#transactions td.bill-kind")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(kinds).contains("RECHARGE", "CARD_PAYMENT", "PAYMENT_REFUND");
        List<String> amounts = browser.findElements(By.cssSelector("#transactions td.num")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(amounts).as("amounts in yuan, signed moves").contains("100.00", "30.50", "-30.50", "10.50");
        assertThat(text(By.id("card-balance"))).isEqualTo("80.00");
        screenshot("member");

        // the manager's dashboard counts them today, from the settlement module's reports
        click(By.id("sign-out"));
        signIn(till.tenant.adminUsername(), PASSWORD);
        assertThat(text(By.id("recharges-today"))).isEqualTo("100.00");
        assertThat(text(By.id("payments-today"))).isEqualTo("30.50");
        assertThat(text(By.id("liability"))).isEqualTo("80.00");
        assertThat(browser.findElements(By.cssSelector("#chart rect.bar"))).isNotEmpty();
        screenshot("dashboard");

        click(By.id("nav-reports"));
        new Select(browser.findElement(By.id("subject"))).selectByValue("card-payments");
        click(By.id("report-show"));
        assertThat(text(By.cssSelector("#report-totals .total-amount"))).isEqualTo("30.50");
        screenshot("reports");
    }

    @Test
    void aTillFormShowsTheApisValidationMessageBesideTheFieldAndChargesNothing() {
        TillFixture till = TillFixture.create(fixtures, "REAL_FIRST", 1, 0);
        TestCard card = till.card("50.00", "0.00");
        signIn(cashierOf(till.tenant), PASSWORD);
        open("/console/till?cardCode=" + card.code());

        type(By.id("pay-mac"), card.mac());
        type(By.id("pay-money"), "-5");
        click(By.id("pay-submit"));
        String error = text(By.id("pay-money-error"));
        assertThat(error).isNotBlank();
        assertThat(browser.findElement(By.id("pay-money")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(till.real(card)).isEqualByComparingTo("50.00");
    }

    @Test
    void aCashierOpensAMemberAndCardWhoseDrawnSecretIsShownOnce() {
        TillFixture till = TillFixture.create(fixtures, "REAL_FIRST", 1, 0);
        signIn(cashierOf(till.tenant), PASSWORD);
        click(By.id("nav-members"));
        click(By.id("open-member"));
        String cardCode = "W" + Fixtures.unique("").replace("-", "");
        type(By.id("field-name"), "李娜");
        type(By.id("field-phone"), "not-a-phone");
        type(By.id("field-cardCode"), cardCode);
        click(By.id("member-save"));
        assertThat(text(By.id("field-phone-error"))).isNotBlank();

        type(By.id("field-phone"), "13912345678");
        click(By.id("member-save"));
        assertThat(text(By.id("member-name"))).isEqualTo("李娜");
        String secret = text(By.id("new-secret"));
        assertThat(till.till()
                        .get("/api/v1/cards?cardCode=" + cardCode + "&mac=" + secret)
                        .http())
                .as("the drawn secret is the card's")
                .isEqualTo(200);
        browser.navigate().refresh();
        assertThat(browser.findElements(By.id("new-secret"))).as("shown once").isEmpty();
    }

    @Test
    void aCashierReportsACardLostCancelsTheLossReplacesTheCardAndReturnsIt() {
        TillFixture till = TillFixture.create(fixtures, "REAL_FIRST", 1, 0);
        TestCard card = till.card("25.00", "0.00");
        signIn(cashierOf(till.tenant), PASSWORD);
        open("/console/members/" + card.memberId());

        click(By.id("report-loss-submit"));
        assertThat(text(By.id("card-status"))).isEqualTo("挂失");

        click(By.id("cancel-loss-submit"));
        assertThat(text(By.id("cancel-loss-mac-error")))
                .as("the secret is required")
                .isNotBlank();
        type(By.id("cancel-loss-mac"), card.mac());
        click(By.id("cancel-loss-submit"));
        assertThat(text(By.id("card-status"))).isEqualTo("正常");

        // replaced while lost: no old secret needed; the member, balance and all move to the new card
        click(By.id("report-loss-submit"));
        String newCode = "R" + Fixtures.unique("").replace("-", "");
        type(By.id("replace-newCardCode"), newCode);
        type(By.id("replace-newMac"), "new-secret-" + newCode);
        click(By.id("replace-submit"));
        assertThat(text(By.id("card-code"))).isEqualTo(newCode);
        assertThat(text(By.id("card-balance"))).isEqualTo("25.00");
        TestCard replaced = new TestCard(newCode, "new-secret-" + newCode, card.memberId());

        type(By.id("return-mac"), replaced.mac());
        click(By.id("return-submit"));
        assertThat(text(By.id("card-status"))).isEqualTo("已退卡");
        assertThat(till.real(replaced)).as("the real balance paid back").isEqualByComparingTo("0.00");
        assertThat(browser.findElements(By.id("card-actions"))).isEmpty();
    }

    @Test
    void aManagerAddsAndRenamesAMemberLevelAndSeesAValidationErrorBesideItsField() {
        TenantFixture tenant = fixtures.tenant();
        signIn(tenant.adminUsername(), PASSWORD);
        click(By.id("nav-catalogue"));
        click(By.id("catalogue-levels"));

        type(By.id("field-name"), "银卡");
        type(By.id("field-level"), "2");
        type(By.id("field-discount"), "1.5");
        click(By.id("catalogue-save"));
        assertThat(text(By.id("field-discount-error"))).as("discount above 1").isNotBlank();
        assertThat(levelNames()).doesNotContain("银卡");
        screenshot("levels-error");

        type(By.id("field-discount"), "0.95");
        click(By.id("catalogue-save"));
        assertThat(text(By.id("done"))).contains("银卡");
        assertThat(levelNames()).contains("银卡");

        browser.findElements(By.cssSelector("#rows tbody tr")).stream()
                .filter(row ->
                        row.findElement(By.className("cell-name")).getText().equals("银卡"))
                .findFirst()
                .orElseThrow()
                .findElement(By.className("edit"))
                .sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.attributeToBe(By.id("field-name"), "value", "银卡"));
        type(By.id("field-name"), "白银卡");
        click(By.id("catalogue-save"));
        assertThat(levelNames()).contains("白银卡").doesNotContain("银卡");
        assertThat(tenant.admin().get("/api/v1/member-levels").body().toString())
                .contains("白银卡");
        screenshot("levels");

        // a gift with stock, in the same table pages
        click(By.id("catalogue-gifts"));
        type(By.id("field-name"), "帆布袋");
        type(By.id("field-points"), "200");
        type(By.id("field-price"), "19.90");
        type(By.id("field-stock"), "30");
        click(By.id("catalogue-save"));
        assertThat(text(By.cssSelector("#rows td.cell-price"))).isEqualTo("19.90");
        assertThat(text(By.cssSelector("#rows td.cell-inUse"))).isEqualTo("是");
        screenshot("gifts");
    }

    @Test
    void aManagerAddsAnOperatorWhoSignsInAndAnApiKeyShownOnce() {
        TenantFixture tenant = fixtures.tenant();
        signIn(tenant.adminUsername(), PASSWORD);
        click(By.id("nav-operators"));
        String username = Fixtures.unique("till");
        type(By.id("field-username"), username);
        type(By.id("field-password"), "short");
        click(By.id("operator-save"));
        assertThat(text(By.id("field-password-error")))
                .as("the API's minimum length")
                .isNotBlank();
        type(By.id("field-password"), PASSWORD);
        new Select(browser.findElement(By.id("field-role"))).selectByValue("CASHIER");
        click(By.id("operator-save"));
        assertThat(browser.findElements(By.cssSelector("#operators td.username")).stream()
                        .map(WebElement::getText))
                .contains(username);

        click(By.id("nav-api-keys"));
        type(By.id("field-name"), "收银台 2 号");
        click(By.id("key-save"));
        String key = text(By.id("new-key"));
        assertThat(key).startsWith("mk_");
        assertThat(fixtures.anonymous().as(key).get("/api/v1/card-classes").http())
                .as("the key works on the API")
                .isEqualTo(200);
        open("/console/api-keys");
        assertThat(browser.findElements(By.id("new-key"))).as("shown once").isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(key);

        click(By.id("sign-out"));
        signIn(username, PASSWORD);
        assertThat(browser.findElements(By.id("nav-till"))).isNotEmpty();
    }

    @Test
    void aManagerEditsAnOperatorAndReissuesAnApiKeyShownOnce() {
        TenantFixture tenant = fixtures.tenant();
        String cashier = cashierOf(tenant);
        signIn(tenant.adminUsername(), PASSWORD);
        click(By.id("nav-operators"));
        operatorRow(cashier).findElement(By.className("edit")).sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("operator-edit")));

        type(By.id("field-name"), "店长小李");
        new Select(browser.findElement(By.id("field-role"))).selectByValue("AUDITOR");
        type(By.id("field-password"), "short");
        click(By.id("operator-update"));
        assertThat(text(By.id("field-password-error")))
                .as("the API's minimum length, beside the field")
                .isNotBlank();
        assertThat(roleOf(tenant, cashier)).as("nothing changed").isEqualTo("CASHIER");

        type(By.id("field-password"), "another-secret-789");
        browser.findElement(By.id("field-active")).click();
        click(By.id("operator-update"));
        assertThat(operatorRow(cashier).getText()).contains("店长小李", "审计员");
        assertThat(roleOf(tenant, cashier)).isEqualTo("AUDITOR");
        assertThat(operatorRow(cashier).findElement(By.className("active")).getText())
                .isEqualTo("否");
        screenshot("operators");

        click(By.id("nav-api-keys"));
        type(By.id("field-name"), "收银台 3 号");
        click(By.id("key-save"));
        String oldKey = text(By.id("new-key"));
        open("/console/api-keys");
        browser.findElements(By.cssSelector("#keys tbody tr")).stream()
                .filter(row ->
                        row.findElement(By.className("key-name")).getText().equals("收银台 3 号"))
                .findFirst()
                .orElseThrow()
                .findElement(By.className("reissue"))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key")));
        String newKey = text(By.id("new-key"));
        assertThat(newKey).startsWith("mk_").isNotEqualTo(oldKey);
        assertThat(fixtures.anonymous().as(oldKey).get("/api/v1/card-classes").http())
                .as("the old key is revoked at once")
                .isEqualTo(401);
        assertThat(fixtures.anonymous().as(newKey).get("/api/v1/card-classes").http())
                .isEqualTo(200);

        // the new key renamed, its name required as the API requires it
        List<WebElement> edits = browser.findElements(By.cssSelector("#keys a.edit"));
        edits.get(edits.size() - 1).sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-edit")));
        type(By.id("field-name"), " ");
        click(By.id("key-update"));
        assertThat(text(By.id("field-name-error"))).isNotBlank();
        type(By.id("field-name"), "收银台 3 号（新）");
        click(By.id("key-update"));
        assertThat(browser.findElements(By.cssSelector("#keys td.key-name")).stream()
                        .map(WebElement::getText))
                .contains("收银台 3 号（新）");
        assertThat(browser.getPageSource()).doesNotContain(newKey);
    }

    @Test
    void thePlatformAdministratorAddsATenantWhoseAdministratorSignsIn() {
        signIn(Fixtures.PLATFORM_ADMIN, Fixtures.PLATFORM_PASSWORD);
        click(By.id("nav-tenants"));
        String admin = Fixtures.unique("owner");
        type(By.id("field-name"), "新商户");
        type(By.id("field-adminUsername"), admin);
        type(By.id("field-adminPassword"), PASSWORD);
        click(By.id("tenant-save"));
        assertThat(text(By.id("done"))).contains("新商户");
        screenshot("tenants");
        open("/console/members");
        assertThat(text(By.id("denied"))).as("no tenant pages for the platform").isNotBlank();

        click(By.id("sign-out"));
        signIn(admin, PASSWORD);
        assertThat(browser.findElements(By.id("nav-catalogue"))).isNotEmpty();
    }

    @Test
    void aManagerImportsMembersFromAnUploadAndFollowsTheJob() throws IOException {
        TillFixture till = TillFixture.create(fixtures, "REAL_FIRST", 1, 0);
        String prefix = "IMP" + Fixtures.unique("").replace("-", "");
        Path file = Files.createTempFile("console-import", ".csv");
        Files.write(
                file,
                com.membercard.support.MemberFiles.csv(List.of(
                        List.of("姓名", "卡号", "卡密"),
                        List.of("导入甲", prefix + "A", "secret-" + prefix + "A"),
                        List.of("导入乙", prefix + "B", "secret-" + prefix + "B"))));
        signIn(till.tenant.adminUsername(), PASSWORD);
        click(By.id("nav-import"));
        click(By.id("import-submit"));
        assertThat(text(By.id("field-file-error"))).as("no file chosen").isNotBlank();

        browser.findElement(By.id("field-file")).sendKeys(file.toAbsolutePath().toString());
        new Select(browser.findElement(By.id("field-memberLevelId"))).selectByValue(String.valueOf(till.levelId));
        click(By.id("import-submit"));
        wait.until(ExpectedConditions.textToBe(By.id("job-status"), "DONE"));
        assertThat(text(By.id("job-rows"))).isEqualTo("共 2 行：导入 2，跳过 0，失败 0");
        screenshot("import");
        open("/console/members?keyword=" + prefix);
        assertThat(browser.findElements(By.cssSelector("#members tbody tr"))).hasSize(2);
        Files.deleteIfExists(file);
    }

    @Test
    void aCashierClosesTheShopsDay() {
        TenantFixture tenant = fixtures.tenant();
        signIn(cashierOf(tenant), PASSWORD);
        click(By.id("nav-day-end"));
        By status = By.cssSelector("#shop-" + tenant.shopId() + " .day-status");
        assertThat(text(status)).isEqualTo("未日结");
        click(By.cssSelector("#shop-" + tenant.shopId() + " button.close-day"));
        assertThat(text(By.id("done"))).isNotBlank();
        assertThat(text(status)).isEqualTo("日结完成");
        assertThat(tenant.admin()
                        .get("/api/v1/day-end/days?shopId=" + tenant.shopId())
                        .body()
                        .path("data")
                        .path(0)
                        .path("status")
                        .asInt())
                .as("the API sees the day closed")
                .isEqualTo(904);
        screenshot("day-end");
    }

    @Test
    void aCashierIsRefusedAManagersPage() {
        TenantFixture tenant = fixtures.tenant();
        signIn(cashierOf(tenant), PASSWORD);
        assertThat(browser.findElements(By.id("nav-catalogue")))
                .as("no menu for it")
                .isEmpty();
        open("/console/catalog/levels");
        assertThat(text(By.id("denied"))).isNotBlank();
        assertThat(browser.findElements(By.id("rows"))).isEmpty();
    }

    @Test
    void tenantBNeverSeesTenantAsMemberByUrl() {
        TillFixture tenantA = TillFixture.create(fixtures, "REAL_FIRST", 1, 0);
        TestCard theirs = tenantA.card();
        String theirName = tenantA.tenant
                .admin()
                .get("/api/v1/members/" + theirs.memberId())
                .body()
                .path("name")
                .asString();
        assertThat(theirName).isNotBlank();
        TenantFixture tenantB = fixtures.tenant();

        signIn(tenantA.tenant.adminUsername(), PASSWORD);
        open("/console/members/" + theirs.memberId());
        assertThat(text(By.id("member-name"))).as("tenant A sees its member").isEqualTo(theirName);
        click(By.id("sign-out"));

        signIn(tenantB.adminUsername(), PASSWORD);
        open("/console/members/" + theirs.memberId());
        assertThat(text(By.id("error-message"))).contains("404");
        assertThat(browser.getPageSource()).doesNotContain(theirName).doesNotContain(theirs.code());
        open("/console/members?keyword=" + theirs.code());
        assertThat(browser.findElements(By.cssSelector("#members tbody tr"))).isEmpty();
    }

    @Test
    void theLanguageSwitchIsRememberedAndChineseIsTheDefault() {
        open("/console/login");
        assertThat(text(By.id("sign-in"))).isEqualTo("登录");
        click(By.id("lang-en"));
        wait.until(ExpectedConditions.textToBe(By.id("sign-in"), "Sign in"));
        open("/console/login");
        assertThat(text(By.id("sign-in"))).as("remembered").isEqualTo("Sign in");
        click(By.id("lang-zh"));
        wait.until(ExpectedConditions.textToBe(By.id("sign-in"), "登录"));
    }

    @Test
    void theMembersListPagesWithTotalsAndKeepsItsLayoutAtTabletWidth() {
        TillFixture till = TillFixture.create(fixtures, "REAL_FIRST", 1, 0);
        for (int i = 0; i < 22; i++) {
            till.card("10.00", "0.00");
        }
        signIn(till.tenant.adminUsername(), PASSWORD);
        click(By.id("nav-members"));
        assertThat(browser.findElements(By.cssSelector("#members tbody tr"))).hasSize(MemberPages.PAGE_SIZE);
        assertThat(text(By.cssSelector("#totals td.num"))).isEqualTo("220.00");
        assertThat(text(By.id("page-of"))).contains("22");
        screenshot("members");
        click(By.cssSelector("a[rel=next]"));
        assertThat(browser.findElements(By.cssSelector("#members tbody tr"))).hasSize(2);

        browser.manage().window().setSize(new Dimension(768, 1024));
        open("/console/members");
        Object overflow = browser.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
        assertThat(overflow)
                .as("no sideways scrolling of the page at tablet width")
                .isEqualTo(false);
    }

    private String cashierOf(TenantFixture tenant) {
        Map<String, Object> body = new HashMap<>(Fixtures.operator(Fixtures.unique("cashier")));
        body.put("shopId", tenant.shopId());
        Fixtures.createdId(tenant.admin().post("/api/v1/operators", body));
        return (String) body.get("username");
    }

    private static String roleOf(TenantFixture tenant, String username) {
        for (var operator : tenant.admin().get("/api/v1/operators").body()) {
            if (operator.path("username").asString().equals(username)) {
                return operator.path("role").asString();
            }
        }
        throw new AssertionError("no operator " + username);
    }

    private static WebElement operatorRow(String username) {
        return browser.findElements(By.cssSelector("#operators tbody tr")).stream()
                .filter(row ->
                        row.findElement(By.className("username")).getText().equals(username))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no operator " + username));
    }

    private void signIn(String username, String password) {
        open("/console/login");
        type(By.id("username"), username);
        type(By.id("password"), password);
        click(By.id("sign-in"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("welcome")));
    }

    private List<String> levelNames() {
        return browser.findElements(By.cssSelector("#rows td.cell-name")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private static void type(By field, String text) {
        WebElement element = wait.until(ExpectedConditions.visibilityOfElementLocated(field));
        element.clear();
        element.sendKeys(text);
    }

    /** Clicks a link or button that loads a page, and waits until the old page is gone. */
    private static void click(By what) {
        WebElement page = browser.findElement(By.tagName("html"));
        wait.until(ExpectedConditions.elementToBeClickable(what)).click();
        wait.until(driver -> isGone(page));
    }

    /**
     * Whether an element of the previous page is gone: stale, or (chromedriver's other answer for a
     * node of a document already replaced) "does not belong to the document".
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (WebDriverException e) {
            return true;
        }
    }

    private static String text(By what) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(what))
                .getText()
                .strip();
    }

    private static void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            browser.executeScript("window.scrollTo(0, 0);");
            File shot = browser.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("screenshot " + name, e);
        }
    }
}
